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

    public static func json(_ run: SimulationRun) -> JSONValue { json(run.outcome) }

    public static func json(_ outcome: SimulationOutcome) -> JSONValue {
        let d = outcome.digest, config = outcome.config
        var warnings: [(String, JSONValue)] = d.warnings.sortedKinds.map { ($0, .int(d.warnings.counts[$0] ?? 0)) }
        if outcome.capacityDefaulted { warnings.append(("capacity_defaulted", .int(1))) }
        var fields: [(String, JSONValue)] = [
            ("name", .string(config.name)),
            ("trace", .string(config.workload.isSynthetic ? d.source : PathText.display(d.source))),
            ("requests", .int(d.requestCount)),
            ("measured_requests", .int(d.requests)),
            ("warmup", .string(config.warmup.description)),
            ("accesses", .int(d.accesses)),
            ("unique_blocks", .int(d.uniqueBlocks)),
            ("policy", .string(d.policyName)),
        ] + countFields(d, config: config, tierTokens: d.tierHitTokens) + [
            ("ttft_ms", .object([
                ("mean", .double(d.ttftMeanMs)), ("p50", .double(d.ttftP50Ms)),
                ("p90", .double(d.ttftP90Ms)), ("p99", .double(d.ttftP99Ms)),
            ])),
            ("throughput", .object([
                ("tokens_per_s", .double(d.throughputTokensPerSecond)),
                ("requests_per_s", .double(d.throughputRequestsPerSecond)),
                ("basis", .string(d.throughputBasis)),
            ])),
            ("definitions", definitions(d.definitions)),
            ("by_request_type", .object(d.byType.map { ($0.name, group($0)) })),
        ]
        if d.hasTurns { fields.append(("by_turn", .object(d.byTurn.map { ($0.name, group($0)) }))) }
        fields.append(("warnings", .object(warnings)))
        return .object(fields)
    }

    /// Hits, ratios and TTFT of one request type (MODEL 2.1) or turn bucket.
    static func group(_ t: RequestGroupStats) -> JSONValue {
        .object([
            ("requests", .int(t.requests)), ("accesses", .int(t.accesses)), ("input_tokens", .int(t.inputTokens)),
            ("hits", .object([("block", .int(t.blockHits)), ("prefix", .int(t.prefixHits))])),
            ("hit_ratio", .object([("block", .double(t.hitRatio(.block))), ("prefix", .double(t.hitRatio(.prefix)))])),
            ("token_hit_ratio", .object([("block", .double(t.tokenHitRatio(.block))), ("prefix", .double(t.tokenHitRatio(.prefix)))])),
            ("ttft_ms", .object([("mean", .double(t.ttftMeanMs)), ("p50", .double(t.ttftP50Ms)), ("p99", .double(t.ttftP99Ms))])),
        ])
    }

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
}
