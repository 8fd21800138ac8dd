/// The outcome of a chi-square goodness-of-fit test (`ChiSquareTest`), with the merged bins it
/// used so that a report can show them.
public struct ChiSquareResult: Sendable, Equatable {
    /// X^2 = sum over bins of (O - E)^2 / E.
    public let statistic: Double
    /// bins - 1 - fitted parameters.
    public let degreesOfFreedom: Int
    /// P(chi^2_df >= X^2), from `gsl_cdf_chisq_Q`.
    public let pValue: Double
    /// Observed counts per merged bin.
    public let observed: [Double]
    /// Expected counts per merged bin (each at least the merge threshold, normally 5).
    public let expected: [Double]
    /// The first value of each merged bin, where the bins are integer ranges (discrete laws);
    /// empty for the continuous fits' equiprobable bins.
    public let binStarts: [Int]

    public init(statistic: Double, degreesOfFreedom: Int, pValue: Double, observed: [Double],
                expected: [Double], binStarts: [Int] = []) {
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        self.pValue = pValue
        self.observed = observed
        self.expected = expected
        self.binStarts = binStarts
    }

    /// The number of merged bins.
    public var bins: Int { observed.count }

    /// True when the test does not reject at level `alpha` (p >= alpha).
    public func passes(alpha: Double) -> Bool { pValue >= alpha }
}
