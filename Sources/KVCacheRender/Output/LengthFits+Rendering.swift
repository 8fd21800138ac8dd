import KVCacheCore
import KVCacheInput
import KVCacheAnalysis
import KVCacheStats

/// Fits as `fits.csv` rows and JSON.
extension LengthFits {
    /// `fits.csv` rows (MODEL 9.4), header included when `header`. Families whose fit
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
            ("compared_families", .array(comparedFamilies.map { .string($0.rawValue) })),
            ("fits_at_alpha_0_01", .array(verdict(alpha: 0.01).accepted.map { .string($0.rawValue) })),
            ("verdict", .string(FitTables.verdict(self).replacingOccurrences(of: "**", with: ""))),
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
}
