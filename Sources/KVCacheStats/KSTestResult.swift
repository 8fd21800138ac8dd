/// The outcome of a Kolmogorov-Smirnov test (`KolmogorovSmirnov`).
public struct KSTestResult: Sendable, Equatable {
    /// The statistic D: the largest distance between the two CDFs.
    public let statistic: Double
    /// P(D >= statistic) under the null hypothesis, as scipy.stats computes it.
    public let pValue: Double
    /// The sample size (one-sample), or the two sizes' m n / (m + n) (two-sample).
    public let effectiveSize: Double
    /// True when the p-value is exact (or within about 1e-5 of exact, see
    /// `KolmogorovDistribution`), false for the two-sample asymptotic formula.
    public let exact: Bool

    public init(statistic: Double, pValue: Double, effectiveSize: Double, exact: Bool) {
        self.statistic = statistic
        self.pValue = pValue
        self.effectiveSize = effectiveSize
        self.exact = exact
    }

    /// True when the test does not reject at level `alpha` (p >= alpha).
    public func passes(alpha: Double) -> Bool { pValue >= alpha }
}
