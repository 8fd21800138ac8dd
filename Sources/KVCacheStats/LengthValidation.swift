/// The verdict on a synthetic workload's lengths against their `DiscretizedLaw`
/// (MODEL 7.2), from `SyntheticValidation.lengths`.
///
/// It passes at level `alpha` when no sample falls outside [minimum, maximum] and the
/// chi-square test (bins merged to expected >= 5, df = bins - 1, no fitted parameters) has
/// p >= alpha. When the law leaves fewer than two bins (a fixed length, or too few samples)
/// there is no test, and it passes when every sample has positive probability.
/// `maxCDFGap` (the largest |F_n(k) - G(k)| over integers k) is reported, not tested: for a
/// discrete law the continuous KS p-value does not apply.
public struct LengthValidation: Sendable, Equatable {
    public let n: Int
    public let alpha: Double
    /// Samples outside [minimum, maximum] (or, for a fixed law, off its point).
    public let impossible: Int
    public let chiSquare: ChiSquareResult?
    public let maxCDFGap: Double
    /// The integer where the gap is largest.
    public let maxCDFGapAt: Int
    public let passed: Bool

    public init(n: Int, alpha: Double, impossible: Int, chiSquare: ChiSquareResult?,
                maxCDFGap: Double, maxCDFGapAt: Int, passed: Bool) {
        self.n = n
        self.alpha = alpha
        self.impossible = impossible
        self.chiSquare = chiSquare
        self.maxCDFGap = maxCDFGap
        self.maxCDFGapAt = maxCDFGapAt
        self.passed = passed
    }

    /// One line for a report: verdict, test, gap.
    public var summary: String {
        let verdict = passed ? "pass" : "fail"
        let test = chiSquare.map {
            "chi-square \(StatText.number($0.statistic)) on \($0.degreesOfFreedom) df, p = \(StatText.number($0.pValue))"
        } ?? "no chi-square test (fewer than two bins)"
        return "\(verdict) at alpha \(StatText.number(alpha)): \(test); largest CDF gap \(StatText.number(maxCDFGap)) at \(maxCDFGapAt); \(impossible) impossible sample(s) of \(n)"
    }
}
