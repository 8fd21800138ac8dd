import KVCacheAnalysis
import KVCacheCore
import KVCacheInput
import KVCacheStats

/// `report.md`, in the planner's order: input, headline, curves, capacity needed, reuse
/// profile, length laws, per request type, how to reproduce.
struct ReportMarkdown {
    let data: ReportData

    private var semantics: HitSemantics { data.config.hitSemantics }
    private var blockBytes: Int { data.config.blockBytes }

    func render() -> String {
        var out: [String] = []
        out.append("# KV cache report: \(data.config.name)")
        out.append("")
        let defaulted = data.outcomes.first?.run.capacityDefaulted == true ? " (no capacity configured: 10% of the unique blocks)" : ""
        out.append("Input `\(data.inputName)`; policy `\(data.config.policy.description)` at \(Formatting.thousands(data.capacityBlocks)) blocks (\(Formatting.bytes(data.capacityBlocks * blockBytes)))\(defaulted); \(semantics.rawValue) hit semantics. Every table's data is also in a CSV beside this file.")
        out += conclusions()
        out += input()
        out += headline()
        out += curves()
        out += capacityNeeded()
        out += reuse()
        out += lengthLaws()
        out += byRequestType()
        out += reproduce()
        return out.joined(separator: "\n") + "\n"
    }

    private func gib(_ blocks: Int) -> String { Formatting.bytes(blocks * blockBytes) }

    /// MODEL 5.10: what to buy, in words, and every assumption behind the numbers.
    private func conclusions() -> [String] {
        let c = data.conclusions, config = data.config
        let configured = data.outcomes.first { $0.policy == config.policy }
        let name = "`\(config.policy.description)`"
        func need(_ n: Conclusions.Need?) -> String {
            guard let n else { return "more than the largest capacity computed" }
            return (n.exact ? "" : "at most ") + "\(gib(n.blocks)) (\(Formatting.thousands(n.blocks)) blocks)"
        }
        var lines = ["", "## Conclusions", ""]
        lines.append("An infinite cache hits \(Formatting.percent(c.ceilingRatio)) of the input tokens (ideal prefill speed-up \(Formatting.fixed(Conclusions.speedup(c.ceilingRatio), decimals: 2))x); that is what \"achievable\" means below.")
        lines.append("")
        for t in c.targets {
            let mine = t.needs.first { $0.policy == config.policy }?.need
            var sentence = "- **\(Formatting.percent(t.share, decimals: 0)) of the achievable hit tokens** (\(Formatting.percent(Double(t.tokens) / Double(max(1, c.inputTokens)))) of input tokens, ideal prefill speed-up \(Formatting.fixed(Conclusions.speedup(Double(t.tokens) / Double(max(1, c.inputTokens))), decimals: 2))x): \(name) needs \(need(mine)) of \(config.model.name) KV"
            if let best = t.best, best.policy != config.policy {
                sentence += "; the best known policy, `\(best.policy.description)`, needs \(need(best.need))"
            }
            if let out = t.ruledOutAtOrBelow {
                sentence += "; no policy can do it with \(gib(out)) or less (proven bound)"
            }
            lines.append(sentence + ".")
        }
        if let knee = c.knee {
            lines.append("- The knee of \(name)'s curve is near \(gib(knee)) (\(Formatting.thousands(knee)) blocks): beyond it each doubling of the cache buys less.")
        }
        if let o = configured {
            let r = o.run.result.tokenHitRatio(semantics)
            lines.append("- At the configured \(gib(data.capacityBlocks)) (\(Formatting.thousands(data.capacityBlocks)) blocks), \(name) hits \(Formatting.percent(r)) of input tokens, \(Formatting.percent(c.ceilingTokens == 0 ? 0 : Double(o.run.result.hitTokens(semantics)) / Double(c.ceilingTokens))) of the achievable; the proven bound there is \(Formatting.percent(data.references.tokenRatio(data.references.bound.hitTokens))).")
        }
        lines.append("")
        let policies = c.targets.first?.needs.map(\.policy) ?? []
        let rows = c.targets.map { t -> [String] in
            let ratio = Double(t.tokens) / Double(max(1, c.inputTokens))
            return [Formatting.percent(t.share, decimals: 0), Formatting.percent(ratio), Formatting.fixed(Conclusions.speedup(ratio), decimals: 2) + "x"]
                + t.needs.map { n in n.need.map { ($0.exact ? "" : "≤ ") + gib($0.blocks) } ?? "-" }
                + [t.ruledOutAtOrBelow.map { "≤ " + gib($0) } ?? "-"]
        }
        lines.append(MarkdownTable(headers: ["share of achievable", "token hit ratio", "ideal speed-up"] + policies.map { "`\($0.description)`" }
                                   + ["ruled out (bound)"], rows: rows).render())
        lines.append("")
        let time = config.timeModel
        let compute = time.accelerator.map { "FLOPs of the model on \($0.name) at \(Formatting.percent(time.utilization, decimals: 0)) utilization" }
            ?? "\(Formatting.thousands(Int(time.prefillTokensPerSecond))) prefill tokens/s"
        let window = data.trace.firstMeasuredRequest > 0
            ? "the last \(Formatting.thousands(data.trace.measuredRequestCount)) requests (warm-up \(config.warmup): the first \(Formatting.thousands(data.trace.firstMeasuredRequest)) are simulated, not counted)"
            : "every request (no warm-up)"
        lines.append("Assumptions: model `\(config.model.name)`, \(Formatting.thousands(config.kvBytesPerToken)) bytes of KV per token; blocks of \(config.blockSizeTokens) tokens (\(Formatting.bytes(blockBytes))); \(semantics.rawValue) hits weighted by tokens (the `token` definition); counted: \(window); capacities needed come from exact one-pass curves where a policy has one, else from the grid of `mrc.csv` (\"at most\"); TTFT from \(compute) plus the KV load time per tier. Throughput is not shown: with a trace's timestamps it is the offered load, the same for every policy.")
        return lines
    }

