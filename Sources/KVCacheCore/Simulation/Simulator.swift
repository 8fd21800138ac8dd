/// The one access algorithm (MODEL 3), shared by every policy:
///
/// 1. **Lookup** at arrival (3.1): each block of the request is present or absent, in a tier.
///    A policy whose `lookup` is `.access` (`belady`) instead looks each block up at its own
///    access on the flattened stream (4.5).
/// 2. **Hit accounting** (3.2), both semantics at once: block hits are all present blocks;
///    prefix hits are the leading run of present blocks.
/// 3. **Update** (3.3) in the policy's touch order (`prefix_lru`: last to first): a present
///    block is a hit for the policy; an absent one is a miss, then victims are evicted until it
///    fits, then it is inserted in L1. The request's blocks are pinned while it is served
///    (except with lookup at access). Every block is accessed, hit or not.
///
/// `BlockCache` holds residency; the policy only orders and chooses victims. Generic over the
/// policy so that each policy's hooks are specialised and inlined: O(accesses) hook calls, no
/// allocation per access. A library user can run a policy of their own through
/// `run(_:cache:trace:name:checkInvariants:)`.
public enum Simulator {
    /// Runs `trace` through a cache of `capacity` blocks (all tiers) under `policy`.
    /// Throws when the capacity is below one block.
    public static func run(trace: Trace, policy: PolicySpec, capacity: Int,
                           prepared: PreparedTrace? = nil) throws(CacheError) -> SimulationResult {
        var cache = try BlockCache(tierCapacities: policy.tierCapacities(total: capacity), universe: trace.uniqueBlocks)
        do {
            return try policy.simulate(trace: trace, cache: &cache, checkInvariants: false, prepared: prepared)
        } catch {
            preconditionFailure("unreachable: invariants are not checked in this run (\(error))")
        }
    }

    /// Runs `trace` through `cache` under `policy`, a policy of the library's or of your own.
    /// With `checkInvariants`, the policy's and the cache's invariants are checked after every
    /// access (O(universe) each: for tests) and the first violation is thrown.
    public static func run<P: EvictionPolicy & ~Copyable>(
        _ policy: inout P, cache: inout BlockCache, trace: Trace, name: String, spec: PolicySpec? = nil,
        checkInvariants: Bool = false
    ) throws(InvariantViolation) -> SimulationResult {
        var result = SimulationResult(policyName: name, spec: spec, capacityBlocks: cache.capacity, tierCapacities: cache.tierCapacities)
        let requests = trace.requestCount
        result.countMeasured(trace)
        guard requests > 0 else { return result }
        precondition(trace.uniqueBlocks <= cache.universe, "the cache's universe is smaller than the trace's")
        // Per-request outputs, written in place through their buffers (no copy: 16 bytes per
        // request, 20 with a lower tier).
        var outputs = PerRequestOutputs(for: trace, lowerTier: cache.tierCapacities.count > 1)
        var counters = SimulationCounters()
        try serve(&policy, cache: &cache, trace: trace, measuredFrom: trace.firstMeasuredRequest, outputs: &outputs,
                  counters: &counters, checkInvariants: checkInvariants)
        result.blockHits = outputs.blockHits
        result.blockHitTokens = outputs.blockTokens
        result.prefixHits = outputs.prefixHits
        result.prefixHitTokens = outputs.prefixTokens
        if !result.lowerTierPrefixHitTokens.isEmpty { result.lowerTierPrefixHitTokens[0] = outputs.lowerTokens }
        counters.store(in: &result, cache: cache)
        return result
    }

