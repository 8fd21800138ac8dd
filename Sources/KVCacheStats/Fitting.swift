import CGSL
import Foundation

/// Maximum-likelihood fits of the `FitFamily` laws with their goodness of fit (MODEL 7.1).
///
/// A fit returns scipy.stats' parameters (`FitResult`), the log-likelihood, AIC, BIC, a KS
/// test against the fitted law (continuous families) and a chi-square test over merged bins.
/// A family that cannot be fitted throws a `FitError` naming it; `fitAll` reports every
/// family, failed or not, and `best` picks the lowest AIC. Estimators: `MaximumLikelihood`.
/// Complexity O(n log n) per family (the KS sort), plus O(n + max count) for count laws.
public enum Fitting {
    /// Fits one family to `data` (counts given as whole-number doubles for the discrete laws).
    public static func fit(_ family: FitFamily, to data: [Double]) throws(FitError) -> FitResult {
        let e = try MaximumLikelihood.estimate(family, data)
        guard e.logLikelihood.isFinite else {
            throw .numerical(family: family, error: GSLError("log-likelihood is \(e.logLikelihood)"))
        }
        var ks: KSTestResult? = nil
        var chi: ChiSquareResult? = nil
        let partial = FitResult(family: family, n: data.count, shapes: e.shapes, loc: e.loc,
                                scale: e.scale, logLikelihood: e.logLikelihood, ks: nil, chiSquare: nil)
        if let law = partial.distribution {
            ks = KolmogorovSmirnov.oneSample(data, against: law)
            chi = ChiSquareTest.test(data, against: law, fittedParameters: family.parameterCount)
        } else {
            chi = countChiSquare(family, data, shapes: e.shapes)
        }
        return FitResult(family: family, n: data.count, shapes: e.shapes, loc: e.loc, scale: e.scale,
                         logLikelihood: e.logLikelihood, ks: ks, chiSquare: chi)
    }

    /// Fits one count family (`.poisson`, `.negativeBinomial`) to non-negative integers.
    public static func fit(_ family: FitFamily, toCounts counts: [Int]) throws(FitError) -> FitResult {
        try fit(family, to: counts.map { Double($0) })
    }

    /// Fits every family in `families`, each independently: one family's failure does not
    /// stop the others. Only compare AICs within one kind: a density's likelihood and a
    /// probability mass's are not on the same scale (the defaults are the continuous laws).
    public static func fitAll(_ data: [Double], families: [FitFamily] = FitFamily.continuous) -> [FitOutcome] {
        families.map { family in
            FitOutcome(family: family, result: Result { () throws(FitError) -> FitResult in
                try fit(family, to: data)
            })
        }
    }

    /// `fitAll` for count data, over the discrete families by default.
    public static func fitAll(counts: [Int], families: [FitFamily] = FitFamily.discrete) -> [FitOutcome] {
        fitAll(counts.map { Double($0) }, families: families)
    }

    /// The successful fit with the lowest AIC (the first in order on a tie); nil when none
    /// succeeded. The two-lognormal mixture is chosen only when its AIC is lower than every
    /// single family's by more than `mixtureAICMargin`: with 5 parameters it gains a few units
    /// on one-mode data by chance, and a mixture is only worth its complexity for clear modes.
    public static func best(_ outcomes: [FitOutcome]) -> FitResult? {
        var best: FitResult? = nil
        let fits = outcomes.compactMap(\.fit)
        for f in fits where f.family != .lognormalMixture && (best.map { f.aic < $0.aic } ?? true) {
            best = f
        }
        if let mixture = fits.first(where: { $0.family == .lognormalMixture }),
           best.map({ mixture.aic < $0.aic - mixtureAICMargin }) ?? true {
            best = mixture
        }
        return best
    }

    /// How much lower (AIC units) the mixture must be than the best single family to be chosen.
    public static let mixtureAICMargin = 10.0

    /// Chi-square of counts against the fitted Poisson or negative binomial: one bin per value
    /// 0...max observed, the last also holding the law's upper tail, merged to expected >= 5,
    /// df = bins - 1 - fitted parameters. O(n + max count).
    static func countChiSquare(_ family: FitFamily, _ data: [Double], shapes: [Double]) -> ChiSquareResult? {
        guard let top = data.max(), top < 1_000_000 else { return nil }
        let kMax = Int(top)
        var observed = [Double](repeating: 0, count: kMax + 1)
        for x in data { observed[Int(x)] += 1 }
        let n = Double(data.count)
        var expected = [Double](repeating: 0, count: kMax + 1)
        var cumulative = 0.0
        for k in 0..<kMax {
            let p: Double
            switch family {
            case .poisson: p = gsl_ran_poisson_pdf(UInt32(k), shapes[0])
            case .negativeBinomial: p = gsl_ran_negative_binomial_pdf(UInt32(k), shapes[1], shapes[0])
            default: return nil
            }
            expected[k] = n * p
            cumulative += p
        }
        expected[kMax] = n * max(0, 1 - cumulative)
        return ChiSquareTest.test(observed: observed, expected: expected,
                                  fittedParameters: family.parameterCount,
                                  binStarts: Array(0...kMax))
    }
}