    private func input() -> [String] {
        let t = data.trace, r = data.reuse
        var rows: [[String]] = [
            ["requests", Formatting.thousands(t.requestCount)],
            ["block accesses", Formatting.thousands(t.accessCount)],
            ["unique blocks", "\(Formatting.thousands(t.uniqueBlocks)) (\(Formatting.bytes(t.uniqueBlocks * blockBytes)))"],
            ["prefix-tree fraction", Formatting.percent(r.prefixTreeFraction, decimals: 2)],
            ["input tokens", Formatting.thousands(t.totalInputTokens)],
            ["output tokens", t.hasOutputLengths ? Formatting.thousands(t.totalOutputTokens) : "n/a"],
            ["block", "\(t.blockSizeTokens) tokens x \(Formatting.thousands(data.config.kvBytesPerToken)) B/token = \(Formatting.bytes(blockBytes))"],
        ]
        if let span = r.timeSpanMs { rows.append(["time span", Formatting.duration(milliseconds: span)]) }
        for kind in t.warnings.sortedKinds { rows.append(["warning: \(kind)", Formatting.thousands(t.warnings.counts[kind] ?? 0)]) }
        return ["", "## Input", "", MarkdownTable(headers: ["", "value"], rows: rows).render()]
    }

    private func headline() -> [String] {
        let refs = data.references
        func pts(_ gap: Double) -> String { Formatting.fixed(max(0, gap) * 100, decimals: 2) + " pts" }
        var rows = data.outcomes.map { o -> [String] in
            let r = o.run.result, t = o.run.timing
            let offline = SimulationConfig.offlineReferences.contains(o.policy)
            return [o.policy.description + (offline ? " (offline)" : ""),
                    Formatting.percent(r.hitRatio(semantics)), Formatting.percent(r.tokenHitRatio(semantics)),
                    pts(o.gapToBound(semantics)), pts(o.gapToBestKnown(semantics)),
                    Formatting.duration(milliseconds: t.mean), Formatting.duration(milliseconds: t.percentile(0.99))]
        }
        let best = refs.bestKnown[semantics]
        if let best {
            rows.append(["best known: \(best.policy.description)", Formatting.percent(refs.ratio(best.hits)),
                         Formatting.percent(refs.tokenRatio(best.hitTokens)), pts(refs.tokenRatio(refs.bound.hitTokens) - refs.tokenRatio(best.hitTokens)), "0.00 pts", "", ""])
        }
        rows.append(["upper bound (proven)", "≤ " + Formatting.percent(refs.ratio(refs.bound.hits)), "≤ " + Formatting.percent(refs.tokenRatio(refs.bound.hitTokens)), "", "", "", ""])
        rows.append(["infinite cache", Formatting.percent(refs.ratio(refs.ceiling.hits)), Formatting.percent(refs.tokenRatio(refs.ceiling.hitTokens)), "", "", "", ""])
        let window = data.trace.firstMeasuredRequest > 0
            ? " Counted: the last \(Formatting.thousands(data.trace.measuredRequestCount)) requests (warm-up \(data.config.warmup): the first \(Formatting.thousands(data.trace.firstMeasuredRequest)) are simulated, not counted)."
            : " Every request is counted (no warm-up)."
        return ["", "## Headline at \(Formatting.thousands(data.capacityBlocks)) blocks", "",
                "Each policy beside three references, all at this capacity and over the same requests, with \(semantics.rawValue) hits.\(window)",
                "- **Upper bound (proven)**: no policy, online or offline, can hit more, in blocks or in tokens (a theorem: docs/MODEL.md, \"The upper bound\"). The gap to it is what any better policy could still gain, at most.",
                "- **Best known**: the most hit tokens any policy here reached, offline references included (`belady_bypass` is optimal for block hits on the flattened stream; `radix_belady` is KVCache.AI's `optimal`, a heuristic). The gap to it is what is known to be reachable.",
                "- **Infinite cache**: the ceiling no capacity passes (first sights always miss).",
                "",
                "Gaps are in points of the token hit ratio; TTFT comes from the time model.",
                "",
                MarkdownTable(headers: ["policy", "hit ratio (\(semantics.rawValue))", "token hit ratio", "gap to bound", "gap to best known",
                                        "TTFT mean", "TTFT p99"], rows: rows).render(),
                "", "Data: `policies.csv`, `summary.json`."] + definitions()
    }

