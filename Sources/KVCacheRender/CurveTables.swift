import KVCacheAnalysis
import KVCacheCore
import KVCacheInput

/// Text tables of curves for terminals and reports.
public enum CurveTables {
    /// Miss ratios, one row per capacity (at most ~16 rows, spread over the grid), one column
    /// per policy and semantics.
    public static func compact(_ set: CurveSet, maxRows: Int = 16) -> String {
        let caps = set.capacities
        let step = max(1, caps.count / maxRows)
        var rows: [[String]] = []
        var picked = stride(from: 0, to: caps.count, by: step).map { caps[$0] }
        if let last = caps.last, picked.last != last { picked.append(last) }
        for c in picked {
            var row = [Formatting.thousands(c), Formatting.bytes(c * set.blockBytes)]
            for curve in set.curves {
                if let p = curve.points.first(where: { $0.capacityBlocks == c }) {
                    row.append(Formatting.fixed(curve.missRatio(p), decimals: 4))
                } else {
                    row.append("")
                }
            }
            if let bound = set.bound {
                row.append(bound.points.first { $0.capacityBlocks == c }.map { Formatting.fixed(1 - bound.hitRatio($0), decimals: 4) } ?? "")
            }
            rows.append(row)
        }
        let headers = ["capacity", "bytes"] + set.curves.map { "\($0.policy.description) \($0.semantics.rawValue)" }
            + (set.bound == nil ? [] : ["upper_bound"])
        return MarkdownTable(headers: headers, rows: rows).render()
    }
}
