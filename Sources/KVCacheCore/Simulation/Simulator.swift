/// The one access algorithm (SEMANTICS 3), shared by every policy:
///
/// 1. **Lookup** at arrival (3.1): each block of the request is present or absent, in a tier.
///    `belady` instead looks each block up at its own access on the flattened stream (4.5).
/// 2. **Hit accounting** (3.2), both semantics at once: block hits are all present blocks;
///    prefix hits are the leading run of present blocks.
/// 3. **Update** (3.3) in the policy's touch order (`prefix_lru`: last to first): a present
///    block is touched; an absent one is inserted after evicting victims until it fits; the
///    request's blocks are pinned (except for `belady`). Every block is accessed, hit or not.
///
/// Generic over the policy so that each policy's hooks are specialised and inlined: O(accesses)
/// hook calls, no allocation per access.
public enum Simulator {
    /// Runs `trace` through a cache of `policy` with `capacity` blocks; `hierarchical_lru` takes
    /// `tiers` (L1, L2) instead. Capacities must be at least 1.
    public static func run(trace: Trace, policy kind: PolicyKind, capacity: Int, tiers: (Int, Int)? = nil) -> SimulationResult {
        let universe = trace.uniqueBlocks
        switch kind {
        case .lru, .prefixLRU:
            var p = LRUPolicy(capacity: capacity, universe: universe)
            return run(&p, kind: kind, trace: trace)
        case .lfu:
            var p = LFUPolicy(capacity: capacity, universe: universe)
            return run(&p, kind: kind, trace: trace)
        case .fifo:
            var p = FIFOPolicy(capacity: capacity, universe: universe)
            return run(&p, kind: kind, trace: trace)
        case .hierarchicalLRU:
            let (l1, l2) = tiers ?? (capacity, 0)
            var p = HierarchicalLRUPolicy(l1Capacity: l1, l2Capacity: l2, universe: universe)
            return run(&p, kind: kind, trace: trace, tierCapacities: [l1, l2])
        case .belady:
            var p = BeladyPolicy(capacity: capacity, universe: universe, stream: trace.blockIds, nextAccess: NextAccess.compute(trace))
            return run(&p, kind: kind, trace: trace, lookupAtAccess: true)
        }
    }

