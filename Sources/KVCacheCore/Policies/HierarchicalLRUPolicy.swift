/// `hierarchical_lru` (SEMANTICS 4.4): an exclusive L1 + L2 pair of LRU tiers. A touch in L1
/// refreshes the block; an access to an L2 block promotes it to L1; an absent block is inserted
/// in L1; L1's least recent block, when L1 overflows, is demoted to the most recent end of L2;
/// L2's least recent block is dropped when the whole cache is full.
///
/// Implemented as one LRU list of capacity `l1 + l2` whose first `l1` blocks are L1 and the rest
/// L2, with a pointer to the last L1 block: a demotion moves that pointer one step. This makes
/// the invariants of SEMANTICS 4.4 hold by construction: L1 holds the top `l1` blocks of the LRU
/// stack, so L1 hits equal `lru` at `l1` and all hits equal `lru` at `l1 + l2`. Pinned blocks
/// are skipped at eviction exactly as in `lru` (SEMANTICS 3.3); if an eviction must take an L1
/// block (every L2 block pinned), the most recent L2 block moves up to keep L1 full.
/// O(1) per access.
public struct HierarchicalLRUPolicy: EvictionPolicy {
    public let l1Capacity: Int
    public let l2Capacity: Int
    public var capacity: Int { l1Capacity + l2Capacity }
    private var list: IntrusiveList
    private let tiers: FlatStorage<UInt8>
    private var l1Count = 0
    /// The last (least recent) L1 block, or `IntrusiveList.none` when L1 is empty.
    private var boundary: Int32 = IntrusiveList.none
    public private(set) var promotions = 0
    public private(set) var demotions = 0

    public init(l1Capacity: Int, l2Capacity: Int, universe: Int) {
        self.l1Capacity = l1Capacity
        self.l2Capacity = l2Capacity
        list = IntrusiveList(universe: universe)
        tiers = FlatStorage(repeating: 0, count: universe)
    }

    public var count: Int { list.count }

    @inline(__always)
    public func tier(of id: Int32) -> UInt8 { tiers[Int(id)] }

    public mutating func touch(_ id: Int32, clock: Int) {
        if tiers[Int(id)] == 1 {
            if id == boundary, l1Count > 1 { boundary = list.before(id) }
            list.moveToHead(id)
        } else {
            promotions += 1
            list.moveToHead(id)
            tiers[Int(id)] = 1
            l1Count += 1
            if boundary == IntrusiveList.none { boundary = id }
            rebalance()
        }
    }

    public mutating func insert(_ id: Int32, clock: Int) {
        list.pushHead(id)
        tiers[Int(id)] = 1
        l1Count += 1
        if boundary == IntrusiveList.none { boundary = id }
        rebalance()
    }

    public mutating func evict(pins: PinSet) -> Int32 {
        let victim = list.victimFromTail(pins: pins)
        if tiers[Int(victim)] == 1 {
            if victim == boundary { boundary = list.before(victim) }
            l1Count -= 1
        }
        list.remove(victim)
        tiers[Int(victim)] = 0
        rebalance()
        return victim
    }

    /// Restores "L1 = the first min(count, l1) blocks of the list".
    private mutating func rebalance() {
        while l1Count > l1Capacity {
            tiers[Int(boundary)] = 2
            boundary = list.before(boundary)
            l1Count -= 1
            demotions += 1
        }
        while l1Count < l1Capacity {
            let next = boundary == IntrusiveList.none ? list.head : list.after(boundary)
            if next == IntrusiveList.none { return }
            tiers[Int(next)] = 1
            boundary = next
            l1Count += 1
        }
    }
}
