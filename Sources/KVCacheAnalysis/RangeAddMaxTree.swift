/// A segment tree over `0 ..< count` points holding integer loads, with "add v on [l, r)" and
/// "max on [l, r)", both O(log n), bottom-up with no recursion (additions are kept at the
/// nodes they cover and pushed down only along the two boundary paths of a query: max and
/// addition commute). Flat `Int32` arrays, 12 bytes per point (power-of-two size).
struct RangeAddMaxTree {
    private let size: Int  // leaves, a power of two
    private let height: Int
    private var value: [Int32]  // node max, including additions at the node and below
    private var pending: [Int32]  // addition stored at an inner node, not yet in its children

    init(count: Int) {
        var n = 1, h = 0
        while n < Swift.max(1, count) { n <<= 1; h += 1 }
        size = n
        height = h
        value = [Int32](repeating: 0, count: 2 * n)
        pending = [Int32](repeating: 0, count: n)
    }

    @inline(__always)
    private mutating func apply(_ p: Int, _ v: Int32) {
        value[p] &+= v
        if p < size { pending[p] &+= v }
    }

    @inline(__always)
    private mutating func rebuild(_ leaf: Int) {
        var p = leaf >> 1
        while p >= 1 {
            value[p] = Swift.max(value[2 &* p], value[2 &* p &+ 1]) &+ pending[p]
            p >>= 1
        }
    }

    @inline(__always)
    private mutating func push(_ leaf: Int) {
        var s = height
        while s > 0 {
            let i = leaf >> s
            let d = pending[i]
            if d != 0 {
                apply(2 &* i, d)
                apply(2 &* i &+ 1, d)
                pending[i] = 0
            }
            s &-= 1
        }
    }

    /// Adds `v` to every point of `[lower, upper)`.
    mutating func add(_ v: Int32, _ lower: Int, _ upper: Int) {
        guard lower < upper else { return }
        var l = lower &+ size, r = upper &+ size
        let l0 = l, r0 = r &- 1
        while l < r {
            if l & 1 == 1 { apply(l, v); l &+= 1 }
            if r & 1 == 1 { r &-= 1; apply(r, v) }
            l >>= 1
            r >>= 1
        }
        rebuild(l0)
        rebuild(r0)
    }

    /// The largest load on `[lower, upper)` (0 for an empty range).
    mutating func max(_ lower: Int, _ upper: Int) -> Int32 {
        guard lower < upper else { return 0 }
        var l = lower &+ size, r = upper &+ size
        push(l)
        push(r &- 1)
        var best = Int32.min
        while l < r {
            if l & 1 == 1 { best = Swift.max(best, value[l]); l &+= 1 }
            if r & 1 == 1 { r &-= 1; best = Swift.max(best, value[r]) }
            l >>= 1
            r >>= 1
        }
        return best
    }
}
