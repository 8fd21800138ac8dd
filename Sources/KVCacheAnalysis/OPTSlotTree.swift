/// Segment tree over time slots for `OPTStackDistances`: range add, point assign and "leftmost
/// leaf at or after L whose value is <= 0". Values are `Int32`; empty leaves hold `infinity`.
///
/// Iterative layout with non-propagated adds: node v (1 <= v < 2 * leafCount) has children 2v and
/// 2v + 1, leaves are leafCount..<2 * leafCount. For an internal node,
/// `minimum[v] = min(minimum[2v], minimum[2v + 1]) + pending[v]`; the value of a leaf is its
/// `minimum` plus the `pending` of all its strict ancestors. The tree does not own its memory:
/// `OPTStackDistances` allocates, copies and frees it.
struct OPTSlotTree {
    static let infinity: Int32 = 1 << 30

    let leafCount: Int  // a power of two
    let minimum: UnsafeMutablePointer<Int32>  // 2 * leafCount entries, [0] unused
    let pending: UnsafeMutablePointer<Int32>  // leafCount entries (internal nodes), [0] unused

    /// Allocates a tree of `leafCount` (a power of two) leaves, all `infinity`.
    static func allocate(leafCount: Int) -> OPTSlotTree {
        precondition(leafCount > 0 && leafCount & (leafCount - 1) == 0)
        let tree = OPTSlotTree(
            leafCount: leafCount,
            minimum: .allocate(capacity: 2 * leafCount),
            pending: .allocate(capacity: leafCount))
        tree.minimum.initialize(repeating: infinity, count: 2 * leafCount)
        tree.pending.initialize(repeating: 0, count: leafCount)
        return tree
    }

    func deallocate() {
        minimum.deallocate()
        pending.deallocate()
    }

    func copy() -> OPTSlotTree {
        let other = OPTSlotTree.allocate(leafCount: leafCount)
        other.minimum.update(from: minimum, count: 2 * leafCount)
        other.pending.update(from: pending, count: leafCount)
        return other
    }

    /// Recomputes the ancestors of node v from their children, stopping early where nothing changes.
    @inline(__always)
    private func pullChanged(_ node: Int) {
        var v = node >> 1
        while v >= 1 {
            let updated = min(minimum[2 &* v], minimum[2 &* v &+ 1]) &+ pending[v]
            if updated == minimum[v] { return }
            minimum[v] = updated
            v >>= 1
        }
    }

    /// Sets leaf `slot` to `value`, given that none of its ancestors holds a pending add (true for a
    /// slot no range add has reached yet).
    @inline(__always)
    func setFresh(_ slot: Int, to value: Int32) {
        let leaf = slot &+ leafCount
        minimum[leaf] = value
        pullChanged(leaf)
    }

    /// Empties leaf `slot` (its value becomes about `infinity`).
    @inline(__always)
    func clear(_ slot: Int) {
        let leaf = slot &+ leafCount
        minimum[leaf] = OPTSlotTree.infinity
        pullChanged(leaf)
    }

    /// Recomputes internal node v from its children; returns whether its entry changed.
    @inline(__always)
    private func recompute(_ v: Int) -> Bool {
        let updated = min(minimum[2 &* v], minimum[2 &* v &+ 1]) &+ pending[v]
        if updated == minimum[v] { return false }
        minimum[v] = updated
        return true
    }

    /// Adds `delta` to every leaf in `lower..<upper` (which must be non-empty).
    @inline(__always)
    func add(_ delta: Int32, _ lower: Int, _ upper: Int) {
        var lo = lower &+ leafCount
        var hi = upper &+ leafCount
        var left = lo >> 1  // ancestors of the first and the last leaf
        var right = (hi &- 1) >> 1
        var levels = 0  // the nodes changed directly lie in the lowest `levels` levels
        while lo < hi {
            if lo & 1 == 1 {
                minimum[lo] &+= delta
                if lo < leafCount { pending[lo] &+= delta }
                lo &+= 1
            }
            if hi & 1 == 1 {
                hi &-= 1
                minimum[hi] &+= delta
                if hi < leafCount { pending[hi] &+= delta }
            }
            lo >>= 1
            hi >>= 1
            levels &+= 1
        }
        // Recompute both boundary paths level by level: unconditionally up to the highest node
        // changed directly, then only while something still changes.
        var level = 1
        while left >= 1 {
            var changed = recompute(left)
            if right != left { changed = recompute(right) || changed }
            if level >= levels && !changed { return }
            left >>= 1
            right >>= 1
            level &+= 1
        }
    }

    /// The smallest slot >= `lower` whose value is <= 0, or -1 if there is none.
    @inline(__always)
    func leftmostNonPositive(from lower: Int) -> Int {
        var v = lower &+ leafCount
        // above: the sum of `pending` over the strict ancestors of v.
        var above: Int32 = 0
        var u = v >> 1
        while u >= 1 {
            above &+= pending[u]
            u >>= 1
        }
        if minimum[v] &+ above <= 0 { return lower }
        // Walk up; each right sibling of the path is the next block of slots to the right.
        while v > 1 {
            if v & 1 == 0 && minimum[v &+ 1] &+ above <= 0 {
                // Descend into the right sibling, always to the leftmost child that reaches <= 0.
                var w = v &+ 1
                var sum = above
                while w < leafCount {
                    sum &+= pending[w]
                    w = 2 &* w
                    if minimum[w] &+ sum > 0 { w &+= 1 }
                }
                return w &- leafCount
            }
            v >>= 1
            above &-= pending[v]
        }
        return -1
    }

    /// Pushes every pending add down to the leaves: afterwards each leaf's `minimum` is its value
    /// and every `pending` entry is 0.
    func flushPending() {
        for v in 1..<leafCount {
            let delta = pending[v]
            if delta != 0 {
                minimum[2 &* v] &+= delta
                minimum[2 &* v &+ 1] &+= delta
                if 2 &* v < leafCount {
                    pending[2 &* v] &+= delta
                    pending[2 &* v &+ 1] &+= delta
                }
                pending[v] = 0
            }
        }
    }

    /// Leaf `slot`'s stored entry: its value right after `flushPending()`.
    @inline(__always)
    func leaf(_ slot: Int) -> Int32 { minimum[slot &+ leafCount] }

    /// Overwrites leaf `slot`'s stored entry without updating its ancestors (use `rebuild` after).
    @inline(__always)
    func setLeafRaw(_ slot: Int, _ value: Int32) { minimum[slot &+ leafCount] = value }

    /// Empties the leaves from `count` on and recomputes every internal node from the leaves.
    /// `pending` must be all zero (as after `flushPending()`).
    func rebuild(keeping count: Int) {
        for i in count..<leafCount { minimum[leafCount &+ i] = OPTSlotTree.infinity }
        for v in stride(from: leafCount &- 1, through: 1, by: -1) {
            minimum[v] = min(minimum[2 &* v], minimum[2 &* v &+ 1])
        }
    }
}
