/// Minimum segment tree over the critical markers of `OPTStackDistances`: point assign and
/// "leftmost index whose value is <= t". Iterative layout (node v has children 2v and 2v + 1,
/// leaves at leafCount..<2 * leafCount); empty leaves hold `Int32.max`. The tree does not own its
/// memory: `OPTStackDistances` allocates, copies and frees it.
struct OPTMarkerTree {
    let leafCount: Int  // a power of two
    let minimum: UnsafeMutablePointer<Int32>  // 2 * leafCount entries, [0] unused

    static func allocate(leafCount: Int) -> OPTMarkerTree {
        precondition(leafCount > 0 && leafCount & (leafCount - 1) == 0)
        let tree = OPTMarkerTree(leafCount: leafCount, minimum: .allocate(capacity: 2 * leafCount))
        tree.minimum.initialize(repeating: .max, count: 2 * leafCount)
        return tree
    }

    func deallocate() { minimum.deallocate() }

    func copy() -> OPTMarkerTree {
        let other = OPTMarkerTree.allocate(leafCount: leafCount)
        other.minimum.update(from: minimum, count: 2 * leafCount)
        return other
    }

    @inline(__always)
    func value(_ index: Int) -> Int32 { minimum[index &+ leafCount] }

    @inline(__always)
    func set(_ index: Int, _ value: Int32) {
        var v = index &+ leafCount
        minimum[v] = value
        v >>= 1
        while v >= 1 {
            let updated = min(minimum[2 &* v], minimum[2 &* v &+ 1])
            if updated == minimum[v] { return }
            minimum[v] = updated
            v >>= 1
        }
    }

    /// The smallest index whose value is <= `bound`, or -1 if there is none.
    @inline(__always)
    func leftmostAtMost(_ bound: Int32) -> Int {
        if minimum[1] > bound { return -1 }
        var v = 1
        while v < leafCount {
            v = 2 &* v
            if minimum[v] > bound { v &+= 1 }
        }
        return v &- leafCount
    }

    /// Overwrites leaf `index` without updating its ancestors (use `rebuild` after).
    @inline(__always)
    func setLeafRaw(_ index: Int, _ value: Int32) { minimum[index &+ leafCount] = value }

    /// Recomputes every internal node from the leaves.
    func rebuild() {
        for v in stride(from: leafCount &- 1, through: 1, by: -1) {
            minimum[v] = min(minimum[2 &* v], minimum[2 &* v &+ 1])
        }
    }
}
