/// `s3fifo`: S3-FIFO (Yang, Zhang, Qiu, Yue, Rashmi, "FIFO queues are all you need for cache
/// eviction", SOSP 2023), ported from libCacheSim's `S3FIFO.c` (libCacheSim 0.3.5, as bundled in
/// the PyPI wheel `libcachesim==0.3.5`) with its defaults `small-size-ratio=0.10,
/// ghost-size-ratio=0.90, move-to-main-threshold=2`.
///
/// Three FIFO queues: small S (`smallCapacity = Int(capacity * smallRatio)` blocks, truncated),
/// main M (`capacity - smallCapacity`), and a ghost G of ids only (`Int(capacity * ghostRatio)`),
/// which are not resident. Each resident block has a hit counter.
/// - Hit: the counter rises by one (libCacheSim does not cap it here; this port saturates at 255,
///   which changes no comparison below for thresholds up to 255).
/// - Miss: an id found in G leaves G (this lookup happens before any eviction) and the block is
///   inserted at M's head; otherwise at S's head, except that before the very first eviction a
///   new block goes to M once S holds `smallCapacity` blocks (libCacheSim's `has_evicted`, not in
///   the paper). A new block's counter is 0.
/// - Evict: from M when M holds more than its capacity or S is empty, else from S.
///   From S: the tail with counter >= `moveToMainThreshold` moves to M's head with counter 0 and
///   the next tail is examined; the first tail below the threshold is evicted and its id enters
///   G's head (G drops its tail when full). When S empties by moves, the choice is made again.
///   From M: a tail with counter f >= 1 is reinserted at M's head with counter min(f, 3) - 1 (the
///   paper's cap of 3 is applied only here); the first tail with counter 0 is evicted, with no
///   ghost. `evict` loops until one resident block is actually removed.
///
/// Pins (MODEL 3.3): a pinned tail that would be evicted is requeued at its queue's head with its
/// counter unchanged. A queue whose tails were all pinned is passed over for the other one;
/// when both are, every resident block is pinned and libCacheSim's rule runs ignoring pins.
/// The paper's small-queue and ghost moves are unchanged for pinned blocks.
///
/// O(1) hit, miss and insert; eviction amortized O(1) (every move or reinsertion spends hits),
/// plus pinned blocks requeued. Memory: 10 bytes per distinct block (ghost ids included).
///
/// Deviations from libCacheSim, outside the parity tests: libCacheSim rejects a cache whose
/// small or main queue would be empty (capacity below 10 at the defaults) and never admits a
/// block to a one-block small queue (it drops it after evicting); here the small queue has at
/// least one block and a missed block is always inserted.
public struct S3FIFOPolicy: GrowablePolicy, ~Copyable {
    public let capacity: Int
    public let smallCapacity: Int
    public let mainCapacity: Int
    public let ghostCapacity: Int
    public let moveToMainThreshold: Int
    private static let small = 0, main = 1, ghost = 2
    private var queues: PolicyQueues
    private var freq: FlatArray<UInt8>
    /// The missed block being served was found in the ghost queue.
    private var hitOnGhost = false
    /// Some eviction has happened (libCacheSim's `has_evicted`).
    private var hasEvicted = false

    public init(capacity: Int, universe: Int, smallRatio: Double = 0.1, ghostRatio: Double = 0.9,
                moveToMainThreshold: Int = 2) {
        precondition(smallRatio >= 0 && smallRatio < 1, "s3fifo: small ratio must be in [0, 1)")
        precondition(ghostRatio >= 0, "s3fifo: ghost ratio must be >= 0")
        precondition((0 ... 255).contains(moveToMainThreshold), "s3fifo: move-to-main threshold must be 0...255")
        self.capacity = capacity
        // As libCacheSim: (int64_t)(cache_size * ratio), truncation toward zero.
        smallCapacity = min(max(Int(Double(capacity) * smallRatio), 1), max(capacity, 1))
        mainCapacity = capacity - smallCapacity
        ghostCapacity = Int(Double(capacity) * ghostRatio)
        self.moveToMainThreshold = moveToMainThreshold
        queues = PolicyQueues(universe: universe, queues: 3)
        freq = FlatArray(repeating: 0, count: universe)
    }

    @inline(__always)
    public mutating func hit(_ id: Int32, clock: Int, cache: inout BlockCache) {
        let i = Int(id)
        if freq[i] < UInt8.max { freq[i] &+= 1 }
    }

    @inline(__always)
    public mutating func miss(_ id: Int32, clock: Int, cache: borrowing BlockCache) {
        hitOnGhost = false
        if queues.queue(of: id) == Self.ghost {
            queues.remove(id)
            hitOnGhost = true
        }
    }

