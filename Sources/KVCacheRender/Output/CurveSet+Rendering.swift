import KVCacheAnalysis
import KVCacheInput
import KVCacheCore

/// Curves as `mrc.csv` and JSON.
extension CurveSet {
    /// `mrc.csv` (MODEL 9.3), one row per policy, semantics and capacity; then the upper
    /// bound (MODEL 5.7) as `policy=upper_bound`, `method=bound`, the same numbers under both
    /// semantics (its miss ratio is the least any policy can reach).
    public func csv() -> String {
        var out = "policy,semantics,capacity_blocks,capacity_bytes,accesses,hits,miss_ratio,hit_tokens,input_tokens,method,sample_rate\n"
        let rate = JSONValue.number(sampleRate ?? 1)
        for c in curves {
            for p in c.points {
                out += "\(CSV.field(c.policy.description)),\(c.semantics.rawValue),\(p.capacityBlocks),\(p.capacityBlocks * blockBytes),\(c.accesses),\(p.hits),\(JSONValue.number(c.missRatio(p))),\(p.hitTokens),\(c.inputTokens),\(c.method.rawValue),\(c.method == .sampled ? rate : "1")\n"
            }
        }
        if let bound {
            for semantics in HitSemantics.allCases {
                for p in bound.points {
                    out += "upper_bound,\(semantics.rawValue),\(p.capacityBlocks),\(p.capacityBlocks * blockBytes),\(bound.accesses),\(p.hits),\(JSONValue.number(1 - bound.hitRatio(p))),\(p.hitTokens),\(bound.inputTokens),bound,1\n"
                }
            }
        }
        return out
    }

    /// The same as JSON for scripts.
    public func json() -> JSONValue {
        .object([
            ("unique_blocks", .int(uniqueBlocks)),
            ("block_bytes", .int(blockBytes)),
            ("sample_rate", sampleRate.map { .double($0) } ?? .null),
            ("sampled_error", SampledErrorText.json(self)),
            ("curves", .array(curves.map { c in
                .object([
                    ("policy", .string(c.policy.description)), ("semantics", .string(c.semantics.rawValue)),
                    ("method", .string(c.method.rawValue)), ("accesses", .int(c.accesses)),
                    ("input_tokens", .int(c.inputTokens)), ("compulsory_misses", .int(c.compulsoryMisses)),
                    ("capacity_blocks", .array(c.points.map { .int($0.capacityBlocks) })),
                    ("hits", .array(c.points.map { .int($0.hits) })),
                    ("miss_ratio", .array(c.points.map { .double(c.missRatio($0)) })),
                    ("hit_tokens", .array(c.points.map { .int($0.hitTokens) })),
                ])
            })),
            ("upper_bound", bound.map { b in
                .object([
                    ("method", .string("bound")), ("accesses", .int(b.accesses)), ("input_tokens", .int(b.inputTokens)),
                    ("capacity_blocks", .array(b.points.map { .int($0.capacityBlocks) })),
                    ("hits", .array(b.points.map { .int($0.hits) })),
                    ("miss_ratio", .array(b.points.map { .double(1 - b.hitRatio($0)) })),
                    ("hit_tokens", .array(b.points.map { .int($0.hitTokens) })),
                ])
            } ?? .null),
        ])
    }
}
