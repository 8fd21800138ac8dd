/// A fixed-size array of trivial values behind one allocation, for the per-access hot paths:
/// no copy-on-write uniqueness check and no bounds check in release builds (debug builds
/// check bounds). It is a class: copies of a policy share it, which is why policies are used
/// in place (inout) and never copied.
public final class FlatStorage<Element: BitwiseCopyable> {
    @usableFromInline let base: UnsafeMutablePointer<Element>
    public let count: Int

    public init(repeating value: Element, count: Int) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: value, count: max(count, 1))
    }

    deinit { base.deallocate() }

    @inlinable
    public subscript(_ i: Int) -> Element {
        @inline(__always) get {
            assert(i >= 0 && i < count, "FlatStorage index \(i) out of 0..<\(count)")
            return base[i]
        }
        @inline(__always) set {
            assert(i >= 0 && i < count, "FlatStorage index \(i) out of 0..<\(count)")
            base[i] = newValue
        }
    }

    /// Sets every element to `value`.
    public func fill(_ value: Element) {
        base.update(repeating: value, count: count)
    }
}
