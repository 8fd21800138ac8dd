import KVCacheAnalysis
import KVCacheCore
import KVCacheInput

/// Renderings of a `ReuseAnalysis`.
public enum ReuseTables {
    public static func histogram(_ h: ReuseAnalysis.Log2Histogram, unit: String) -> String {
        var rows = h.counts.enumerated().map { k, c in [Bar.log2BinLabel(k), Formatting.thousands(c), Formatting.percent(Double(c) / Double(max(1, h.total)))] }
        rows.append(["first access", Formatting.thousands(h.infinite), Formatting.percent(Double(h.infinite) / Double(max(1, h.total)))])
        return MarkdownTable(headers: [unit, "accesses", "share"], rows: rows).render()
    }

    /// The capacity needed for 50/90/99% of the infinite-cache hits, per policy and semantics.
    public static func capacityNeeded(_ a: ReuseAnalysis, blockBytes: Int) -> String {
        let rows = a.capacityNeeded.map { need in
            [need.policy.description, need.semantics.rawValue, Formatting.thousands(need.infiniteHits)]
                + need.capacities.map { _, c in c.map { "\(Formatting.thousands($0)) (\(Formatting.bytes($0 * blockBytes)))" } ?? "-" }
        }
        return MarkdownTable(headers: ["policy", "semantics", "infinite-cache hits"] + ReuseAnalysis.shares.map { "\(Formatting.percent($0, decimals: 0)) of them" },
                             rows: rows).render()
    }

    public static func text(_ a: ReuseAnalysis, blockBytes: Int) -> String {
        var lines: [String] = []
        lines.append("\(Formatting.thousands(a.requests)) requests, \(Formatting.thousands(a.accesses)) block accesses, \(Formatting.thousands(a.uniqueBlocks)) unique blocks (compulsory misses)")
        lines.append("prefix-tree fraction: \(Formatting.percent(a.prefixTreeFraction, decimals: 2)) of distinct blocks always follow the same parent")
        lines.append("")
        lines.append("LRU stack distance at arrival (blocks):")
        lines.append(histogram(a.stackDistance, unit: "distance"))
        lines.append("")
        lines.append("reuse time (accesses):")
        lines.append(histogram(a.reuseTimeAccesses, unit: "accesses since last use"))
        if let ms = a.reuseTimeMs {
            lines.append("")
            lines.append("reuse time (ms):")
            lines.append(histogram(ms, unit: "ms since last use"))
        }
        lines.append("")
        lines.append("capacity needed:")
        lines.append(capacityNeeded(a, blockBytes: blockBytes))
        return lines.joined(separator: "\n")
    }

    public static func json(_ a: ReuseAnalysis, blockBytes: Int) -> JSONValue {
        func h(_ x: ReuseAnalysis.Log2Histogram) -> JSONValue {
            .object([("log2_bins", .array(x.counts.map { .int($0) })), ("first_access", .int(x.infinite))])
        }
        return .object([
            ("requests", .int(a.requests)), ("accesses", .int(a.accesses)), ("unique_blocks", .int(a.uniqueBlocks)),
            ("compulsory_misses", .int(a.uniqueBlocks)), ("prefix_tree_fraction", .double(a.prefixTreeFraction)),
            ("stack_distance", h(a.stackDistance)), ("reuse_time_accesses", h(a.reuseTimeAccesses)),
            ("reuse_time_ms", a.reuseTimeMs.map(h) ?? .null),
            ("capacity_needed", .array(a.capacityNeeded.map { n in
                .object([("policy", .string(n.policy.description)), ("semantics", .string(n.semantics.rawValue)),
                         ("infinite_hits", .int(n.infiniteHits)),
                         ("capacity_blocks", .object(n.capacities.map { (String(Int($0 * 100)) + "%", $1.map { .int($0) } ?? .null) }))])
            })),
        ])
    }
}
