/// `fifo` (MODEL 4.6): evict the block inserted longest ago; a hit changes nothing. The classic
/// FIFO replacement (Belady, "A study of replacement algorithms for a virtual-storage computer",
/// IBM Systems Journal 5(2), 1966; libCacheSim's `FIFO`), skipping pinned blocks (MODEL 3.3).
///
/// An insertion-order queue in a pool of `capacity` slots (`SlotQueues`); the block inserted
/// after an eviction reuses the victim's slot. Nothing is kept per id: a hit costs nothing.
/// O(1) per access (plus pinned blocks skipped at eviction). Memory: 16 bytes per block of
/// capacity.
public struct FIFOPolicy: GrowablePolicy, ~Copyable {
    private var queue: SlotQueues

    /// A queue for a cache of `capacity` blocks; without it, the pool takes the cache's
    /// capacity at the first insertion.
    public init(universe: Int, capacity: Int = 0) {
        queue = SlotQueues(slots: capacity, queues: 1)
    }

    /// A hit leaves the insertion order alone.
    @inline(__always)
    public mutating func hit(_ id: Int32, clock: Int, cache: inout BlockCache) {}

    @inline(__always)
    public mutating func inserted(_ id: Int32, clock: Int, cache: inout BlockCache) {
        queue.pushHead(queue.allocate(id, minimumSlots: cache.capacity), 0)
    }

    /// The oldest unpinned block, or the oldest when every resident block is pinned.
    @inline(__always)
    public mutating func evict(cache: inout BlockCache) -> Int32 {
        var s = queue.unpinnedFromTail(0, cache: cache)
        if s == SlotQueues.none { s = queue.tail(0) }
        let victim = queue.id(s)
        queue.remove(s)
        queue.release(s)
        return victim
    }

    /// The whole access of a request of one block, nothing pinned (MODEL 3.4): nothing on a hit;
    /// on a miss in a full cache the tail is the victim and its slot takes the new block.
    @inline(__always)
    public mutating func accessOneBlock(_ id: Int32, clock: Int, cache: inout BlockCache) -> UInt8 {
        if cache.contains(id) { return 1 }
        if cache.isFull {
            let v = queue.view
            v.replace(v.tail(0), by: id, atHeadOf: 0, cache: &cache)
        } else {
            cache.insert(id)
            let s = queue.allocate(id, minimumSlots: cache.capacity)
            queue.view.pushHead(s, 0)
        }
        return 0
    }

    public func checkInvariants(cache: borrowing BlockCache) throws(InvariantViolation) {
        try queue.check(0, name: "fifo", resident: true, cache: cache)
        try queue.checkResidents(in: 0 ..< 1, cache: cache)
        try queue.checkPool()
    }

    /// Nothing is kept per id.
    public mutating func grow(universe: Int) {}
}
