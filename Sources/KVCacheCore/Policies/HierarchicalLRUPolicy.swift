/// `hierarchical_lru` (MODEL 4.4): an exclusive L1 + L2 pair of LRU tiers. A touch in L1
/// refreshes the block; an access to an L2 block promotes it to L1; an absent block is inserted
/// in L1; L1's least recent block, when L1 overflows, is demoted to the most recent end of L2;
/// L2's least recent block is dropped when the whole cache is full.
///
/// Implemented as one LRU list of capacity `l1 + l2` whose first `l1` blocks are L1 and the rest
/// L2, with a pointer to the last L1 block: a demotion moves that pointer one step. This makes
/// the invariants of MODEL 4.4 hold by construction: L1 holds the top `l1` blocks of the LRU
/// stack, so L1 hits equal `lru` at `l1` and all hits equal `lru` at `l1 + l2`. Pinned blocks
/// are skipped at eviction exactly as in `lru` (MODEL 3.3); if an eviction must take an L1
/// block (every L2 block pinned), the most recent L2 block moves up to keep L1 full (a refill,
/// not counted as a promotion). The tiers themselves live in `BlockCache`. O(1) per access.
public struct HierarchicalLRUPolicy: GrowablePolicy, ~Copyable {
    public let l1Capacity: Int
    private var list: IntrusiveList
    private var l1Count = 0
    /// The last (least recent) L1 block, or `IntrusiveList.none` when L1 is empty.
    private var boundary: Int32 = IntrusiveList.none

    public init(l1Capacity: Int, universe: Int) {
        self.l1Capacity = l1Capacity
        list = IntrusiveList(universe: universe)
    }

    public mutating func hit(_ id: Int32, clock: Int, cache: inout BlockCache) {
        if cache.tier(of: id) == 1 {
            if id == boundary, l1Count > 1 { boundary = list.before(id) }
            list.moveToHead(id)
        } else {
            cache.promote(id)
            list.moveToHead(id)
            l1Count += 1
            if boundary == IntrusiveList.none { boundary = id }
            rebalance(&cache)
        }
    }

    public mutating func inserted(_ id: Int32, clock: Int, cache: inout BlockCache) {
        list.pushHead(id)
        l1Count += 1
        if boundary == IntrusiveList.none { boundary = id }
        rebalance(&cache)
    }

    public mutating func evict(cache: inout BlockCache) -> Int32 {
        let victim = list.victimFromTail(cache: cache)
        if cache.tier(of: victim) == 1 {
            if victim == boundary { boundary = list.before(victim) }
            l1Count -= 1
        }
        list.remove(victim)
        rebalance(&cache)
        return victim
    }

    /// Restores "L1 = the first min(count, l1) blocks of the list".
    private mutating func rebalance(_ cache: inout BlockCache) {
        while l1Count > l1Capacity {
            cache.demote(boundary)
            boundary = list.before(boundary)
            l1Count -= 1
        }
        while l1Count < l1Capacity {
            let next = boundary == IntrusiveList.none ? list.head : list.after(boundary)
            if next == IntrusiveList.none { return }
            cache.moveTier(next, to: 1)
            boundary = next
            l1Count += 1
        }
    }

    public func checkInvariants(cache: borrowing BlockCache) throws(InvariantViolation) {
        try list.check(cache: cache, name: "hierarchical_lru")
        if list.count != cache.count { throw InvariantViolation("hierarchical_lru: \(list.count) listed, \(cache.count) resident") }
        // L1 is exactly the first min(count, l1) blocks of the list.
        var v = list.head, k = 0
        while v != IntrusiveList.none {
            let expected: UInt8 = k < l1Count ? 1 : 2
            if cache.tier(of: v) != expected { throw InvariantViolation("hierarchical_lru: block \(v) at rank \(k) in tier \(cache.tier(of: v)), expected \(expected)") }
            if k == l1Count - 1, v != boundary { throw InvariantViolation("hierarchical_lru: boundary \(boundary) is not the last L1 block \(v)") }
            k += 1
            v = list.after(v)
        }
        if l1Count != min(list.count, l1Capacity) { throw InvariantViolation("hierarchical_lru: L1 holds \(l1Count) of \(list.count), capacity \(l1Capacity)") }
    }

    public mutating func grow(universe: Int) {
        list.grow(universe: universe)
    }
}
