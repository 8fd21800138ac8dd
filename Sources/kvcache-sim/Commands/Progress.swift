import Dispatch
import Foundation
import KVCacheInput
import KVCacheRender

/// A progress line on stderr: shown only when stderr is a terminal, and only once the run has
/// taken more than a second; then refreshed every second with the current phase, its percent
/// done and an estimate of the time left when the phase can tell (reading a trace file: bytes
/// read of its size), the elapsed time otherwise; erased at the end. Scripts and tests see
/// clean output.
final class Progress: @unchecked Sendable {
    private let label: String
    private let start = DispatchTime.now()
    private var phaseStart = DispatchTime.now()
    private let lock = NSLock()
    private var phase = ""
    private var fraction: (@Sendable () -> Double?)?
    private var shown = false
    private var timer: DispatchSourceTimer?
    /// Follows the reading of the input file; give it to `WorkloadLoader.load`.
    let reading = ReadProgress()

    init(label: String) {
        self.label = label
        guard isatty(STDERR_FILENO) != 0 else { return }
        let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
        self.timer = timer
    }

    /// Names what the run is doing now; `fraction`, when given, tells how much of it is done.
    func step(_ text: String, fraction: (@Sendable () -> Double?)? = nil) {
        lock.lock()
        phase = text
        self.fraction = fraction
        phaseStart = DispatchTime.now()
        lock.unlock()
    }

    /// The reading phase, its fraction from the bytes read.
    func stepReading() {
        let reading = reading
        step("reading input", fraction: { reading.fraction })
    }

    private func draw() {
        lock.lock()
        defer { lock.unlock() }
        let now = DispatchTime.now().uptimeNanoseconds
        let line = Formatting.progressLine(label: label, phase: phase, fraction: fraction?(),
                                           elapsed: Double(now - start.uptimeNanoseconds) / 1e9,
                                           phaseElapsed: Double(now - phaseStart.uptimeNanoseconds) / 1e9)
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
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
