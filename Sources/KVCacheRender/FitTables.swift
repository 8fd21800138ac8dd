import Foundation
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
            + "\n\n" + verdict(fits)
    }

    /// Which families were compared, and whether any fits at alpha (0.01); when none does, why:
    /// several modes, a mixture far ahead of every single family (MODEL 7.1).
    public static func verdict(_ fits: LengthFits, alpha: Double = 0.01) -> String {
        let v = fits.verdict(alpha: alpha)
        let kind = fits.field.isCount ? "count families (the continuous fits are shown for reference only)" : "continuous families"
        var text = "Compared by AIC: \(v.compared.map(\.rawValue).joined(separator: ", ")) (\(kind))."
        let a = StatText.number(alpha)
        if v.noFamilyFits {
            text += " **No family fits at alpha \(a)**: every goodness-of-fit test rejects (largest p = \(Formatting.significant(v.largestP ?? 0, digits: 3)))"
            text += reasons(v, best: fits.best).map { "; \($0)" } ?? ""
            text += ". The best by AIC is the least bad, not a fit."
        } else if !v.accepted.isEmpty {
            text += " Not rejected at alpha \(a): \(v.accepted.map(\.rawValue).joined(separator: ", "))."
            if let r = reasons(v, best: fits.best) { text += " Note: \(r)." }
        }
        return text
    }

    static func reasons(_ v: LengthFits.Verdict, best: FitResult?) -> String? {
        var parts: [String] = []
        if v.modes.count > 1 {
            let names = [2: "two", 3: "three", 4: "four"]
            parts.append("the data have \(names[v.modes.count] ?? String(v.modes.count)) modes (near \(v.modes.map { Formatting.thousands($0.rounded()) }.joined(separator: " and ")))")
        }
        if let margin = v.mixtureAICMargin, margin > 10 {
            parts.append("a mixture of two lognormals beats every single family by \(Formatting.thousands(margin.rounded())) in AIC")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
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
        case .lognormalMixture:
            guard f.shapes.count == 5 else { return "" }
            return "w \(s(f.shapes[0])): s \(s(f.shapes[2])), scale \(s(exp(f.shapes[1]))); then s \(s(f.shapes[4])), scale \(s(exp(f.shapes[3])))"
        }
    }
}
