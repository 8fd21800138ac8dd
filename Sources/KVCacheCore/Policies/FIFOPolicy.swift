/// `fifo` (MODEL 4.6): evict the block inserted longest ago; a hit changes nothing. The classic
/// FIFO replacement (Belady, "A study of replacement algorithms for a virtual-storage computer",
/// IBM Systems Journal 5(2), 1966; libCacheSim's `FIFO`), skipping pinned blocks (MODEL 3.3).
///
/// An intrusive insertion-order list over dense ids: O(1) per access. Memory: 8 bytes per
/// distinct block.
public struct FIFOPolicy: GrowablePolicy, ~Copyable {
    private var list: IntrusiveList

    public init(universe: Int) {
        list = IntrusiveList(universe: universe)
    }

    /// A hit leaves the insertion order alone.
    @inline(__always)
    public mutating func hit(_ id: Int32, clock: Int, cache: inout BlockCache) {}

    @inline(__always)
    public mutating func inserted(_ id: Int32, clock: Int, cache: inout BlockCache) { list.pushHead(id) }

    @inline(__always)
    public mutating func evict(cache: inout BlockCache) -> Int32 {
        let victim = list.victimFromTail(cache: cache)
        list.remove(victim)
        return victim
    }

    public func checkInvariants(cache: borrowing BlockCache) throws(InvariantViolation) {
        try list.check(cache: cache, name: "fifo")
        if list.count != cache.count { throw InvariantViolation("fifo: \(list.count) listed, \(cache.count) resident") }
    }

    public mutating func grow(universe: Int) {
        list.grow(universe: universe)
    }
}
