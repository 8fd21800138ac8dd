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
/// The paper's small-queue and ghost moves are unchanged for pinned blocks. A queue found
/// passed over stays so for the rest of the request while nothing could change that (no hit in
/// it, no unpinned block entering it): a pass over it would be a full rotation changing nothing,
/// so it is skipped, and a request longer than the cache costs O(1) per eviction, not a pass
/// over every resident block (the same victims, tested against the passes).
///
/// The queues live in a pool of `capacity + ghostCapacity` slots (`SlotQueues`) with an id -> slot
/// map; each slot's byte is its block's counter. A block evicted from S keeps its slot as a
/// ghost, and a ghost id found again keeps it in M.
///
/// O(1) hit, miss and insert; eviction amortized O(1) (every move or reinsertion spends hits),
/// plus pinned blocks requeued. Memory: 4 bytes per distinct block and 16 bytes per slot (one
/// per block of capacity and one per ghost id).
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
    private var queues: SlotQueues
    /// The slot of each id in one of the three queues, else `none`.
    private var slot: FlatArray<Int32>
    /// The missed block being served was found in the ghost queue.
    private var hitOnGhost = false
    /// The slot the missed ghost id left, kept for its insertion, or `none`.
    private var pending: Int32 = SlotQueues.none
    /// Some eviction has happened (libCacheSim's `has_evicted`).
    private var hasEvicted = false
    /// The request (`BlockCache.requestNumber`) in which S was found blocked: every block in S
    /// pinned with its counter below the move threshold, so that a pass respecting pins is a
    /// full rotation that changes nothing. Kept across evictions while that holds (blocks
    /// leaving S, pinned blocks entering it); a hit in S or a new request ends it. -1: none.
    private var smallBlockedIn = -1
    /// The same for M: every block in M pinned with counter 0. A hit in M, an unpinned block
    /// entering M or a new request ends it.
    private var mainBlockedIn = -1
    /// Whether blocked queues are remembered across evictions (tests turn it off to compare
    /// with a pass at every eviction).
    var remembersBlockedQueues = true

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
        queues = SlotQueues(slots: capacity + ghostCapacity + 1, queues: 3)
        slot = FlatArray(repeating: SlotQueues.none, count: universe)
    }

    @inline(__always)
    public mutating func hit(_ id: Int32, clock: Int, cache: inout BlockCache) {
        let s = slot[Int(id)]
        let f = queues.aux(s)
        if f < UInt8.max { queues.setAux(s, f &+ 1) }
        if queues.queue(s) == Self.small { smallBlockedIn = -1 } else { mainBlockedIn = -1 }
    }

    @inline(__always)
    public mutating func miss(_ id: Int32, clock: Int, cache: borrowing BlockCache) {
        hitOnGhost = false
        let s = slot[Int(id)]
        if s != SlotQueues.none, queues.queue(s) == Self.ghost {
            queues.remove(s)
            queues.setAux(s, 0)
            pending = s
            hitOnGhost = true
        }
    }

    @inline(__always)
    public mutating func inserted(_ id: Int32, clock: Int, cache: inout BlockCache) {
        // A new block has counter 0: an unpinned one ends a blocked state of its queue (as does
        // any block in S when the threshold is 0).
        let pinned = cache.isPinned(id)
        if hitOnGhost {
            hitOnGhost = false
            queues.pushHead(pending, Self.main)
            pending = SlotQueues.none
            if !pinned { mainBlockedIn = -1 }
            return
        }
        let s = queues.allocate(id, minimumSlots: capacity + ghostCapacity + 1)
        slot[Int(id)] = s
        if !hasEvicted, queues.count(Self.small) >= smallCapacity {
            queues.pushHead(s, Self.main)
            if !pinned { mainBlockedIn = -1 }
        } else {
            queues.pushHead(s, Self.small)
            if !pinned || moveToMainThreshold == 0 { smallBlockedIn = -1 }
        }
    }

    public mutating func evict(cache: inout BlockCache) -> Int32 {
        hasEvicted = true
        // A queue whose every candidate was pinned (a pass respecting pins would only rotate it),
        // found in this eviction or an earlier one of the same request (`smallBlockedIn`): a
        // request longer than the cache then costs O(1) per eviction, not a pass over both.
        let request = cache.requestNumber
        if smallBlockedIn != request || !remembersBlockedQueues { smallBlockedIn = -1 }
        if mainBlockedIn != request || !remembersBlockedQueues { mainBlockedIn = -1 }
        var smallBlocked = smallBlockedIn >= 0
        var mainBlocked = mainBlockedIn >= 0
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
                if smallBlocked { smallBlockedIn = request }
                // Blocks S moved into M may unblock it (an unpinned one ended `mainBlockedIn`).
                mainBlocked = mainBlockedIn >= 0
            } else {
                let v = evictMain(respectingPins: true, cache: cache)
                if v != SlotQueues.none { return v }
                mainBlocked = true
                mainBlockedIn = request
            }
        }
    }

    /// libCacheSim's `S3FIFO_evict_small`: the evicted block, or nil when S emptied by moves to
    /// M or (`blocked` set) every block left in S is pinned.
    private mutating func evictSmall(respectingPins: Bool, cache: borrowing BlockCache, blocked: inout Bool) -> Int32? {
        var pinnedPasses = 0
        while queues.count(Self.small) > 0 {
            let s = queues.tail(Self.small)
            if Int(queues.aux(s)) >= moveToMainThreshold {
                queues.remove(s)
                queues.pushHead(s, Self.main)
                queues.setAux(s, 0)
                if !cache.isPinned(queues.id(s)) { mainBlockedIn = -1 }
                pinnedPasses = 0
            } else if respectingPins, cache.isPinned(queues.id(s)) {
                if pinnedPasses >= queues.count(Self.small) {
                    blocked = true
                    return nil
                }
                pinnedPasses += 1
                queues.moveToHead(s, Self.small)
            } else {
                queues.remove(s)
                return enterGhost(s)
            }
        }
        return nil
    }

    /// libCacheSim's `S3FIFO_evict_main`: the evicted block, or `none` when (respecting pins)
    /// every block in M is pinned.
    private mutating func evictMain(respectingPins: Bool, cache: borrowing BlockCache) -> Int32 {
        var pinnedPasses = 0
        while queues.count(Self.main) > 0 {
            let s = queues.tail(Self.main)
            let f = queues.aux(s)
            if f >= 1 {
                queues.moveToHead(s, Self.main)
                queues.setAux(s, min(f, 3) - 1)
                pinnedPasses = 0
            } else if respectingPins, cache.isPinned(queues.id(s)) {
                if pinnedPasses >= queues.count(Self.main) { return SlotQueues.none }
                pinnedPasses += 1
                queues.moveToHead(s, Self.main)
            } else {
                queues.remove(s)
                return forget(s)
            }
        }
        return SlotQueues.none
    }

    /// Frees slot `s` (in no queue) and forgets its id; returns the id.
    @inline(__always)
    private mutating func forget(_ s: Int32) -> Int32 {
        let id = queues.id(s)
        queues.release(s)
        slot[Int(id)] = SlotQueues.none
        return id
    }

    /// The id of a block evicted from S (its slot `s`, in no queue) enters G's head; G drops its
    /// tail when full. Returns the id.
    @inline(__always)
    private mutating func enterGhost(_ s: Int32) -> Int32 {
        guard ghostCapacity > 0 else { return forget(s) }
        while queues.count(Self.ghost) >= ghostCapacity {
            let g = queues.tail(Self.ghost)
            queues.remove(g)
            _ = forget(g)
        }
        queues.pushHead(s, Self.ghost)
        return queues.id(s)
    }

    @inline(__always)
    public func prefetch(_ id: Int32) { slot.prefetch(Int(id)) }

    public func checkInvariants(cache: borrowing BlockCache) throws(InvariantViolation) {
        var listed: [Int32] = []
        listed += try queues.check(Self.small, name: "s3fifo small", resident: true, cache: cache)
        listed += try queues.check(Self.main, name: "s3fifo main", resident: true, cache: cache)
        listed += try queues.check(Self.ghost, name: "s3fifo ghost", resident: false, cache: cache)
        try queues.checkResidents(in: Self.small ..< Self.main + 1, cache: cache)
        try queues.checkPool()
        try queues.checkIdMap(slot, listed: listed, universe: cache.universe, name: "s3fifo")
        if queues.count(Self.ghost) > ghostCapacity {
            throw InvariantViolation("s3fifo: ghost holds \(queues.count(Self.ghost)) ids, capacity \(ghostCapacity)")
        }
        if hitOnGhost || pending != SlotQueues.none { throw InvariantViolation("s3fifo: ghost-hit state left set between accesses") }
    }

    public mutating func grow(universe: Int) {
        slot.grow(to: universe, filling: SlotQueues.none)
    }
}
