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
        let rows = data.outcomes.map { o -> [String] in
            let r = o.run.result, t = o.run.timing
            let isBound = o.policy == .belady
            return [o.policy.description + (isBound ? " (optimal)" : ""),
                    Formatting.percent(r.hitRatio(.prefix)), Formatting.percent(r.hitRatio(.block)),
                    Formatting.percent(r.tokenHitRatio(semantics)),
                    isBound ? "bound" : Formatting.fixed(o.gap(semantics) * 100, decimals: 1) + " pts",
                    isBound ? "" : Formatting.percent(o.gapShare(semantics)),
                    Formatting.duration(milliseconds: t.mean), Formatting.duration(milliseconds: t.percentile(0.99)),
                    Formatting.thousands(t.throughputTokensPerSecond) + " tok/s"]
        }
        let bound = data.outcomes.first?.boundHits ?? 0
        let basis = data.outcomes.first?.run.timing.throughputBasis == "timestamps" ? "trace time" : "summed TTFT"
        return ["", "## Headline at \(Formatting.thousands(data.capacityBlocks)) blocks", "",
                "The `belady` bound is MIN's block hits at this capacity: \(Formatting.thousands(bound)) of \(Formatting.thousands(data.trace.accessCount)) accesses (\(Formatting.percent(Double(bound) / Double(max(1, data.trace.accessCount))))). The gap to optimal is the policy's \(semantics.rawValue) hit ratio minus the bound, in points and as a share of the bound. TTFT and throughput come from the time model (throughput per second of \(basis)).",
                "",
                MarkdownTable(headers: ["policy", "hit ratio (prefix)", "hit ratio (block)", "token hit ratio (\(semantics.rawValue))",
                                        "gap to optimal", "gap / bound", "TTFT mean", "TTFT p99", "throughput"], rows: rows).render(),
                "", "Data: `policies.csv`, `summary.json`."]
    }

    private func curves() -> [String] {
        let set = data.curves
        var picked = CapacityGrid.logSpaced(from: set.capacities.first ?? 1, to: set.capacities.last ?? 1, count: 10)
            .compactMap { c in set.capacities.min { abs($0 - c) < abs($1 - c) } }
        picked = Array(Set(picked + [data.capacityBlocks])).sorted()
        let shown = set.curves.filter { $0.semantics == semantics || ($0.policy == .belady && $0.semantics == .block) }
        let rows = picked.map { c -> [String] in
            [Formatting.thousands(c) + (c == data.capacityBlocks ? " (configured)" : ""), Formatting.bytes(c * blockBytes)]
                + shown.map { curve in curve.points.first { $0.capacityBlocks == c }.map { Formatting.fixed(curve.missRatio($0), decimals: 4) } ?? "" }
        }
        let headers = ["capacity (blocks)", "bytes"] + shown.map { "\($0.policy.description) \($0.semantics.rawValue)" }
        let floor = shown.first { $0.policy != .belady }.map { Formatting.percent(Double($0.compulsoryMisses) / Double(max(1, $0.accesses)), decimals: 2) } ?? "n/a"
        return ["", "## Miss-ratio curves", "",
                "![miss ratio by capacity](mrc.svg)", "",
                "Exact one-pass curves for `lru`, `prefix_lru` and `belady` (every capacity); one simulation per capacity for the others (`method` in `mrc.csv`). Compulsory floor (first sight at arrival): \(floor) of accesses.",
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