    /// MODEL 5.8: the same runs as each tool of the field counts them.
    private func definitions() -> [String] {
        let runs = data.outcomes.map { HitDefinitions(trace: data.trace, result: $0.run.result) }
        guard let first = runs.first else { return [] }
        let rows = first.rows.indices.map { i -> [String] in
            let row = first.rows[i]
            return ["`\(row.name)`", row.rule, row.tool] + runs.map { Formatting.percent($0.rows[i].ratio) }
        }
        return ["", "### The same runs as each tool measures them", "",
                "One run per policy, counted six ways (docs/MODEL.md, \"Hit definitions\"). Use the row of the tool you compare with.", "",
                MarkdownTable(headers: ["definition", "rule", "tool"] + data.outcomes.map { $0.policy.description }, rows: rows).render()]
    }

    private func curves() -> [String] {
        let set = data.curves
        var picked = CapacityGrid.logSpaced(from: set.capacities.first ?? 1, to: set.capacities.last ?? 1, count: 10)
            .compactMap { c in set.capacities.min { abs($0 - c) < abs($1 - c) } }
        picked = Array(Set(picked + [data.capacityBlocks])).sorted()
        let shown = set.curves.filter { $0.semantics == semantics || ($0.policy == .belady && $0.semantics == .block) }
        let bound = set.bound
        let rows = picked.map { c -> [String] in
            [Formatting.thousands(c) + (c == data.capacityBlocks ? " (configured)" : ""), Formatting.bytes(c * blockBytes)]
                + shown.map { curve in curve.points.first { $0.capacityBlocks == c }.map { Formatting.fixed(curve.missRatio($0), decimals: 4) } ?? "" }
                + (bound.map { b in [b.points.first { $0.capacityBlocks == c }.map { Formatting.fixed(1 - b.hitRatio($0), decimals: 4) } ?? ""] } ?? [])
        }
        let headers = ["capacity (blocks)", "bytes"] + shown.map { "\($0.policy.description) \($0.semantics.rawValue)" }
            + (bound == nil ? [] : ["upper_bound (least miss ratio)"])
        let floor = shown.first { $0.policy != .belady }.map { Formatting.percent(Double($0.compulsoryMisses) / Double(max(1, $0.accesses)), decimals: 2) } ?? "n/a"
        let sampled = SampledErrorText.sentence(set).map { sentence in
            ["**These curves are sampled**: computed on the accesses to a spatial sample of \(Formatting.percent(set.sampleRate ?? 1, decimals: 2)) of the blocks and scaled back (SHARDS with SHARDS-adj, miniature caches for the other policies); the upper bound is not sampled and not shown. " + sentence, ""]
        } ?? []
        return ["", "## Miss-ratio curves", ""] + sampled + [
                "![miss ratio by capacity](mrc.svg)", "",
                "Exact one-pass curves for `lru`, `prefix_lru` and `belady` (every capacity); one simulation per capacity for the others (`method` in `mrc.csv`). `upper_bound` is the least miss ratio any policy can reach (`method=bound` in `mrc.csv`). Compulsory floor (first sight at arrival): \(floor) of accesses.",
                "", MarkdownTable(headers: headers, rows: rows).render(), "", "Data: `mrc.csv` (both semantics, every grid capacity)."]
    }

