import KVCacheAnalysis
import KVCacheStats

/// Readable tables of fits (MODEL 7.1).
public enum FitTables {
    public static func table(_ fits: LengthFits) -> String {
        var rows: [[String]] = []
        for o in fits.outcomes {
            switch o.result {
            case .success(let f):
                let params = parameters(f)
                rows.append([f.family.rawValue + (fits.best?.family == f.family ? " (best)" : ""), params,
                             Formatting.significant(f.logLikelihood, digits: 7), Formatting.significant(f.aic, digits: 7),
                             f.ks.map { Formatting.significant($0.statistic, digits: 4) } ?? "",
                             f.ks.map { Formatting.significant($0.pValue, digits: 3) } ?? "",
                             f.chiSquare.map { "\(Formatting.significant($0.statistic, digits: 4)) (\($0.degreesOfFreedom) df, p \(Formatting.significant($0.pValue, digits: 3)))" } ?? ""])
            case .failure(let e):
                rows.append([o.family.rawValue, "failed: \(e.description)", "", "", "", "", ""])
            }
        }
        return "\(fits.field.rawValue) (n = \(Formatting.thousands(fits.values.count)))\n"
            + MarkdownTable(headers: ["family", "parameters", "loglik", "AIC", "KS D", "KS p", "chi-square"], rows: rows).render()
    }

    /// Parameters in scipy's naming (MODEL 9.4).
    public static func parameters(_ f: FitResult) -> String {
        func s(_ v: Double) -> String { Formatting.significant(v, digits: 5) }
        switch f.family {
        case .normal: return "loc \(s(f.loc)), scale \(s(f.scale ?? 0))"
        case .lognormal: return "s \(s(f.shapes[0])), scale \(s(f.scale ?? 0))"
        case .gamma: return "a \(s(f.shapes[0])), scale \(s(f.scale ?? 0))"
        case .weibull: return "c \(s(f.shapes[0])), scale \(s(f.scale ?? 0))"
        case .exponential: return "scale \(s(f.scale ?? 0))"
        case .poisson: return "mu \(s(f.shapes[0]))"
        case .negativeBinomial: return "n \(s(f.shapes[0])), p \(s(f.shapes.count > 1 ? f.shapes[1] : 0))"
        }
    }
}