    static func run<P: EvictionPolicy>(
        _ policy: inout P, kind: PolicyKind, trace: Trace, tierCapacities: [Int]? = nil, lookupAtAccess: Bool = false
    ) -> SimulationResult {
        let tierCaps = tierCapacities ?? [policy.capacity]
        var result = SimulationResult(policy: kind, capacityBlocks: policy.capacity, tierCapacities: tierCaps)
        let requests = trace.requestCount
        result.requests = requests
        result.accesses = trace.accessCount
        result.inputTokens = trace.totalInputTokens
        guard requests > 0 else { return result }
        // Per-request outputs, written in place through their buffers (no copy: 16 bytes per
        // request, 20 with a lower tier).
        var outputs = PerRequestOutputs(requests: requests, lowerTier: tierCaps.count > 1)
        var maxBlocks = 1, minBlocks = Int.max
        for r in 0 ..< requests {
            let n = trace.blockRange(of: r).count
            maxBlocks = max(maxBlocks, n)
            minBlocks = min(minBlocks, n)
        }
        let tierOfBlock = FlatStorage<UInt8>(repeating: 0, count: maxBlocks)  // lookup result per block
        var tierBlock = (0, 0), tierPrefix = (0, 0)
        var pins = PinSet(universe: trace.uniqueBlocks)
        let reverse = kind.touchesInReverse
        let capacity = policy.capacity
        let blockSize = trace.blockSizeTokens
        var clock = 0
        var evictions = 0

        outputs.withPointers { blockHits, blockTokens, prefixHits, prefixTokens, lowerTokens in
        trace.blockIds.withUnsafeBufferPointer { ids in
        trace.requestStarts.withUnsafeBufferPointer { starts in
        trace.inputLengths.withUnsafeBufferPointer { lengths in
            if maxBlocks == 1, minBlocks == 1 {
                // SEMANTICS 3.4: one block per request: lookup and update coincide, pinning never
                // matters (the only pinned block is the one being inserted), and both semantics
                // count the same hit. The classic per-access loop.
                pins.beginRequest()  // nothing pinned
                for r in 0 ..< requests {
                    let id = ids[r]
                    let tier = policy.tier(of: id)
                    if tier != 0 {
                        policy.touch(id, clock: r)
                        blockHits[r] = 1
                        prefixHits[r] = 1
                        let t = Int32(Trace.tokens(ofBlock: 0, length: Int(lengths[r]), blockSize: blockSize))
                        blockTokens[r] = t
                        prefixTokens[r] = t
                        if tier == 1 { tierBlock.0 &+= 1 } else { tierBlock.1 &+= 1; lowerTokens[r] = t }
                    } else {
                        while policy.count >= capacity {
                            _ = policy.evict(pins: pins)
                            evictions &+= 1
                        }
                        policy.insert(id, clock: r)
                    }
                }
                tierPrefix = tierBlock
                return
            }
            for r in 0 ..< requests {
                let first = Int(starts[r])
                let n = Int(starts[r + 1]) - first
                pins.beginRequest()
                // 1. Lookup at arrival (SEMANTICS 3.1); pin the request's blocks (3.3).
                if !lookupAtAccess {
                    for k in 0 ..< n {
                        let id = ids[first + k]
                        tierOfBlock[k] = policy.tier(of: id)
                        pins.pin(id)
                    }
                }
                // 3. Update in touch order (SEMANTICS 3.3).
                for j in 0 ..< n {
                    let k = reverse ? n - 1 - j : j
                    let id = ids[first + k]
                    let tier = policy.tier(of: id)
                    if lookupAtAccess { tierOfBlock[k] = tier }
                    if tier != 0 {
                        policy.touch(id, clock: clock)
                    } else {
                        while policy.count >= capacity {
                            _ = policy.evict(pins: pins)
                            evictions &+= 1
                        }
                        policy.insert(id, clock: clock)
                    }
                    clock &+= 1
                }
                // 2. Hit accounting, both semantics (SEMANTICS 3.2, 5.5).
                let length = Int(lengths[r])
                var hits: Int32 = 0, tokens = 0, run = 0, lower = 0
                var inPrefix = true
                for k in 0 ..< n {
                    let tier = tierOfBlock[k]
                    if tier != 0 {
                        let t = Trace.tokens(ofBlock: k, length: length, blockSize: blockSize)
                        hits &+= 1
                        tokens &+= t
                        if tier == 1 { tierBlock.0 &+= 1 } else { tierBlock.1 &+= 1 }
                        if inPrefix {
                            run &+= 1
                            if tier == 1 { tierPrefix.0 &+= 1 } else { tierPrefix.1 &+= 1; lower &+= t }
                        }
                    } else {
                        inPrefix = false
                    }
                }
                blockHits[r] = hits
                blockTokens[r] = Int32(tokens)
                prefixHits[r] = Int32(run)
                // A prefix run of h blocks covers min(L, h x B) tokens (SEMANTICS 5.5).
                prefixTokens[r] = Int32(min(length, run * blockSize))
                if lower != 0 { lowerTokens[r] = Int32(lower) }
            }
        }
        }
        }
        }
        result.blockHits = outputs.blockHits
        result.blockHitTokens = outputs.blockTokens
        result.prefixHits = outputs.prefixHits
        result.prefixHitTokens = outputs.prefixTokens
        if !result.lowerTierPrefixHitTokens.isEmpty { result.lowerTierPrefixHitTokens[0] = outputs.lowerTokens }
        result.tierBlockHits[0] = tierBlock.0
        result.tierPrefixHits[0] = tierPrefix.0
        if tierCaps.count > 1 {
            result.tierBlockHits[1] = tierBlock.1
            result.tierPrefixHits[1] = tierPrefix.1
        }
        result.evictions = evictions
        result.promotions = policy.promotions
        result.demotions = policy.demotions
        return result
    }
}
