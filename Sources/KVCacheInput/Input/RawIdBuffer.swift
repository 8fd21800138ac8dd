import KVCacheCore
/// A growable buffer of raw block ids reused for every line of a trace: appends without the
/// copy-on-write uniqueness check or the dynamic exclusivity check an `Array` in a closure pays
/// (one reader owns it and uses it one line at a time).
final class RawIdBuffer {
    @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var capacity: Int

    init(capacity: Int = 1024) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    func append(_ value: UInt64) {
        if count == capacity { grow() }
        base[count] = value
        count &+= 1
    }

    @inline(__always)
    func removeAll() { count = 0 }

    /// Makes room for `extra` more ids without growing, for a writer through `end`.
    @inline(__always)
    func reserve(extra: Int) {
        while capacity - count < extra { grow() }
    }

    /// Where the next id goes; `advance(by:)` counts ids written there (within `reserve`).
    @inline(__always)
    var end: UnsafeMutablePointer<UInt64> { base + count }

    @inline(__always)
    func advance(by n: Int) {
        count &+= n
    }

    /// Drops the ids appended after the first `n` (a line that failed, rolled back).
    @inline(__always)
    func removeAll(after n: Int) {
        precondition(n >= 0 && n <= count)
        count = n
    }

    var isEmpty: Bool { count == 0 }

    /// The ids appended since the last `removeAll`.
    var buffer: UnsafeBufferPointer<UInt64> { UnsafeBufferPointer(start: base, count: count) }

    private func grow() {
        let bigger = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity * 2)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}
