/// Renders a `SimulationRun` as the `simulate --json` object (SEMANTICS 9.2) and as a readable
/// summary. Pure functions of the run.
public enum RunSummary {
    public static func json(_ run: SimulationRun) -> JSONValue {
        let r = run.result
        let t = run.timing
        let tierNames = r.tierCapacities.count == 1 ? ["l1"] : ["l1", "l2"]
        var tiers: [(String, JSONValue)] = []
        // Bytes loaded per tier: the KV of the prefix hits found there (what the time model loads).
        let lower = r.lowerTierPrefixHitTokens.first?.reduce(0) { $0 + Int($1) } ?? 0
        let tierTokens = [r.hitTokensPrefix - lower, lower]
        for (i, name) in tierNames.enumerated() {
            tiers.append((name, .object([
                ("capacity_blocks", .int(r.tierCapacities[i])),
                ("capacity_bytes", .int(r.tierCapacities[i] * run.config.blockBytes)),
                ("hits_block", .int(r.tierBlockHits[i])),
                ("hits_prefix", .int(r.tierPrefixHits[i])),
                ("bytes_loaded", .int(tierTokens[i] * run.config.kvBytesPerToken)),
            ])))
        }
        var warnings: [(String, JSONValue)] = run.trace.warnings.sortedKinds.map { ($0, .int(run.trace.warnings.counts[$0] ?? 0)) }
        if run.capacityDefaulted { warnings.append(("capacity_defaulted", .int(1))) }
        return .object([
            ("name", .string(run.config.name)),
            ("trace", .string(run.trace.source)),
            ("requests", .int(r.requests)),
            ("accesses", .int(r.accesses)),
            ("unique_blocks", .int(run.trace.uniqueBlocks)),
            ("policy", .string(r.policy.rawValue)),
            ("capacity_blocks", .int(r.capacityBlocks)),
            ("capacity_bytes", .int(r.capacityBlocks * run.config.blockBytes)),
            ("block_size_tokens", .int(run.config.blockSizeTokens)),
            ("kv_bytes_per_token", .int(run.config.kvBytesPerToken)),
            ("hit_semantics", .string(run.config.hitSemantics.rawValue)),
            ("hits", .object([("block", .int(r.hitsBlock)), ("prefix", .int(r.hitsPrefix))])),
            ("hit_ratio", .object([("block", .double(r.hitRatio(.block))), ("prefix", .double(r.hitRatio(.prefix)))])),
            ("hit_tokens", .object([("block", .int(r.hitTokensBlock)), ("prefix", .int(r.hitTokensPrefix))])),
            ("token_hit_ratio", .object([("block", .double(r.tokenHitRatio(.block))), ("prefix", .double(r.tokenHitRatio(.prefix)))])),
            ("input_tokens", .int(r.inputTokens)),
            ("evictions", .int(r.evictions)),
            ("promotions", .int(r.promotions)),
            ("demotions", .int(r.demotions)),
            ("tiers", .object(tiers)),
            ("ttft_ms", .object([
                ("mean", .double(t.mean)), ("p50", .double(t.percentile(0.5))),
                ("p90", .double(t.percentile(0.9))), ("p99", .double(t.percentile(0.99))),
            ])),
            ("throughput", .object([
                ("tokens_per_s", .double(t.throughputTokensPerSecond)),
                ("requests_per_s", .double(t.throughputRequestsPerSecond)),
                ("basis", .string(t.throughputBasis)),
            ])),
            ("by_request_type", .object(byType(run))),
            ("warnings", .object(warnings)),
        ])
    }

    /// Hits, ratios and TTFT per `request_type` (SEMANTICS 2.1).
    static func byType(_ run: SimulationRun) -> [(String, JSONValue)] {
        let trace = run.trace, r = run.result
        return trace.requestTypeNames.enumerated().map { index, name in
            var requests = 0, accesses = 0, tokens = 0, hb = 0, hp = 0, tb = 0, tp = 0
            var ttft: [Double] = []
            for q in 0 ..< trace.requestCount where trace.requestType(of: q) == index {
                requests += 1
                accesses += trace.blockRange(of: q).count
                tokens += Int(trace.inputLengths[q])
                hb += Int(r.blockHits[q]); hp += Int(r.prefixHits[q])
                tb += Int(r.blockHitTokens[q]); tp += Int(r.prefixHitTokens[q])
                ttft.append(run.timing.ttftMs[q])
            }
            func ratio(_ a: Int, _ b: Int) -> JSONValue { .double(b == 0 ? 0 : Double(a) / Double(b)) }
            return (name, .object([
                ("requests", .int(requests)), ("accesses", .int(accesses)), ("input_tokens", .int(tokens)),
                ("hits", .object([("block", .int(hb)), ("prefix", .int(hp))])),
                ("hit_ratio", .object([("block", ratio(hb, accesses)), ("prefix", ratio(hp, accesses))])),
                ("token_hit_ratio", .object([("block", ratio(tb, tokens)), ("prefix", ratio(tp, tokens))])),
                ("ttft_ms", .object([("mean", .double(Statistics.mean(ttft))), ("p50", .double(Statistics.quantile(ttft, 0.5))),
                                     ("p99", .double(Statistics.quantile(ttft, 0.99)))])),
            ]))
        }
    }