    /// Serves every request of `trace` (the whole trace, or one chunk of a stream) through
    /// `cache` under `policy`, continuing from `counters` (the access clock and the totals so
    /// far), and writes each request's hits into `outputs` (sized for `trace`). Requests from
    /// `measuredFrom` on (an index into `trace`; 0 or below: all) are counted in the totals.
    /// The one loop of MODEL 3 behind both `run` and `StreamingSimulation`.
    static func serve<P: EvictionPolicy & ~Copyable>(
        _ policy: inout P, cache: inout BlockCache, trace: Trace, measuredFrom: Int, outputs: inout PerRequestOutputs,
        counters: inout SimulationCounters, checkInvariants: Bool
    ) throws(InvariantViolation) {
        let requests = trace.requestCount
        guard requests > 0 else { return }
        // `outputs` already knows whether every request has one block (the loop below); else the
        // longest request sizes the per-block lookup results.
        let oneBlockEach = outputs.oneBlockEach
        var maxBlocks = 1
        if !oneBlockEach {
            for r in 0 ..< requests { maxBlocks = max(maxBlocks, trace.blockRange(of: r).count) }
        }
        let tierOfBlock = FlatArray<UInt8>(repeating: 0, count: maxBlocks)  // lookup result per block
        var tierBlock = counters.tierBlock, tierPrefix = counters.tierPrefix
        var accessHits = counters.accessHits
        let reverse = policy.touchOrder == .reverse
        let lookupAtAccess = policy.lookup == .access
        let blockSize = trace.blockSizeTokens
        var clock = counters.clock
        var violation: InvariantViolation?

        outputs.withPointers { blockHits, blockTokens, prefixHits, prefixTokens, lowerTokens in
        trace.blockIds.withUnsafeBufferPointer { ids in
        trace.requestStarts.withView { starts in
        trace.inputLengths.withView { lengths in
            cache.beginRequest()  // nothing pinned
            if oneBlockEach {
                // The prefix arrays are the block arrays (PerRequestOutputs).
                violation = serveOneBlockEach(&policy, cache: &cache, ids: ids, lengths: lengths, blockSize: blockSize,
                                              clock: clock, measuredFrom: measuredFrom, hits: blockHits, tokens: blockTokens,
                                              lowerTokens: lowerTokens, counters: &counters, checkInvariants: checkInvariants)
                clock &+= requests
                accessHits = counters.accessHits
                tierBlock = counters.tierBlock
                tierPrefix = counters.tierPrefix
                return
            }
            for r in 0 ..< requests {
                let first = Int(starts[r])
                let n = Int(starts[r + 1]) - first
                let counted = r >= measuredFrom
                cache.beginRequest()
                // 1. Lookup at arrival (MODEL 3.1); pin the request's blocks (3.3).
                if !lookupAtAccess {
                    for k in 0 ..< n {
                        let id = ids[first + k]
                        tierOfBlock[k] = cache.tier(of: id)
                        cache.pin(id)
                    }
                }
                // 3. Update in touch order (MODEL 3.3).
                for j in 0 ..< n {
                    let k = reverse ? n - 1 - j : j
                    let tier = access(ids[first + k], clock: clock, &policy, &cache)
                    if lookupAtAccess { tierOfBlock[k] = tier }
                    if tier != 0 && counted { accessHits &+= 1 }
                    clock &+= 1
                    if checkInvariants, let v = check(policy, cache) { violation = v; return }
                }
                // 2. Hit accounting, both semantics (MODEL 3.2, 5.5).
                let length = Int(lengths[r])
                var hits: Int32 = 0, tokens = 0, run = 0, lower = 0
                var inPrefix = true
                for k in 0 ..< n {
                    let tier = tierOfBlock[k]
                    if tier != 0 {
                        let t = Trace.tokens(ofBlock: k, length: length, blockSize: blockSize)
                        hits &+= 1
                        tokens &+= t
                        if counted { if tier == 1 { tierBlock.0 &+= 1 } else { tierBlock.1 &+= 1 } }
                        if inPrefix {
                            run &+= 1
                            if counted { if tier == 1 { tierPrefix.0 &+= 1 } else { tierPrefix.1 &+= 1 } }
                            if tier != 1 { lower &+= t }
                        }
                    } else {
                        inPrefix = false
                    }
                }
                blockHits[r] = hits
                blockTokens[r] = Int32(tokens)
                prefixHits[r] = Int32(run)
                // A prefix run of h blocks covers min(L, h x B) tokens (MODEL 5.5).
                prefixTokens[r] = Int32(min(length, run * blockSize))
                if lower != 0 { lowerTokens[r] = Int32(lower) }
            }
        }
        }
        }
        }
        counters.clock = clock
        counters.accessHits = accessHits
        counters.tierBlock = tierBlock
        counters.tierPrefix = tierPrefix
        if let violation { throw violation }
    }

