/// `lru` (MODEL 4.1): evict the least recently accessed block, skipping pinned blocks
/// (MODEL 3.3). With `prefix_lru` (MODEL 4.2) the simulator touches a request's blocks last to
/// first, so the same order keeps prefixes longer than their tails, as vLLM's
/// `FreeKVCacheBlockQueue` frees a request's blocks tail first.
///
/// A recency list in a pool of `capacity` slots (`SlotQueues`) with an id -> slot map; the block
/// inserted after an eviction reuses the victim's slot, so a small cache's list stays in the CPU's
/// caches. O(1) per access (plus pinned blocks skipped at eviction). Memory: 4 bytes per distinct
/// block and 16 bytes per block of capacity. A stack algorithm (Mattson et al., 1970): its curve
/// for every capacity comes from one pass (`LRUStackDistances`).
public struct LRUPolicy: GrowablePolicy, ~Copyable {
    public let touchOrder: TouchOrder
    private var list: SlotQueues
    /// The slot of each resident block (stale for absent ones).
    private var slot: FlatArray<Int32>

    /// - Parameters:
    ///   - touchOrder: `.reverse` for `prefix_lru`.
    ///   - capacity: the cache's capacity; without it, the pool takes the cache's capacity at the
    ///     first insertion.
    public init(universe: Int, touchOrder: TouchOrder = .forward, capacity: Int = 0) {
        self.touchOrder = touchOrder
        list = SlotQueues(slots: capacity, queues: 1)
        slot = FlatArray(repeating: SlotQueues.none, count: universe)
    }

    /// A hit makes the block the most recent.
    @inline(__always)
    public mutating func hit(_ id: Int32, clock: Int, cache: inout BlockCache) {
        list.moveToHead(slot[Int(id)], 0)
    }

    @inline(__always)
    public mutating func inserted(_ id: Int32, clock: Int, cache: inout BlockCache) {
        let s = list.allocate(id, minimumSlots: cache.capacity)
        slot[Int(id)] = s
        list.pushHead(s, 0)
    }

    /// The least recent unpinned block, or the least recent when every resident block is pinned.
    @inline(__always)
    public mutating func evict(cache: inout BlockCache) -> Int32 {
        var s = list.unpinnedFromTail(0, cache: cache)
        if s == SlotQueues.none { s = list.tail(0) }
        let victim = list.id(s)
        list.remove(s)
        list.release(s)
        return victim
    }

    /// The whole access of a request of one block, nothing pinned (MODEL 3.4): `hit`, or `evict`
    /// and `inserted` fused (the victim is the tail, whose slot the new block takes).
    @inline(__always)
    public mutating func accessOneBlock(_ id: Int32, clock: Int, cache: inout BlockCache) -> UInt8 {
        let v = list.view, slots = slot.pointer
        if cache.contains(id) {
            v.moveToHead(slots[Int(id)], 0)
            return 1
        }
        if cache.isFull {
            let t = v.tail(0)
            v.replace(t, by: id, atHeadOf: 0, cache: &cache)
            slots[Int(id)] = t
        } else {
            cache.insert(id)
            let s = list.allocate(id, minimumSlots: cache.capacity)
            slots[Int(id)] = s
            list.view.pushHead(s, 0)  // the pool may have grown
        }
        return 0
    }

    @inline(__always)
    public func prefetch(_ id: Int32) { slot.prefetch(Int(id)) }

    /// The node of `id`'s slot (a hit moves it).
    @inline(__always)
    public func prefetchDependent(_ id: Int32) { list.prefetch(slot[Int(id)]) }

    public func checkInvariants(cache: borrowing BlockCache) throws(InvariantViolation) {
        let ids = try list.check(0, name: "lru", resident: true, cache: cache)
        try list.checkResidents(in: 0 ..< 1, cache: cache)
        try list.checkPool()
        // Stale entries of evicted blocks may remain (a victim's slot is reused, its map entry not
        // cleared): only the listed blocks' entries are checked.
        for v in ids where list.id(slot[Int(v)]) != v || list.queue(slot[Int(v)]) != 0 {
            throw InvariantViolation("lru: block \(v) maps to slot \(slot[Int(v)]), which holds another")
        }
    }

    public mutating func grow(universe: Int) {
        slot.grow(to: universe, filling: SlotQueues.none)
    }
}
