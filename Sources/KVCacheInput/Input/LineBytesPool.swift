import Foundation

/// `LineBytes` given back once their block is parsed, for the next blocks: the blocks in flight
/// at once are all the buffers a whole input needs. O(buffers held) per take, under a lock.
final class LineBytesPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [LineBytes] = []

    init() {}

    /// A buffer of at least `capacity` bytes: a given-back one, or a new one.
    func take(capacity: Int) -> LineBytes {
        lock.lock()
        let k = free.firstIndex { $0.capacity >= capacity }
        let buffer = k.map { free.remove(at: $0) }
        lock.unlock()
        return buffer ?? LineBytes(capacity: capacity)
    }

    /// Gives `buffer` back, of which `used` bytes were used: nothing may read it after this. (A
    /// view into a mapped file is not kept; its pages are let go.)
    func give(_ buffer: LineBytes, used: Int) {
        guard buffer.isOwned else { return buffer.dropMapping(count: used) }
        lock.lock()
        free.append(buffer)
        lock.unlock()
    }
}