    /// Serves `ids`, one block per request (MODEL 3.4): lookup and update coincide, pinning never
    /// matters (the only pinned block is the one being inserted), and both semantics count the
    /// same hit. The classic per-access loop; request `r`'s access has clock `clock + r`. Writes
    /// each hit and its tokens into `hits` and `tokens` (which serve as the prefix arrays too) and
    /// the hits from `measuredFrom` on into `counters`.
    ///
    /// Policy and cache are moved into locals for the loop and back after it: through `inout`
    /// their fields (array bases, list ends, counts) would be reloaded from memory after every
    /// store into a per-block array, which might alias them; as locals they stay in registers.
    @inline(__always)
    private static func serveOneBlockEach<P: EvictionPolicy & ~Copyable>(
        _ policy: inout P, cache: inout BlockCache, ids: UnsafeBufferPointer<Int32>, lengths: RequestColumn.View,
        blockSize: Int, clock: Int, measuredFrom: Int, hits: UnsafeMutablePointer<Int32>, tokens: UnsafeMutablePointer<Int32>,
        lowerTokens: UnsafeMutablePointer<Int32>, counters: inout SimulationCounters, checkInvariants: Bool
    ) -> InvariantViolation? {
        var p = policy, c = cache
        let requests = ids.count
        var l1Hits = 0, lowerHits = 0
        var violation: InvariantViolation?
        for r in 0 ..< requests {
            // The block 16 accesses ahead: its residency and its policy entry start loading
            // now (each access's own loads wait on a cache miss otherwise); 6 accesses ahead,
            // what that entry points at (reading the entry waits for it, so the first stage
            // must have had time to bring it in).
            if r &+ 16 < requests {
                let ahead = ids[r &+ 16]
                c.prefetch(ahead)
                p.prefetch(ahead)
            }
            if r &+ 6 < requests { p.prefetchDependent(ids[r &+ 6]) }
            let id = ids[r]
            let tier = p.accessOneBlock(id, clock: clock &+ r, cache: &c)
            if tier != 0 {
                hits[r] = 1
                let t = Int32(Trace.tokens(ofBlock: 0, length: Int(lengths[r]), blockSize: blockSize))
                tokens[r] = t
                if tier != 1 { lowerTokens[r] = t }
                if r >= measuredFrom {
                    if tier == 1 { l1Hits &+= 1 } else { lowerHits &+= 1 }
                }
            }
            if checkInvariants, let v = check(p, c) { violation = v; break }
        }
        policy = p
        cache = c
        counters.accessHits &+= l1Hits &+ lowerHits
        counters.tierBlock.0 &+= l1Hits
        counters.tierBlock.1 &+= lowerHits
        counters.tierPrefix.0 &+= l1Hits
        counters.tierPrefix.1 &+= lowerHits
        return violation
    }

    /// One access to block `id` (MODEL 3.3): a hit, or a miss, evictions until there is room,
    /// and the insertion in L1. Returns the tier the block was found in (0 = absent).
    @inline(__always)
    public static func access<P: EvictionPolicy & ~Copyable>(_ id: Int32, clock: Int, _ policy: inout P, _ cache: inout BlockCache) -> UInt8 {
        let tier = cache.tier(of: id)
        if tier != 0 {
            policy.hit(id, clock: clock, cache: &cache)
        } else {
            policy.miss(id, clock: clock, cache: cache)
            // MODEL 3.3: a policy with admission control may decline a block when the cache is full.
            if cache.isFull && !policy.admits(id, clock: clock, cache: cache) { return 0 }
            while cache.isFull {
                let victim = policy.evict(cache: &cache)
                cache.evict(victim)
            }
            cache.insert(id)
            policy.inserted(id, clock: clock, cache: &cache)
        }
        return tier
    }

    private static func check<P: EvictionPolicy & ~Copyable>(_ policy: borrowing P, _ cache: borrowing BlockCache) -> InvariantViolation? {
        do throws(InvariantViolation) {
            try cache.checkInvariants()
            try policy.checkInvariants(cache: cache)
            return nil
        } catch {
            return error
        }
    }
}

