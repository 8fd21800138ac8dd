import Foundation

/// A progress line on stderr, shown only when stderr is a terminal and the run has taken more
/// than a second (issue 3); silent otherwise, so scripts and tests see clean output.
final class Progress {
    private let label: String
    private let start = Date()
    private let enabled = isatty(STDERR_FILENO) != 0
    private var shown = false

    init(label: String) { self.label = label }

    func step(_ text: String) {
        guard enabled, Date().timeIntervalSince(start) > 1 else { return }
        shown = true
        FileHandle.standardError.write(Data("\r\u{1B}[K\(label): \(text) (\(Int(Date().timeIntervalSince(start))) s)".utf8))
    }

    func done() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
