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
/// O(1) hit and insert; eviction amortized O(1) (each visited bit cleared was set by a hit),
/// plus pinned blocks passed. Memory: 10 bytes per distinct block.
public struct SievePolicy: GrowablePolicy, ~Copyable {
    public let capacity: Int
    private var queue: PolicyQueues
    private var visited: FlatArray<UInt8>
    /// Where the next eviction starts, or `none` for the tail.
    private var hand: Int32 = PolicyQueues.none

    public init(capacity: Int, universe: Int) {
        self.capacity = capacity
        queue = PolicyQueues(universe: universe, queues: 1)
        visited = FlatArray(repeating: 0, count: universe)
    }

    @inline(__always)
    public mutating func hit(_ id: Int32, clock: Int, cache: inout BlockCache) {
        visited[Int(id)] = 1
    }

    @inline(__always)
    public mutating func inserted(_ id: Int32, clock: Int, cache: inout BlockCache) {
        queue.pushHead(id, 0)
        visited[Int(id)] = 0
    }

    public mutating func evict(cache: inout BlockCache) -> Int32 {
        var v = hand == PolicyQueues.none ? queue.tail(0) : hand
        var pinnedPasses = 0
        while true {
            if visited[Int(v)] > 0 {
                visited[Int(v)] = 0
                pinnedPasses = 0
            } else if cache.isPinned(v), pinnedPasses < queue.count(0) {
                pinnedPasses += 1
            } else {
                break
            }
            let newer = queue.before(v)
            v = newer == PolicyQueues.none ? queue.tail(0) : newer
        }
        hand = queue.before(v)
        queue.remove(v)
        return v
    }

    public func checkInvariants(cache: borrowing BlockCache) throws(InvariantViolation) {
        try queue.check(0, name: "sieve queue", resident: true, cache: cache)
        try queue.checkResidents(in: 0 ..< 1, cache: cache)
        if hand != PolicyQueues.none, queue.queue(of: hand) != 0 {
            throw InvariantViolation("sieve: hand \(hand) is not a queued block")
        }
        var v = queue.head(0)
        while v != PolicyQueues.none {
            if visited[Int(v)] > 1 { throw InvariantViolation("sieve: block \(v) visited \(visited[Int(v)])") }
            v = queue.after(v)
        }
    }

    public mutating func grow(universe: Int) {
        queue.grow(universe: universe)
        visited.grow(to: universe, filling: 0)
    }
}