extension PolicySpec {
    /// Builds this policy for `cache` and runs `trace` through it: the one place that maps a
    /// spec to its policy type.
    /// `prepared`, when given, holds what an offline policy derives from the trace (made by
    /// `PreparedTrace(trace, for: self)`); else it is derived here.
    public func simulate(trace: Trace, cache: inout BlockCache, checkInvariants: Bool,
                         prepared: PreparedTrace? = nil) throws(InvariantViolation) -> SimulationResult {
        let universe = cache.universe
        switch self {
        case .lru:
            var p = LRUPolicy(universe: universe, capacity: cache.capacity)
            return try Simulator.run(&p, cache: &cache, trace: trace, name: name, spec: self, checkInvariants: checkInvariants)
        case .prefixLRU:
            var p = LRUPolicy(universe: universe, touchOrder: .reverse, capacity: cache.capacity)
            return try Simulator.run(&p, cache: &cache, trace: trace, name: name, spec: self, checkInvariants: checkInvariants)
        case .lfu:
            var p = LFUPolicy(universe: universe, capacity: cache.capacity)
            return try Simulator.run(&p, cache: &cache, trace: trace, name: name, spec: self, checkInvariants: checkInvariants)
        case .fifo:
            var p = FIFOPolicy(universe: universe, capacity: cache.capacity)
            return try Simulator.run(&p, cache: &cache, trace: trace, name: name, spec: self, checkInvariants: checkInvariants)
        case .clock:
            var p = ClockPolicy(capacity: cache.capacity, universe: universe)
            return try Simulator.run(&p, cache: &cache, trace: trace, name: name, spec: self, checkInvariants: checkInvariants)
        case .sieve:
            var p = SievePolicy(capacity: cache.capacity, universe: universe)
            return try Simulator.run(&p, cache: &cache, trace: trace, name: name, spec: self, checkInvariants: checkInvariants)
        case .s3fifo(let small, let ghost, let threshold):
            var p = S3FIFOPolicy(capacity: cache.capacity, universe: universe, smallRatio: small, ghostRatio: ghost,
                                 moveToMainThreshold: threshold)
            return try Simulator.run(&p, cache: &cache, trace: trace, name: name, spec: self, checkInvariants: checkInvariants)
        case .arc:
            var p = ARCPolicy(capacity: cache.capacity, universe: universe)
            return try Simulator.run(&p, cache: &cache, trace: trace, name: name, spec: self, checkInvariants: checkInvariants)
        case .hierarchicalLRU:
            var p = HierarchicalLRUPolicy(l1Capacity: cache.tierCapacities[0], universe: universe)
            return try Simulator.run(&p, cache: &cache, trace: trace, name: name, spec: self, checkInvariants: checkInvariants)
        case .radixLRU:
            let tree = prepared?.tree ?? RadixTree(trace)
            return try RadixCache.run(trace: trace, tree: tree, order: RadixLRUOrder(), leaves: RadixLeafBitset(tree: tree),
                                      capacity: cache.capacity, name: name, spec: self, checkInvariants: checkInvariants)
        case .radixBelady:
            let tree = prepared?.tree ?? RadixTree(trace)
            let order = RadixBeladyOrder(nextRequest: prepared?.nextRequest ?? tree.nextRequest(trace))
            return try RadixCache.run(trace: trace, tree: tree, order: order, leaves: RadixLeafHeap(evictsLargest: order.evictsLargest),
                                      capacity: cache.capacity, name: name, spec: self, checkInvariants: checkInvariants)
        case .belady, .beladyBypass:
            var p = BeladyPolicy(stream: trace.blockIds, nextAccess: prepared?.nextAccess ?? NextAccess.compute(trace),
                                 bypass: self == .beladyBypass, capacity: cache.capacity)
            return try Simulator.run(&p, cache: &cache, trace: trace, name: name, spec: self, checkInvariants: checkInvariants)
        }
    }

    /// Runs `trace` under this policy with its invariants checked after every access (tests).
    public func simulateChecked(trace: Trace, capacity: Int) throws -> SimulationResult {
        var cache = try BlockCache(tierCapacities: tierCapacities(total: capacity), universe: trace.uniqueBlocks)
        return try simulate(trace: trace, cache: &cache, checkInvariants: true)
    }
}
