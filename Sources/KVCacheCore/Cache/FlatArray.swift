import CPrefetch

/// A fixed-size array of trivial values behind one allocation, for the per-access hot paths:
/// no copy-on-write check and no bounds check in release builds (debug builds check bounds).
///
/// It is `~Copyable`: the allocation has exactly one owner, so policy and cache state built
/// from it cannot be shared by an accidental copy; it is freed when its owner goes away.
public struct FlatArray<Element: BitwiseCopyable>: ~Copyable {
    @usableFromInline private(set) var base: UnsafeMutablePointer<Element>
    public private(set) var count: Int

    public init(repeating value: Element, count: Int) {
        self.count = count
        base = .allocate(capacity: Swift.max(count, 1))
        base.initialize(repeating: value, count: Swift.max(count, 1))
    }

    deinit { base.deallocate() }

    /// The element in place: `a[i].field = x` writes that field alone.
    @inlinable
    public subscript(_ i: Int) -> Element {
        @inline(__always) unsafeAddress {
            assert(i >= 0 && i < count, "FlatArray index \(i) out of 0..<\(count)")
            return UnsafePointer(base + i)
        }
        @inline(__always) nonmutating unsafeMutableAddress {
            assert(i >= 0 && i < count, "FlatArray index \(i) out of 0..<\(count)")
            return base + i
        }
    }

    /// The first element's address, for a hot loop that holds it in a register (a store through
    /// a pointer may alias the owner's fields, so the base read through the owner is loaded again
    /// after each one). Valid until the array grows or is freed.
    @inline(__always)
    public var pointer: UnsafeMutablePointer<Element> { base }

    /// Starts loading element `i`'s cache line (a hint: never faults, changes nothing), for a
    /// hot loop that knows the element it will touch a few steps ahead.
    @inline(__always)
    public func prefetch(_ i: Int) { cprefetch_read(base + i) }

    /// Grows to `newCount` elements (no-op when not larger), keeping the first `count` and
    /// setting the new ones to `value`: one allocation and one copy, O(newCount). Streaming runs
    /// call it between chunks, when the trace has shown new distinct blocks (MODEL 3.7).
    public mutating func grow(to newCount: Int, filling value: Element) {
        guard newCount > count else { return }
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: newCount)
        grown.initialize(from: base, count: count)
        (grown + count).initialize(repeating: value, count: newCount - count)
        base.deallocate()
        base = grown
        count = newCount
    }

    /// Sets every element to `value`.
    public func fill(_ value: Element) {
        base.update(repeating: value, count: count)
    }
}
