/// A fixed-size array of trivial values behind one allocation, for the per-access hot paths:
/// no copy-on-write check and no bounds check in release builds (debug builds check bounds).
///
/// It is `~Copyable`: the allocation has exactly one owner, so policy and cache state built
/// from it cannot be shared by an accidental copy; it is freed when its owner goes away.
public struct FlatArray<Element: BitwiseCopyable>: ~Copyable {
    @usableFromInline let base: UnsafeMutablePointer<Element>
    public let count: Int

    public init(repeating value: Element, count: Int) {
        self.count = count
        base = .allocate(capacity: Swift.max(count, 1))
        base.initialize(repeating: value, count: Swift.max(count, 1))
    }

    deinit { base.deallocate() }

    @inlinable
    public subscript(_ i: Int) -> Element {
        @inline(__always) get {
            assert(i >= 0 && i < count, "FlatArray index \(i) out of 0..<\(count)")
            return base[i]
        }
        @inline(__always) nonmutating set {
            assert(i >= 0 && i < count, "FlatArray index \(i) out of 0..<\(count)")
            base[i] = newValue
        }
    }

    /// Sets every element to `value`.
    public func fill(_ value: Element) {
        base.update(repeating: value, count: count)
    }
}
