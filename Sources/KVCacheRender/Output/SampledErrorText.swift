import KVCacheAnalysis
import KVCacheCore
import KVCacheInput

/// How `mrc` (text and JSON) and reports state a sampled curve set's error (MODEL 5.11).
public enum SampledErrorText {
    /// One sentence: the rate, the method, and each policy's (block semantics) measured mean standard error and
    /// expected mean absolute error; nil when the set is not sampled.
    public static func sentence(_ set: CurveSet) -> String? {
        guard let rate = set.sampleRate else { return nil }
        var text = "Sampled curves (SHARDS, rate \(JSONValue.number(rate))): miss ratios estimated from a spatial sample of the blocks, not exact."
        guard let error = set.sampledError else { return text }
        let parts = error.curves.filter { $0.semantics == .block }.compactMap { c -> String? in
            guard let se = c.meanStandardError, let mae = c.expectedMeanAbsoluteError else { return nil }
            let n = c.standardErrors.compactMap { $0 }.count
            return "\(c.policy.description) \(Formatting.fixed(se, decimals: 4)) (expected mean absolute error \(Formatting.fixed(mae, decimals: 4)), \(n) capacities)"
        }
        text += " Sampling error measured on this run (spread of \(error.slices) independent hash slices of the sample; variance only, not bias): mean standard error of the block miss ratio (JSON: every curve and capacity) "
        text += parts.isEmpty ? "not measurable (no capacity of at least \(error.slices) / rate blocks)." : parts.joined(separator: "; ") + "."
        return text
    }

    /// The `sampled_error` member of `mrc --json`.
    public static func json(_ set: CurveSet) -> JSONValue {
        guard let error = set.sampledError else { return .null }
        return .object([
            ("method", .string("spread of \(error.slices) independent hash slices of the sample (standard error = sd / sqrt(slices))")),
            ("slices", .int(error.slices)),
            ("curves", .array(error.curves.map { c in
                .object([
                    ("policy", .string(c.policy.description)), ("semantics", .string(c.semantics.rawValue)),
                    ("mean_standard_error", c.meanStandardError.map { .double($0) } ?? .null),
                    ("expected_mean_absolute_error", c.expectedMeanAbsoluteError.map { .double($0) } ?? .null),
                    ("standard_error", .array(c.standardErrors.map { $0.map { .double($0) } ?? .null })),
                ])
            })),
        ])
    }
}
