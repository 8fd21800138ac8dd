/// `sieve`: SIEVE (Zhang, Yang, Yue, Vigfusson, Rashmi, "SIEVE is Simpler than LRU: an
/// Efficient Turn-Key Eviction Algorithm for Web Caches", NSDI 2024), ported from libCacheSim's
/// `Sieve.c` (libCacheSim 0.3.5, as bundled in the PyPI wheel `libcachesim==0.3.5`).
///
/// The rule: a FIFO queue (new blocks at the head with the visited bit clear), a visited bit
/// set by a hit, and a hand that starts at the tail and moves toward the head. To evict, the
/// hand clears the bit of each visited block it meets and evicts the first unvisited one; the
/// hand then rests on the evicted block's newer neighbour, or, when the evicted block was the
/// head, goes back to the tail on the next eviction (libCacheSim's `pointer = prev`, NULL
/// meaning the tail). Blocks never move in the queue.
///
/// Pins (MODEL 3.3): the hand passes a pinned unvisited block without evicting it (the block
/// keeps its place). When a whole turn meets only pinned unvisited blocks, every resident block
/// is pinned, and the block under the hand is evicted.
///
/// The queue's nodes sit in a pool of `capacity` slots (`SlotQueues`); the block inserted after
/// an eviction reuses the victim's slot. The hand is a slot. Only the visited bit is per id, so
/// a hit touches one byte.
///
/// O(1) hit and insert; eviction amortized O(1) (each visited bit cleared was set by a hit),
/// plus pinned blocks passed. Memory: 1 byte per distinct block and 16 bytes per block of
/// capacity.
public struct SievePolicy: GrowablePolicy, ~Copyable {
    public let capacity: Int
    private var queue: SlotQueues
    private var visited: FlatArray<UInt8>
    /// The slot where the next eviction starts, or `none` for the tail.
    private var hand: Int32 = SlotQueues.none

    public init(capacity: Int, universe: Int) {
        self.capacity = capacity
        queue = SlotQueues(slots: capacity, queues: 1)
        visited = FlatArray(repeating: 0, count: universe)
    }

    @inline(__always)
    public mutating func hit(_ id: Int32, clock: Int, cache: inout BlockCache) {
        visited[Int(id)] = 1
    }

    @inline(__always)
    public mutating func inserted(_ id: Int32, clock: Int, cache: inout BlockCache) {
        queue.pushHead(queue.allocate(id), 0)
        visited[Int(id)] = 0
    }

    public mutating func evict(cache: inout BlockCache) -> Int32 {
        var s = hand == SlotQueues.none ? queue.tail(0) : hand
        var pinnedPasses = 0
        var v: Int32
        while true {
            v = queue.id(s)
            if visited[Int(v)] > 0 {
                visited[Int(v)] = 0
                pinnedPasses = 0
            } else if cache.isPinned(v), pinnedPasses < queue.count(0) {
                pinnedPasses &+= 1
            } else {
                break
            }
            let newer = queue.before(s)
            s = newer == SlotQueues.none ? queue.tail(0) : newer
        }
        hand = queue.before(s)
        queue.remove(s)
        queue.release(s)
        return v
    }

    /// The whole access of a request of one block, nothing pinned (MODEL 3.4): `hit`, or `evict`
    /// and `inserted` fused. The hand clears visited bits up to the first unvisited block, whose
    /// slot the new block takes; then the bits of the blocks under the hand and next to it start
    /// loading for the next eviction.
    @inline(__always)
    public mutating func accessOneBlock(_ id: Int32, clock: Int, cache: inout BlockCache) -> UInt8 {
        let seen = visited.pointer
        if cache.contains(id) {
            seen[Int(id)] = 1
            return 1
        }
        let v = queue.view
        if cache.isFull {
            var s = hand == SlotQueues.none ? v.tail(0) : hand
            var victim = v.id(s)
            while seen[Int(victim)] > 0 {
                seen[Int(victim)] = 0
                let newer = v.before(s)
                s = newer == SlotQueues.none ? v.tail(0) : newer
                victim = v.id(s)
            }
            hand = v.before(s)
            v.replace(s, by: id, atHeadOf: 0, cache: &cache)
            if hand != SlotQueues.none {
                visited.prefetch(Int(v.id(hand)))
                let next = v.before(hand)
                if next != SlotQueues.none { visited.prefetch(Int(v.id(next))) }
            }
        } else {
            cache.insert(id)
            let s = queue.allocate(id)
            queue.view.pushHead(s, 0)
        }
        seen[Int(id)] = 0
        return 0
    }

    @inline(__always)
    public func prefetch(_ id: Int32) { visited.prefetch(Int(id)) }

    public func checkInvariants(cache: borrowing BlockCache) throws(InvariantViolation) {
        let ids = try queue.check(0, name: "sieve queue", resident: true, cache: cache)
        try queue.checkResidents(in: 0 ..< 1, cache: cache)
        try queue.checkPool()
        if hand != SlotQueues.none, queue.queue(hand) != 0 {
            throw InvariantViolation("sieve: hand \(hand) is not a queued slot")
        }
        for v in ids where visited[Int(v)] > 1 { throw InvariantViolation("sieve: block \(v) visited \(visited[Int(v)])") }
    }

    public mutating func grow(universe: Int) {
        visited.grow(to: universe, filling: 0)
    }
}
