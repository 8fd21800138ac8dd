import Foundation

/// Raw-id buffers handed from thread to thread and reused: a parse takes one, the consumer
/// gives it back when it is done with it, so a whole input is parsed into the few buffers in
/// flight and their pages are faulted in once (a fresh multi-megabyte buffer per block costs
/// more in page faults than the parse writing it). O(1) per take and give, under a lock.
final class RawIdBufferPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [RawIdBuffer] = []

    init() {}

    /// An empty buffer: a given-back one (with its grown capacity), or a new one of `capacity`.
    func take(capacity: Int) -> RawIdBuffer {
        lock.lock()
        let buffer = free.popLast()
        lock.unlock()
        guard let buffer else { return RawIdBuffer(capacity: capacity) }
        buffer.removeAll()
        return buffer
    }

    /// Gives `buffer` back; nobody may use it after this.
    func give(_ buffer: RawIdBuffer) {
        lock.lock()
        free.append(buffer)
        lock.unlock()
    }
}
