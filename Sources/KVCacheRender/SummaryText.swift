import KVCacheCore
import KVCacheInput

/// The readable summary `simulate` prints: input, cache, hits in both semantics (the
/// configured one starred), tiers, evictions, TTFT and throughput, warnings. A pure function
/// of the run, formatted with `Formatting` like every report.
public enum SummaryText {
    public static func render(_ run: SimulationRun) -> String { render(run.outcome) }

    public static func render(_ run: SimulationOutcome) -> String {
        let r = run.digest, c = run.config
        func n(_ x: Int) -> String { Formatting.thousands(x) }
        func pct(_ x: Double) -> String { Formatting.percent(x, decimals: 2) }
        func ms(_ x: Double) -> String { Formatting.duration(milliseconds: x) }
        var lines: [String] = []
        lines.append("kvcache-sim: \(c.name)")
        lines.append("  input      \(r.source): \(n(r.requests)) requests, \(n(r.accesses)) block accesses, \(n(r.uniqueBlocks)) unique blocks, \(n(r.inputTokens)) input tokens")
        if r.measuredFrom > 0 {
            lines.append("  warm-up    the first \(n(r.measuredFrom)) requests (\(c.warmup)) are simulated, not counted; the figures above and below are the last \(n(r.requests))")
        }
        var cache = "  cache      \(run.policy.description), \(n(r.capacityBlocks)) blocks (\(Formatting.bytes(r.capacityBlocks * c.blockBytes)); block = \(c.blockSizeTokens) tokens x \(n(c.kvBytesPerToken)) B)"
        if let tiers = run.tiers { cache += ", L1 \(n(tiers.l1)) + L2 \(n(tiers.l2)) blocks" }
        if run.capacityDefaulted { cache += " [no capacity configured: 10% of the unique blocks]" }
        lines.append(cache)
        func hits(_ s: HitSemantics) -> String {
            "\(s.rawValue) \(n(r.hits(s))) (\(pct(r.hitRatio(s))), tokens \(pct(r.tokenHitRatio(s))))\(s == c.hitSemantics ? " *" : "")"
        }
        lines.append("  hits       \(hits(.prefix)); \(hits(.block))")
        if r.tierCapacities.count > 1 {
            lines.append("  tiers      L1 prefix hits \(n(r.tierPrefixHits[0])), L2 prefix hits \(n(r.tierPrefixHits[1])); promotions \(n(r.promotions)), demotions \(n(r.demotions))")
        }
        let d = r.definitions
        lines.append("  as tools   access \(pct(d.access.ratio)) (libCacheSim), token \(pct(d.token.ratio)) (KVCache.AI), full_block_tokens \(pct(d.fullBlockTokens.ratio)) (vLLM), request_mean \(pct(d.requestMean))")
        lines.append("  evictions  \(n(r.evictions))")
        lines.append("  TTFT       mean \(ms(r.ttftMeanMs)), p50 \(ms(r.ttftP50Ms)), p90 \(ms(r.ttftP90Ms)), p99 \(ms(r.ttftP99Ms))")
        lines.append("  throughput \(Formatting.thousands(r.throughputTokensPerSecond)) tokens/s, \(Formatting.significant(r.throughputRequestsPerSecond)) requests/s (per second of \(r.throughputBasis == "timestamps" ? "trace time" : "summed TTFT"))")
        for kind in r.warnings.sortedKinds {
            lines.append("  warning    \(kind): \(n(r.warnings.counts[kind] ?? 0)) (e.g. \(r.warnings.examples[kind] ?? ""))")
        }
        return lines.joined(separator: "\n")
    }
}