    @inline(__always)
    public mutating func inserted(_ id: Int32, clock: Int, cache: inout BlockCache) {
        if hitOnGhost {
            hitOnGhost = false
            queues.pushHead(id, Self.main)
        } else if !hasEvicted, queues.count(Self.small) >= smallCapacity {
            queues.pushHead(id, Self.main)
        } else {
            queues.pushHead(id, Self.small)
        }
        freq[Int(id)] = 0
    }

    public mutating func evict(cache: inout BlockCache) -> Int32 {
        hasEvicted = true
        // A queue whose every candidate was pinned; reset for M when S moves blocks into it.
        var smallBlocked = false
        var mainBlocked = false
        while true {
            let wantMain = queues.count(Self.main) > mainCapacity || queues.count(Self.small) == 0
            let trySmall: Bool
            if wantMain, !mainBlocked {
                trySmall = false
            } else if !wantMain, !smallBlocked {
                trySmall = true
            } else if wantMain, !smallBlocked, queues.count(Self.small) > 0 {
                trySmall = true
            } else if !wantMain, !mainBlocked, queues.count(Self.main) > 0 {
                trySmall = false
            } else {
                // Every resident block is pinned: libCacheSim's choice, pins ignored.
                if wantMain { return evictMain(respectingPins: false, cache: cache) }
                if let v = evictSmall(respectingPins: false, cache: cache, blocked: &smallBlocked) { return v }
                mainBlocked = false
                continue
            }
            if trySmall {
                if let v = evictSmall(respectingPins: true, cache: cache, blocked: &smallBlocked) { return v }
                mainBlocked = false
            } else {
                let v = evictMain(respectingPins: true, cache: cache)
                if v != PolicyQueues.none { return v }
                mainBlocked = true
            }
        }
    }

    /// libCacheSim's `S3FIFO_evict_small`: the evicted block, or nil when S emptied by moves to
    /// M or (`blocked` set) every block left in S is pinned.
    private mutating func evictSmall(respectingPins: Bool, cache: borrowing BlockCache, blocked: inout Bool) -> Int32? {
        var pinnedPasses = 0
        while queues.count(Self.small) > 0 {
            let v = queues.tail(Self.small)
            if Int(freq[Int(v)]) >= moveToMainThreshold {
                queues.remove(v)
                queues.pushHead(v, Self.main)
                freq[Int(v)] = 0
                pinnedPasses = 0
            } else if respectingPins, cache.isPinned(v) {
                if pinnedPasses >= queues.count(Self.small) {
                    blocked = true
                    return nil
                }
                pinnedPasses += 1
                queues.moveToHead(v, Self.small)
            } else {
                queues.remove(v)
                enterGhost(v)
                return v
            }
        }
        return nil
    }

    /// libCacheSim's `S3FIFO_evict_main`: the evicted block, or `none` when (respecting pins)
    /// every block in M is pinned.
    private mutating func evictMain(respectingPins: Bool, cache: borrowing BlockCache) -> Int32 {
        var pinnedPasses = 0
        while queues.count(Self.main) > 0 {
            let v = queues.tail(Self.main)
            let f = freq[Int(v)]
            if f >= 1 {
                queues.moveToHead(v, Self.main)
                freq[Int(v)] = min(f, 3) - 1
                pinnedPasses = 0
            } else if respectingPins, cache.isPinned(v) {
                if pinnedPasses >= queues.count(Self.main) { return PolicyQueues.none }
                pinnedPasses += 1
                queues.moveToHead(v, Self.main)
            } else {
                queues.remove(v)
                return v
            }
        }
        return PolicyQueues.none
    }

    /// The id of a block evicted from S enters G's head; G drops its tail when full.
    @inline(__always)
    private mutating func enterGhost(_ id: Int32) {
        guard ghostCapacity > 0 else { return }
        while queues.count(Self.ghost) >= ghostCapacity { queues.remove(queues.tail(Self.ghost)) }
        queues.pushHead(id, Self.ghost)
    }

    public func checkInvariants(cache: borrowing BlockCache) throws(InvariantViolation) {
        try queues.check(Self.small, name: "s3fifo small", resident: true, cache: cache)
        try queues.check(Self.main, name: "s3fifo main", resident: true, cache: cache)
        try queues.check(Self.ghost, name: "s3fifo ghost", resident: false, cache: cache)
        try queues.checkResidents(in: Self.small ..< Self.main + 1, cache: cache)
        if queues.count(Self.ghost) > ghostCapacity {
            throw InvariantViolation("s3fifo: ghost holds \(queues.count(Self.ghost)) ids, capacity \(ghostCapacity)")
        }
        if hitOnGhost { throw InvariantViolation("s3fifo: ghost-hit flag left set between accesses") }
    }

    public mutating func grow(universe: Int) {
        queues.grow(universe: universe)
        freq.grow(to: universe, filling: 0)
    }
}
