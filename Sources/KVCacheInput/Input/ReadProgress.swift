import Foundation

/// How far the reading of one input file has come: raw bytes read (compressed bytes for a
/// compressed file) out of the file's size. Updated by the reading thread (or the read-ahead
/// thread), read by a progress display on another; a lock keeps the two consistent. A pipe or
/// standard input has no total, hence no fraction.
public final class ReadProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var consumed = 0
    private var total: Int?

    public init() {}

    /// Done so far, in [0, 1]; nil when the size is unknown (a pipe) or nothing was opened yet.
    public var fraction: Double? {
        lock.lock()
        defer { lock.unlock() }
        guard let total, total > 0 else { return nil }
        return min(1, Double(consumed) / Double(total))
    }

    func start(total: Int?, consumed: Int) {
        lock.lock()
        self.total = total
        self.consumed = consumed
        lock.unlock()
    }

    func add(_ bytes: Int) {
        lock.lock()
        consumed &+= bytes
        lock.unlock()
    }
}
