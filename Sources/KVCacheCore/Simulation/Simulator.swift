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
            var p = BeladyPolicy(capacity: capacity, universe: universe, nextAccess: NextAccess.compute(trace))
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
        result.blockHits = Array(repeating: 0, count: requests)
        result.blockHitTokens = Array(repeating: 0, count: requests)
        result.prefixHits = Array(repeating: 0, count: requests)
        result.prefixHitTokens = Array(repeating: 0, count: requests)
        for t in result.lowerTierPrefixHitTokens.indices {
            result.lowerTierPrefixHitTokens[t] = Array(repeating: 0, count: requests)
        }
        var pins = PinSet(universe: trace.uniqueBlocks)
        let reverse = kind.touchesInReverse
        var tierOfBlock: [UInt8] = []   // scratch: lookup result per block of the request
        var clock = 0
        var evictions = 0
        let capacity = policy.capacity

        trace.blockIds.withUnsafeBufferPointer { ids in
            for r in 0 ..< requests {
                let range = trace.blockRange(of: r)
                let n = range.count
                tierOfBlock.removeAll(keepingCapacity: true)
                pins.beginRequest()
                if !lookupAtAccess {
                    for i in range {
                        tierOfBlock.append(policy.tier(of: ids[i]))
                        pins.pin(ids[i])
                    }
                } else {
                    tierOfBlock.append(contentsOf: repeatElement(0, count: n))
                }
                for j in 0 ..< n {
                    let k = reverse ? n - 1 - j : j
                    let id = ids[range.lowerBound + k]
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
                account(request: r, tiers: tierOfBlock, trace: trace, into: &result)
            }
        }
        result.evictions = evictions
        result.promotions = policy.promotions
        result.demotions = policy.demotions
        return result
    }

    /// SEMANTICS 3.2 and 5.5 for one request: block hits, the prefix run, their tokens, per tier.
    @inline(__always)
    private static func account(request r: Int, tiers: [UInt8], trace: Trace, into result: inout SimulationResult) {
        var blockHits: Int32 = 0, blockTokens = 0
        var prefixRun = 0
        var inPrefix = true
        var lowerTokens0 = 0
        for (k, tier) in tiers.enumerated() {
            if tier != 0 {
                blockHits &+= 1
                blockTokens &+= trace.tokens(ofBlock: k, inRequest: r)
                result.tierBlockHits[Int(tier) - 1] &+= 1
                if inPrefix {
                    prefixRun &+= 1
                    result.tierPrefixHits[Int(tier) - 1] &+= 1
                    if tier == 2 { lowerTokens0 &+= trace.tokens(ofBlock: k, inRequest: r) }
                }
            } else {
                inPrefix = false
            }
        }
        result.blockHits[r] = blockHits
        result.blockHitTokens[r] = Int32(blockTokens)
        result.prefixHits[r] = Int32(prefixRun)
        // A prefix run of h blocks covers min(L, h x B) tokens (SEMANTICS 5.5).
        let length = Int(trace.inputLengths[r])
        result.prefixHitTokens[r] = Int32(min(length, prefixRun * trace.blockSizeTokens))
        if !result.lowerTierPrefixHitTokens.isEmpty { result.lowerTierPrefixHitTokens[0][r] = Int32(lowerTokens0) }
    }
}
