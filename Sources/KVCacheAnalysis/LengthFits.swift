import KVCacheCore
import KVCacheInput
import KVCacheStats

/// Maximum-likelihood fits of one trace field (MODEL 7.1, 9.4): every continuous family,
/// plus the discrete ones for count fields, each with log-likelihood, AIC, BIC, KS and
/// chi-square; the best family by AIC among the families of the field's kind (continuous for
/// lengths, discrete for counts: AICs of densities and of probability masses do not compare).
/// KS p-values use parameters fitted on the same data, so they are optimistic.
public struct LengthFits: Sendable {
    public enum Field: String, CaseIterable, Sendable {
        case inputLength = "input_length"
        case outputLength = "output_length"
        case blocksPerRequest = "blocks_per_request"
        case reuseTime = "reuse_time"

        public var isCount: Bool { self == .blocksPerRequest || self == .reuseTime }
    }

    public var field: Field
    public var values: [Double]
    public var outcomes: [FitOutcome]
    public var best: FitResult?

    public init(field: Field, values: [Double], outcomes: [FitOutcome], best: FitResult?) {
        self.field = field
        self.values = values
        self.outcomes = outcomes
        self.best = best
    }

    /// The field's values: lengths per request, blocks per request, or reuse times in accesses
    /// (forward flattened stream; first accesses have none).
    public static func values(of field: Field, in trace: Trace) -> [Double] {
        switch field {
        case .inputLength: return trace.inputLengths.map { Double($0) }
        case .outputLength: return (0 ..< trace.requestCount).map { Double(trace.outputLength(of: $0)) }
        case .blocksPerRequest: return (0 ..< trace.requestCount).map { Double(trace.blockRange(of: $0).count) }
        case .reuseTime:
            var last = [Int](repeating: -1, count: trace.uniqueBlocks)
            var out: [Double] = []
            for (clock, id) in trace.blockIds.enumerated() {
                if last[Int(id)] >= 0 { out.append(Double(clock - last[Int(id)])) }
                last[Int(id)] = clock
            }
            return out
        }
    }

    public static func fit(_ field: Field, trace: Trace) throws -> LengthFits {
        let values = values(of: field, in: trace)
        if field == .outputLength, !trace.hasOutputLengths {
            throw InputError(file: trace.source, field: "output_length", "the trace has no output lengths")
        }
        var outcomes = Fitting.fitAll(values)
        var bestOf = outcomes
        if field.isCount {
            let counts = Fitting.fitAll(counts: values.map { Int($0) })
            outcomes += counts
            bestOf = counts
        }
        return LengthFits(field: field, values: values, outcomes: outcomes, best: Fitting.best(bestOf))
    }

    /// The best continuous fit as a length law bounded by the data's range (for synthetic
    /// configs, MODEL 7.2).
    public var bestLaw: LengthLaw? {
        guard let dist = (best?.family.isDiscrete == false ? best : Fitting.best(outcomes.filter { !$0.family.isDiscrete }))?.distribution,
              let lo = values.min(), let hi = values.max() else { return nil }
        return LengthLaw(dist, minLength: Int(lo), maxLength: Int(hi))
    }
}
