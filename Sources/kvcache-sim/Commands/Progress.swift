import Dispatch
import Foundation

/// A progress line on stderr: shown only when stderr is a terminal, and only once the
/// run has taken more than a second; then refreshed every second with the current phase and
/// the elapsed time, and erased at the end. Scripts and tests see clean output.
final class Progress: @unchecked Sendable {
    private let label: String
    private let start = DispatchTime.now()
    private let lock = NSLock()
    private var phase = ""
    private var shown = false
    private var timer: DispatchSourceTimer?

    init(label: String) {
        self.label = label
        guard isatty(STDERR_FILENO) != 0 else { return }
        let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
        self.timer = timer
    }

    /// Names what the run is doing now.
    func step(_ text: String) {
        lock.lock()
        phase = text
        lock.unlock()
    }

    private func draw() {
        lock.lock()
        defer { lock.unlock() }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        FileHandle.standardError.write(Data("\r\u{1B}[K\(label): \(phase) (\(Int(seconds)) s)".utf8))
        shown = true
    }

    /// Stops the line and erases it.
    func done() {
        timer?.cancel()
        timer = nil
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    deinit { timer?.cancel() }
}
