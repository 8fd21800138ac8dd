import KVCacheCore
import KVCacheStats

/// Maximum-likelihood fits of one trace field (SEMANTICS 7.1, 9.4): every continuous family,
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

    /// `fits.csv` rows (SEMANTICS 9.4), header included when `header`. Families whose fit
    /// failed are left out (their error is in the table and JSON). For `negative_binomial`,
    /// shape is n; its p is in fits.json.
    public func csv(header: Bool = true) -> String {
        var out = header ? "field,family,n,shape,loc,scale,loglik,aic,bic,ks_d,ks_p,best\n" : ""
        func num(_ v: Double?) -> String { v.map { JSONValue.number($0) } ?? "" }
        for o in outcomes {
            guard let f = o.fit else { continue }
            let hasShape = f.family != .normal && f.family != .exponential
            let isBest = best.map { $0.family == f.family } ?? false
            out += "\(field.rawValue),\(f.family.rawValue),\(f.n),\(hasShape ? num(f.shape) : ""),\(num(f.loc)),\(num(f.scale)),"
            out += "\(num(f.logLikelihood)),\(num(f.aic)),\(num(f.bic)),\(num(f.ks?.statistic)),\(num(f.ks?.pValue)),\(isBest)\n"
        }
        return out
    }

    public func json() -> JSONValue {
        .object([
            ("field", .string(field.rawValue)),
            ("n", .int(values.count)),
            ("best", best.map { .string($0.family.rawValue) } ?? .null),
            ("ks_p_note", .string("KS p-values use parameters fitted on the same data: they are optimistic")),
            ("fits", .array(outcomes.map { o in
                switch o.result {
                case .success(let f):
                    return .object([
                        ("family", .string(f.family.rawValue)), ("n", .int(f.n)),
                        ("shapes", .array(f.shapes.map { .double($0) })), ("loc", .double(f.loc)),
                        ("scale", f.scale.map { .double($0) } ?? .null), ("loglik", .double(f.logLikelihood)),
                        ("aic", .double(f.aic)), ("bic", .double(f.bic)),
                        ("ks_d", f.ks.map { .double($0.statistic) } ?? .null), ("ks_p", f.ks.map { .double($0.pValue) } ?? .null),
                        ("chi2", f.chiSquare.map { .double($0.statistic) } ?? .null),
                        ("chi2_df", f.chiSquare.map { .int($0.degreesOfFreedom) } ?? .null),
                        ("chi2_p", f.chiSquare.map { .double($0.pValue) } ?? .null),
                    ])
                case .failure(let e):
                    return .object([("family", .string(o.family.rawValue)), ("error", .string(e.description))])
                }
            })),
        ])
    }

    /// The best continuous fit as a length law bounded by the data's range (for synthetic
    /// configs, SEMANTICS 7.2).
    public var bestLaw: LengthLaw? {
        guard let dist = (best?.family.isDiscrete == false ? best : Fitting.best(outcomes.filter { !$0.family.isDiscrete }))?.distribution,
              let lo = values.min(), let hi = values.max() else { return nil }
        return LengthLaw(dist, minLength: Int(lo), maxLength: Int(hi))
    }
}
