import KVCacheCore
import KVCacheInput
/// Renders a `SimulationRun` as the `simulate --json` object (MODEL 9.2); the readable
/// summary is `SummaryText` in KVCacheRender. Pure functions of the run.
public enum RunSummary {
    /// The counted totals of a run, in memory or streamed (`RunTotals`), from `capacity_blocks`
    /// to `tiers`, in the order of `simulate --json`. `tierTokens`, when known, are the
    /// prefix-hit tokens found in each tier (`bytes_loaded`; a stream does not keep them).
    static func countFields(_ r: some RunTotals, config: SimulationConfig, tierTokens: [Int]?) -> [(String, JSONValue)] {
        let tierNames = r.tierCapacities.count == 1 ? ["l1"] : ["l1", "l2"]
        let tiers: [(String, JSONValue)] = tierNames.enumerated().map { i, name in
            var tier: [(String, JSONValue)] = [
                ("capacity_blocks", .int(r.tierCapacities[i])),
                ("capacity_bytes", .int(r.tierCapacities[i] * config.blockBytes)),
                ("hits_block", .int(r.tierBlockHits[i])),
                ("hits_prefix", .int(r.tierPrefixHits[i])),
            ]
            if let tierTokens { tier.append(("bytes_loaded", .int(tierTokens[i] * config.kvBytesPerToken))) }
            return (name, .object(tier))
        }
        return [
            ("capacity_blocks", .int(r.capacityBlocks)),
            ("capacity_bytes", .int(r.capacityBlocks * config.blockBytes)),
            ("block_size_tokens", .int(config.blockSizeTokens)),
            ("kv_bytes_per_token", .int(config.kvBytesPerToken)),
            ("hit_semantics", .string(config.hitSemantics.rawValue)),
            ("hits", .object([("block", .int(r.hitsBlock)), ("prefix", .int(r.hitsPrefix))])),
            ("hit_ratio", .object([("block", .double(r.hitRatio(.block))), ("prefix", .double(r.hitRatio(.prefix)))])),
            ("hit_tokens", .object([("block", .int(r.hitTokensBlock)), ("prefix", .int(r.hitTokensPrefix))])),
            ("token_hit_ratio", .object([("block", .double(r.tokenHitRatio(.block))), ("prefix", .double(r.tokenHitRatio(.prefix)))])),
            ("input_tokens", .int(r.inputTokens)),
            ("evictions", .int(r.evictions)),
            ("promotions", .int(r.promotions)),
            ("demotions", .int(r.demotions)),
            ("tiers", .object(tiers)),
        ]
    }

    public static func json(_ run: SimulationRun) -> JSONValue {
        let r = run.result
        let t = run.timing
        // Bytes loaded per tier: the KV of the prefix hits found there (what the time model loads).
        let lower = r.lowerTierPrefixHitTokens.first?.reduce(0) { $0 + Int($1) } ?? 0
        let tierTokens = [r.hitTokensPrefix - lower, lower]
        var warnings: [(String, JSONValue)] = run.trace.warnings.sortedKinds.map { ($0, .int(run.trace.warnings.counts[$0] ?? 0)) }
        if run.capacityDefaulted { warnings.append(("capacity_defaulted", .int(1))) }
        var fields: [(String, JSONValue)] = [
            ("name", .string(run.config.name)),
            ("trace", .string(run.config.workload.isSynthetic ? run.trace.source : PathText.display(run.trace.source))),
            ("requests", .int(run.trace.requestCount)),
            ("measured_requests", .int(r.requests)),
            ("warmup", .string(run.config.warmup.description)),
            ("accesses", .int(r.accesses)),
            ("unique_blocks", .int(run.trace.uniqueBlocks)),
            ("policy", .string(r.policyName)),
        ] + countFields(r, config: run.config, tierTokens: tierTokens) + [
            ("ttft_ms", .object([
                ("mean", .double(t.mean)), ("p50", .double(t.percentile(0.5))),
                ("p90", .double(t.percentile(0.9))), ("p99", .double(t.percentile(0.99))),
            ])),
            ("throughput", .object([
                ("tokens_per_s", .double(t.throughputTokensPerSecond)),
                ("requests_per_s", .double(t.throughputRequestsPerSecond)),
                ("basis", .string(t.throughputBasis)),
            ])),
            ("definitions", definitions(run)),
            ("by_request_type", .object(byType(run))),
        ]
        if run.trace.hasTurns { fields.append(("by_turn", .object(byTurn(run)))) }
        fields.append(("warnings", .object(warnings)))
        return .object(fields)
    }

