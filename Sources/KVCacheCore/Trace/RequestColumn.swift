/// One `Int32` per request (or per request boundary) of a `Trace`: its request offsets and input
/// lengths. While the values appended form an arithmetic sequence, `first + step * i`, it
/// stores none of them: an `ids` or oracle-general trace (one block of one length per request)
/// then holds 4 bytes per access instead of 12, and its reading writes, and faults in, a third
/// of the memory. The first value off the sequence stores every value from then on (O(count),
/// once). Either way it reads the same values, so it is a plain collection of `Int32` to
/// everyone but the hot loops, which take a `View` (`withView`): a pointer, or the sequence's
/// two numbers, behind one predictable branch per read.
///
/// O(1) reads and amortised O(1) appends; memory 4 bytes per value once stored, else none.
public struct RequestColumn: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
    /// The values, once they are not (or no longer) a sequence; empty while `isImplicit`.
    @usableFromInline var stored: [Int32] = []
    /// Whether the values are `first + step * i` for `i < implicitCount`, none stored.
    public private(set) var isImplicit = true
    @usableFromInline var first: Int32 = 0
    @usableFromInline var step: Int32 = 0
    @usableFromInline var implicitCount = 0
    /// Values the caller said it will append (`reserveCapacity`), for when they are stored.
    private var reserved = 0

    public init() {}

    public init(arrayLiteral values: Int32...) {
        self.init(values)
    }

    public init<S: Sequence>(_ values: S) where S.Element == Int32 {
        append(contentsOf: values)
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { isImplicit ? implicitCount : stored.count }

    @inlinable
    public subscript(i: Int) -> Int32 {
        guard isImplicit else { return stored[i] }
        precondition(i >= 0 && i < implicitCount, "RequestColumn index out of range")
        return Self.value(first, step, i)
    }

    /// `first + step * i`, exact: every such value below the count was appended as an `Int32`.
    @inlinable @inline(__always)
    static func value(_ first: Int32, _ step: Int32, _ i: Int) -> Int32 {
        Int32(truncatingIfNeeded: Int(first) &+ Int(step) &* i)
    }

    /// The value of every element when the column is implicit and all its values are equal (one
    /// input length for every request), else nil.
    public var commonValue: Int32? {
        guard isImplicit, implicitCount >= 1, implicitCount == 1 || step == 0 else { return nil }
        return first
    }

    public static func == (a: RequestColumn, b: RequestColumn) -> Bool {
        a.elementsEqual(b)
    }

    public mutating func append(_ v: Int32) {
        if isImplicit {
            if implicitCount == 0 {
                first = v
                implicitCount = 1
                return
            }
            if implicitCount == 1 {
                step = v &- first
                if Int(first) + Int(step) == Int(v) {  // the difference fits an Int32
                    implicitCount = 2
                    return
                }
            } else if Int(first) + Int(step) * implicitCount == Int(v) {
                implicitCount += 1
                return
            }
            store()
        }
        stored.append(v)
    }

    /// Appends `n` copies of `v`.
    public mutating func append(repeating v: Int32, count n: Int) {
        guard n > 0 else { return }
        if isImplicit, implicitCount == 0 || (v == first && (implicitCount == 1 || step == 0)) {
            first = v
            step = 0
            implicitCount += n
            return
        }
        if isImplicit { store() }
        stored.append(contentsOf: repeatElement(v, count: n))
    }

    /// Appends `from + 1 ... from + n` (the offsets after `n` one-block requests that start at
    /// `from`); `from + n` must fit an `Int32`.
    public mutating func append(successorsOf from: Int32, count n: Int) {
        guard n > 0 else { return }
        if isImplicit {
            if implicitCount == 0 {
                first = from + 1
                step = 1
                implicitCount = n
                return
            }
            if (implicitCount == 1 || step == 1), Self.value(first, step, implicitCount - 1) == from {
                step = 1
                implicitCount += n
                return
            }
            store()
        }
        stored.append(contentsOf: (from + 1) ... (from + Int32(n)))
    }

    public mutating func append<S: Sequence>(contentsOf values: S) where S.Element == Int32 {
        for v in values { append(v) }
    }

    /// Room for `n` values in all, once they are stored (an implicit column needs none).
    public mutating func reserveCapacity(_ n: Int) {
        reserved = Swift.max(reserved, n)
        if !isImplicit { stored.reserveCapacity(n) }
    }

    /// Values the column has room for (at least its count).
    public var capacity: Int { isImplicit ? Swift.max(reserved, implicitCount) : stored.capacity }

    /// The values stored from now on (once, O(count)).
    private mutating func store() {
        var values: [Int32] = []
        values.reserveCapacity(Swift.max(reserved, implicitCount + 1))
        for i in 0 ..< implicitCount { values.append(Self.value(first, step, i)) }
        stored = values
        isImplicit = false
        implicitCount = 0
    }

    /// The stored values' buffer and capacity, for a helper that faults their pages in ahead of
    /// the appends (nil while implicit: nothing to fault in).
    func withStoredBuffer<R>(_ body: (UnsafeBufferPointer<Int32>?, Int) -> R) -> R {
        guard !isImplicit else { return body(nil, 0) }
        return stored.withUnsafeBufferPointer { body($0, stored.capacity) }
    }

    /// Calls `body` with a view of the values for a hot loop (valid inside `body` only).
    @inlinable
    public func withView<R>(_ body: (View) throws -> R) rethrows -> R {
        if isImplicit { return try body(View(base: nil, first: Int(first), step: Int(step), count: implicitCount)) }
        return try stored.withUnsafeBufferPointer { try body(View(base: $0.baseAddress, first: 0, step: 0, count: $0.count)) }
    }

    /// The values for a hot loop: a pointer to the stored ones, or the sequence's two numbers.
    public struct View {
        @usableFromInline let base: UnsafePointer<Int32>?
        @usableFromInline let first: Int
        @usableFromInline let step: Int
        public let count: Int

        @inlinable
        init(base: UnsafePointer<Int32>?, first: Int, step: Int, count: Int) {
            self.base = base
            self.first = first
            self.step = step
            self.count = count
        }

        @inlinable @inline(__always)
        public subscript(i: Int) -> Int32 {
            if let base { return base[i] }
            return Int32(truncatingIfNeeded: first &+ step &* i)
        }
    }
}