    private func capacityNeeded() -> [String] {
        let needed = ReportRenderer.capacityNeededRows(data).filter { $0.1 == semantics || $0.0 == .belady }
        let rows = needed.map { p, s, m, caps -> [String] in
            let cells: [String] = caps.map { c in
                guard let c else { return "-" }
                return "\(Formatting.thousands(c)) (\(Formatting.bytes(c * blockBytes)))"
            }
            return ["\(p.description) (\(s.rawValue))", m] + cells
        }
        return ["", "## Capacity needed", "",
                "The smallest capacity reaching 50, 90 and 99% of the infinite-cache hits. `exact` rows come from stack distances; `grid` rows are the first capacity of the curve's grid that reaches the share.",
                "", MarkdownTable(headers: ["policy", "method", "50%", "90%", "99%"], rows: rows).render(),
                "", "Data: `capacity_needed.csv`."]
    }

    private func reuse() -> [String] {
        ["", "## Reuse profile", "",
         "![stack distances](stack_distance.svg)", "", "![reuse times](reuse_time.svg)", "",
         "LRU stack distances are measured at each request's arrival; reuse times on the forward flattened stream. \(Formatting.thousands(data.reuse.stackDistance.infinite)) accesses are first sights.",
         "", "Data: `reuse.csv`."]
    }

    private func lengthLaws() -> [String] {
        var out = ["", "## Length laws", ""]
        for f in data.fits {
            out.append("![\(f.field.rawValue)](\(f.field.rawValue).svg)")
            out.append("")
            out.append(FitTables.table(f))
            out.append("")
            out.append("Best family by AIC: **\(f.best?.family.rawValue ?? "none")**.")
            out.append("")
        }
        out.append("Maximum-likelihood fits through GSL (location 0 for the positive laws). KS p-values use parameters fitted on the same data and are optimistic. Data: `fits.csv`.")
        return out
    }

    private func byRequestType() -> [String] {
        let t = data.trace
        guard t.requestTypeNames.count > 1, let run = data.outcomes.first(where: { $0.policy == data.config.policy })?.run else { return [] }
        let rows = run.requestTypeStats.map { s -> [String] in
            [s.name, Formatting.thousands(s.requests), Formatting.thousands(s.accesses),
             Formatting.percent(s.hitRatio(semantics)), Formatting.duration(milliseconds: Statistics.mean(s.ttftMs))]
        }
        return ["", "## By request type (\(data.config.policy.description))", "",
                MarkdownTable(headers: ["request_type", "requests", "accesses", "hit ratio", "TTFT mean"], rows: rows).render()]
    }

    private func reproduce() -> [String] {
        ["", "## Reproduce", "", "```sh", data.command, "```", "",
         "Same inputs, same files, byte for byte. The resolved config is in `config.resolved.yaml`."]
    }
}