    /// Hits, ratios and TTFT per `request_type` (MODEL 2.1).
    static func byType(_ run: SimulationRun) -> [(String, JSONValue)] {
        run.requestTypeSummaries.map { t in
            (t.name, .object([
                ("requests", .int(t.requests)), ("accesses", .int(t.accesses)), ("input_tokens", .int(t.inputTokens)),
                ("hits", .object([("block", .int(t.blockHits)), ("prefix", .int(t.prefixHits))])),
                ("hit_ratio", .object([("block", .double(t.hitRatio(.block))), ("prefix", .double(t.hitRatio(.prefix)))])),
                ("token_hit_ratio", .object([("block", .double(t.tokenHitRatio(.block))), ("prefix", .double(t.tokenHitRatio(.prefix)))])),
                ("ttft_ms", .object([("mean", .double(t.ttftMeanMs)), ("p50", .double(t.ttftP50Ms)),
                                     ("p99", .double(t.ttftP99Ms))])),
            ]))
        }
    }

    /// Turns above this are grouped in one bucket, `"11+"` (`by_turn`).
    static let lastSingleTurn = 10

    /// Every hit definition of MODEL 5.8, from the same run, over the counted requests.
    static func definitions(_ run: SimulationRun) -> JSONValue {
        definitions(HitDefinitions(trace: run.trace, result: run.result))
    }

    /// The `definitions` object for hit definitions counted by any run (in memory or streamed).
    static func definitions(_ d: HitDefinitions) -> JSONValue {
        .object(d.rows.map { row in
            var fields: [(String, JSONValue)] = []
            if let h = row.hits { fields.append(("hits", .int(h))) }
            if let t = row.total { fields.append((row.name == "request_mean" ? "requests" : "total", .int(t))) }
            fields.append(("ratio", .double(row.ratio)))
            fields.append(("tool", .string(row.tool)))
            if row.name == "full_block_tokens" {
                fields.append(("prefix_cache_queries", .int(d.fullBlockTokens.total)))
                fields.append(("prefix_cache_hits", .int(d.fullBlockTokens.hits)))
            }
            return (row.name, .object(fields))
        })
    }

    /// Requests, accesses, hits and ratios per conversation turn (`by_turn`), for traces with
    /// turns: keys `"1"` ... `"10"`, `"11+"` for every later turn, and `"unknown"` for requests
    /// without a turn; only buckets with requests appear, in that order. One pass for the
    /// counts, one selection for every bucket's TTFT summary (no per-bucket arrays).
    static func byTurn(_ run: SimulationRun) -> [(String, JSONValue)] {
        struct Bucket {
            var requests = 0, accesses = 0, inputTokens = 0
            var blockHits = 0, prefixHits = 0, blockHitTokens = 0, prefixHitTokens = 0
        }
        let trace = run.trace, r = run.result
        // Index 0: unknown; 1 ... lastSingleTurn; lastSingleTurn + 1: the rest.
        var buckets = Array(repeating: Bucket(), count: lastSingleTurn + 2)
        func bucket(_ q: Int) -> Int { min(Int(trace.turns[q]), lastSingleTurn + 1) }
        for q in trace.measuredRequests {
            let b = bucket(q)
            buckets[b].requests += 1
            buckets[b].accesses += trace.blockRange(of: q).count
            buckets[b].inputTokens += Int(trace.inputLengths[q])
            buckets[b].blockHits += Int(r.blockHits[q])
            buckets[b].prefixHits += Int(r.prefixHits[q])
            buckets[b].blockHitTokens += Int(r.blockHitTokens[q])
            buckets[b].prefixHitTokens += Int(r.prefixHitTokens[q])
        }
        let from = trace.firstMeasuredRequest
        // Turns above lastSingleTurn fall in the last group, as in `bucket`.
        let ttft = run.timing.ttftMs[from...].withUnsafeBufferPointer { v in
            trace.turns[from...].withUnsafeBufferPointer { turns in
                Statistics.groupSummaries(values: v, groupOf: turns, groups: buckets.count, quantiles: [0.5, 0.99])
            }
        }
        func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
        let order = Array(1 ... lastSingleTurn + 1) + [0]
        return order.compactMap { i -> (String, JSONValue)? in
            let t = buckets[i], s = ttft[i]
            guard t.requests > 0 else { return nil }
            let name = i == 0 ? "unknown" : i > lastSingleTurn ? "\(lastSingleTurn + 1)+" : String(i)
            return (name, .object([
                ("requests", .int(t.requests)), ("accesses", .int(t.accesses)), ("input_tokens", .int(t.inputTokens)),
                ("hits", .object([("block", .int(t.blockHits)), ("prefix", .int(t.prefixHits))])),
                ("hit_ratio", .object([("block", .double(ratio(t.blockHits, t.accesses))),
                                       ("prefix", .double(ratio(t.prefixHits, t.accesses)))])),
                ("token_hit_ratio", .object([("block", .double(ratio(t.blockHitTokens, t.inputTokens))),
                                             ("prefix", .double(ratio(t.prefixHitTokens, t.inputTokens)))])),
                ("ttft_ms", .object([("mean", .double(s.mean)), ("p50", .double(s.quantiles[0])),
                                     ("p99", .double(s.quantiles[1]))])),
            ]))
        }
    }
}
