/// One online policy at one capacity over a trace that arrives in chunks (MODEL 3.7): the
/// reader's `TraceBuilder` hands each chunk to `consume`, which serves it through the same loop
/// as an in-memory run (`Simulator.serve`) and folds its per-request hits into totals, then
/// drops it. So no trace is held: memory is one chunk plus the policy's and the cache's
/// per-block state, O(distinct blocks), which grows as new blocks arrive.
///
/// Counted exactly as in memory: hits and hit tokens under both semantics, per tier, every hit
/// definition of MODEL 5.8, evictions, and the mean TTFT without queueing. Not kept: TTFT
/// percentiles (they need every request's TTFT), queueing, throughput and per-type breakdowns.
/// Offline policies (`belady`, `belady_bypass`, `radix_belady`) and `radix_lru` (which needs the
/// whole trace's prefix tree) are refused. O(accesses) hook calls, as in memory.
public final class StreamingSimulation {
    private let server: any ChunkServer
    private let timeModel: TimeModel?
    private var summary: StreamSummary
    private var tally = HitDefinitions.RequestTally()
    private var ttftSum = 0.0

    /// - Parameters:
    ///   - warmupRequests: the first requests that warm the cache up and are not counted (3.6).
    ///   - timeModel: when given, the mean TTFT (without queueing) is kept.
    /// - Throws: `InputError` for a policy that cannot stream; `CacheError` for a capacity below 1.
    public init(policy: PolicySpec, capacity: Int, source: String, warmupRequests: Int = 0, timeModel: TimeModel? = nil,
                checkInvariants: Bool = false) throws {
        server = try makeChunkServer(policy: policy, capacity: capacity, checkInvariants: checkInvariants)
        let tiers = server.tierCapacities, c = server.capacity
        self.timeModel = timeModel
        let zero = HitDefinitions.Ratio(hits: 0, total: 0)
        summary = StreamSummary(policy: policy, capacityBlocks: c, tierCapacities: tiers, source: source,
                                measuredFrom: max(0, warmupRequests),
                                definitions: HitDefinitions(access: zero, block: zero, prefix: zero, token: zero,
                                                            tally: HitDefinitions.RequestTally()))
    }

    /// Serves the next chunk (a `Trace` of consecutive requests whose dense ids continue the
    /// earlier chunks'), then forgets it. O(chunk accesses), plus O(U) when the universe grows.
    public func consume(_ chunk: Trace) throws {
        let n = chunk.requestCount
        guard n > 0 else { return }
        let measuredFrom = summary.measuredFrom - summary.totalRequests  // chunk-local
        var outputs = PerRequestOutputs(for: chunk, lowerTier: server.tierCapacities.count > 1)
        try server.serve(chunk, measuredFrom: measuredFrom, outputs: &outputs)
        summary.totalRequests += n
        summary.totalAccesses += chunk.accessCount
        summary.uniqueBlocks = max(summary.uniqueBlocks, chunk.uniqueBlocks)
        summary.chunks += 1
        summary.warnings.merge(chunk.warnings)
        let first = max(0, measuredFrom)
        guard first < n else { return }
        let b = chunk.blockSizeTokens
        var accesses = 0, tokens = 0, hb = 0, hp = 0, tb = 0, tp = 0
        let blockHits = outputs.blockHits, blockTokens = outputs.blockTokens
        let prefixHits = outputs.prefixHits, prefixTokens = outputs.prefixTokens
        for r in first ..< n {
            let length = Int(chunk.inputLengths[r])
            accesses += chunk.blockRange(of: r).count
            tokens += length
            hb += Int(blockHits[r])
            hp += Int(prefixHits[r])
            tb += Int(blockTokens[r])
            tp += Int(prefixTokens[r])
            tally.add(inputLength: length, prefixHits: Int(prefixHits[r]), prefixHitTokens: Int(prefixTokens[r]), blockSize: b)
        }
        summary.requests += n - first
        summary.accesses += accesses
        summary.inputTokens += tokens
        summary.hitsBlock += hb
        summary.hitsPrefix += hp
        summary.hitTokensBlock += tb
        summary.hitTokensPrefix += tp
        if let timeModel {
            var result = SimulationResult(policyName: "", spec: nil, capacityBlocks: server.capacity, tierCapacities: server.tierCapacities)
            result.prefixHitTokens = outputs.prefixTokens
            if !result.lowerTierPrefixHitTokens.isEmpty { result.lowerTierPrefixHitTokens[0] = outputs.lowerTokens }
            let service = timeModel.serviceTimes(trace: chunk, result: result)
            for r in first ..< n { ttftSum += service[r] }
        }
    }

    /// The totals so far (call after the last chunk).
    public func finish() -> StreamSummary {
        var s = summary
        var totals = SimulationResult(policyName: "", spec: nil, capacityBlocks: s.capacityBlocks, tierCapacities: s.tierCapacities)
        server.store(in: &totals)
        s.accessHits = totals.accessHits
        s.tierBlockHits = totals.tierBlockHits
        s.tierPrefixHits = totals.tierPrefixHits
        s.evictions = totals.evictions
        s.promotions = totals.promotions
        s.demotions = totals.demotions
        s.definitions = HitDefinitions(
            access: .init(hits: s.accessHits, total: s.accesses), block: .init(hits: s.hitsBlock, total: s.accesses),
            prefix: .init(hits: s.hitsPrefix, total: s.accesses), token: .init(hits: s.hitTokensPrefix, total: s.inputTokens),
            tally: tally)
        if timeModel != nil { s.ttftMeanMs = s.requests == 0 ? 0 : ttftSum / Double(s.requests) }
        return s
    }
}