    /// A readable multi-line summary for the terminal.
    public static func text(_ run: SimulationRun) -> String {
        let r = run.result, t = run.timing, c = run.config
        func pct(_ x: Double) -> String { String(fourSignificant(x * 100)) + "%" }
        var lines: [String] = []
        lines.append("kvcache-sim: \(c.name)")
        lines.append("  input      \(run.trace.source): \(group(r.requests)) requests, \(group(r.accesses)) block accesses, \(group(run.trace.uniqueBlocks)) unique blocks, \(group(r.inputTokens)) input tokens")
        var cap = "  cache      \(r.policy.rawValue), \(group(r.capacityBlocks)) blocks (\(bytes(r.capacityBlocks * c.blockBytes)); block = \(c.blockSizeTokens) tokens x \(group(c.kvBytesPerToken)) B)"
        if let tiers = run.tiers { cap += ", L1 \(group(tiers.l1)) + L2 \(group(tiers.l2)) blocks" }
        if run.capacityDefaulted { cap += " [no capacity configured: 10% of the unique blocks]" }
        lines.append(cap)
        let mark = { (s: HitSemantics) in s == c.hitSemantics ? " *" : "" }
        lines.append("  hits       prefix \(group(r.hitsPrefix)) (\(pct(r.hitRatio(.prefix))), tokens \(pct(r.tokenHitRatio(.prefix))))\(mark(.prefix)); block \(group(r.hitsBlock)) (\(pct(r.hitRatio(.block))), tokens \(pct(r.tokenHitRatio(.block))))\(mark(.block))")
        if r.tierCapacities.count > 1 {
            lines.append("  tiers      L1 prefix hits \(group(r.tierPrefixHits[0])), L2 prefix hits \(group(r.tierPrefixHits[1])); promotions \(group(r.promotions)), demotions \(group(r.demotions))")
        }
        lines.append("  evictions  \(group(r.evictions))")
        lines.append("  TTFT       mean \(fourSignificant(t.mean)) ms, p50 \(fourSignificant(t.percentile(0.5))) ms, p90 \(fourSignificant(t.percentile(0.9))) ms, p99 \(fourSignificant(t.percentile(0.99))) ms")
        lines.append("  throughput \(fourSignificant(t.throughputTokensPerSecond)) tokens/s, \(fourSignificant(t.throughputRequestsPerSecond)) requests/s (per second of \(t.throughputBasis == "timestamps" ? "trace time" : "summed TTFT"))")
        if !run.trace.warnings.isEmpty {
            for kind in run.trace.warnings.sortedKinds {
                lines.append("  warning    \(kind): \(group(run.trace.warnings.counts[kind] ?? 0)) (e.g. \(run.trace.warnings.examples[kind] ?? ""))")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// 1234567 -> "1,234,567".
    public static func group(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// Four significant digits, no exponent for ordinary magnitudes.
    public static func fourSignificant(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        if x == 0 { return "0" }
        let magnitude = Int((Swift.abs(x)).log10Floor)
        let decimals = max(0, 3 - magnitude)
        if decimals == 0 { return group(Int(x.rounded())) }
        return x.formatted(decimals: decimals)
    }

    /// Binary units: "1.5 GiB".
    public static func bytes(_ n: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var v = Double(n), u = 0
        while v >= 1024, u < units.count - 1 { v /= 1024; u += 1 }
        return (u == 0 ? String(n) : fourSignificant(v)) + " " + units[u]
    }
}

extension Double {
    var log10Floor: Double {
        var m = 0.0, v = self
        while v >= 10 { v /= 10; m += 1 }
        while v < 1, v > 0 { v *= 10; m -= 1 }
        return m
    }

    /// Fixed-point text with `decimals` digits, locale-independent.
    func formatted(decimals: Int) -> String {
        var scale = 1.0
        for _ in 0 ..< decimals { scale *= 10 }
        let rounded = (self * scale).rounded() / scale
        if decimals == 0 { return String(Int(rounded)) }
        let negative = rounded < 0
        let whole = Int(Swift.abs(rounded) * scale + 0.5)
        let intPart = whole / Int(scale), frac = whole % Int(scale)
        var fracText = String(frac)
        fracText = String(repeating: "0", count: decimals - fracText.count) + fracText
        return (negative ? "-" : "") + "\(intPart).\(fracText)"
    }
}
