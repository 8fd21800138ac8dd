import KVCacheAnalysis
import KVCacheCore
import KVCacheInput
import KVCacheStats

/// Renders `ReportData` into the report's files: `report.md` with its SVG plots, and the data
/// of every table as CSV. Pure and deterministic: the same data give the same bytes,
/// and nothing names a time, a host or an absolute path (MODEL 8.2).
public enum ReportRenderer {
    /// File name and contents, in a fixed order.
    public static func files(_ d: ReportData) -> [(String, String)] {
        let configured = d.outcomes.first { $0.policy == d.config.policy } ?? d.outcomes[0]
        var files: [(String, String)] = []
        files.append(("report.md", markdown(d)))
        files.append(("summary.json", summary(d, configured: configured).render() + "\n"))
        files.append(("mrc.csv", d.curves.csv()))
        files.append(("reuse.csv", d.reuse.csv()))
        var fitsCSV = ""
        for (i, f) in d.fits.enumerated() { fitsCSV += f.csv(header: i == 0) }
        files.append(("fits.csv", fitsCSV))
        files.append(("policies.csv", policiesCSV(d)))
        files.append(("capacity_needed.csv", capacityNeededCSV(d)))
        files.append(("config.resolved.yaml", d.config.resolvedYAML(folder: d.folder)))
        files.append(("mrc.svg", ReportPlots.missRatio(d, markers: targetMarkers(d))))
        files.append(("stack_distance.svg", ReportPlots.histogram(d.reuse.stackDistance, title: "LRU stack distance at arrival", unit: "distance (blocks, log2 bins)")))
        files.append(("reuse_time.svg", ReportPlots.histogram(d.reuse.reuseTimeAccesses, title: "Reuse time", unit: "accesses since the block's last use (log2 bins)")))
        for f in d.fits { files.append(("\(f.field.rawValue).svg", ReportPlots.lengths(f))) }
        return files
    }

    static func summary(_ d: ReportData, configured: PolicyOutcome) -> JSONValue {
        var s = RunSummary.json(configured.run)
        if case .object(var pairs) = s {
            pairs = pairs.map { $0.0 == "trace" ? ("trace", .string(d.inputName)) : $0 }
            let refs = d.references, sem = d.config.hitSemantics
            pairs.append(("upper_bound", .object([("hits", .int(refs.bound.hits)), ("hit_tokens", .int(refs.bound.hitTokens)),
                                                  ("hit_ratio", .double(refs.ratio(refs.bound.hits))),
                                                  ("token_hit_ratio", .double(refs.tokenRatio(refs.bound.hitTokens)))])))
            pairs.append(("infinite_cache", .object([("hits", .int(refs.ceiling.hits)), ("hit_tokens", .int(refs.ceiling.hitTokens)),
                                                     ("hit_ratio", .double(refs.ratio(refs.ceiling.hits))),
                                                     ("token_hit_ratio", .double(refs.tokenRatio(refs.ceiling.hitTokens)))])))
            if let best = refs.bestKnown[sem] {
                pairs.append(("best_known", .object([("policy", .string(best.policy.description)), ("hits", .int(best.hits)),
                                                     ("hit_tokens", .int(best.hitTokens)),
                                                     ("token_hit_ratio", .double(refs.tokenRatio(best.hitTokens)))])))
            }
            pairs.append(("policies", .array(d.outcomes.map { o in
                .object([("policy", .string(o.policy.description)),
                         ("hit_ratio", .object([("block", .double(o.run.result.hitRatio(.block))), ("prefix", .double(o.run.result.hitRatio(.prefix)))])),
                         ("token_hit_ratio", .object([("block", .double(o.run.result.tokenHitRatio(.block))), ("prefix", .double(o.run.result.tokenHitRatio(.prefix)))])),
                         ("gap_to_bound", .double(o.gapToBound(sem))),
                         ("gap_to_best_known", .double(o.gapToBestKnown(sem))),
                         ("definitions", RunSummary.definitions(o.run)),
                         ("ttft_ms_mean", .double(o.run.timing.mean))])
            })))
            pairs.append(("prefix_tree_fraction", .double(d.reuse.prefixTreeFraction)))
            s = .object(pairs)
        }
        return s
    }

    static func policiesCSV(_ d: ReportData) -> String {
        let rows = d.outcomes.map { o -> [String] in
            let r = o.run.result, t = o.run.timing
            return [o.policy.description, String(r.capacityBlocks), String(r.capacityBlocks * d.config.blockBytes),
                    JSONValue.number(r.hitRatio(.block)), JSONValue.number(r.hitRatio(.prefix)),
                    JSONValue.number(r.tokenHitRatio(.block)), JSONValue.number(r.tokenHitRatio(.prefix)),
                    JSONValue.number(o.gapToBound(d.config.hitSemantics)), JSONValue.number(o.gapToBestKnown(d.config.hitSemantics)),
                    JSONValue.number(t.mean), JSONValue.number(t.percentile(0.5)), JSONValue.number(t.percentile(0.99))]
        }
        return CSV.document(header: ["policy", "capacity_blocks", "capacity_bytes", "hit_ratio_block", "hit_ratio_prefix",
                                     "token_hit_ratio_block", "token_hit_ratio_prefix", "gap_to_bound", "gap_to_best_known",
                                     "ttft_mean_ms", "ttft_p50_ms", "ttft_p99_ms"],
                            rows: rows)
    }

    /// Capacity for 50/90/99% of the infinite-cache hits: exact for stack policies, the first
    /// grid capacity reaching it for simulated ones.
    static func capacityNeededRows(_ d: ReportData) -> [(PolicySpec, HitSemantics, String, [Int?])] {
        var rows: [(PolicySpec, HitSemantics, String, [Int?])] = []
        for need in d.reuse.capacityNeeded {
            rows.append((need.policy, need.semantics, "exact", need.capacities.map(\.1)))
        }
        for curve in d.curves.curves where curve.method == .simulated {
            guard let full = curve.points.last?.hits, full > 0 else { continue }
            let caps = ReuseAnalysis.shares.map { share in
                curve.points.first { Double($0.hits) >= share * Double(full) }?.capacityBlocks
            }
            rows.append((curve.policy, curve.semantics, "grid", caps))
        }
        return rows
    }

    static func capacityNeededCSV(_ d: ReportData) -> String {
        CSV.document(header: ["policy", "semantics", "method"] + ReuseAnalysis.shares.map { "capacity_blocks_\(Int($0 * 100))pct" },
                     rows: capacityNeededRows(d).map { p, s, m, caps in [p.description, s.rawValue, m] + caps.map { $0.map(String.init) ?? "" } })
    }

    /// The configured policy's 90% target (MODEL 5.10) as a labelled line on the MRC plot.
    static func targetMarkers(_ d: ReportData) -> [VerticalMarker] {
        d.conclusions.targets.filter { $0.share == 0.9 }.compactMap { t in
            guard let n = t.needs.first(where: { $0.policy == d.config.policy })?.need, n.blocks != d.capacityBlocks else { return nil }
            return VerticalMarker(x: Double(n.blocks), label: "\(d.config.policy.description) 90%: \(Formatting.bytes(n.blocks * d.config.blockBytes))")
        }
    }

    static func markdown(_ d: ReportData) -> String {
        ReportMarkdown(data: d).render()
    }
}
