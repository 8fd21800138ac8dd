import Foundation

/// One maximum-likelihood fit (MODEL 7.1), its parameters in scipy.stats'
/// parameterisation (MODEL 9.4):
///
/// | family            | shapes (scipy order) | loc  | scale    |
/// |-------------------|----------------------|------|----------|
/// | normal            | []                   | mean | sd       |
/// | lognormal         | [sigma]              | 0    | exp(mu)  |
/// | gamma             | [a]                  | 0    | scale    |
/// | weibull           | [c]                  | 0    | scale    |
/// | exponential       | []                   | 0    | mean     |
/// | poisson           | [mu]                 | 0    | nil      |
/// | negative_binomial | [n, p]               | 0    | nil      |
/// | lognormal_mixture | [weight, mu1, sigma1, mu2, sigma2] | 0 | nil |
///
/// `shape` (the `fits.csv` column) is the first shape: for the negative binomial it is n, and
/// p = n / (n + mean) is `shapes[1]`. Discrete laws have no scale in scipy.
///
/// `ks` is the one-sample KS test against the fitted law (nil for the discrete laws, where the
/// KS null distribution does not apply); its p-value is optimistic because the parameters
/// come from the same data. `chiSquare` is over merged bins with df = bins - 1 - k (equiprobable
/// bins for continuous laws, integer bins for counts); nil when the sample is too small.
public struct FitResult: Sendable, Equatable {
    public let family: FitFamily
    public let n: Int
    public let shapes: [Double]
    public let loc: Double
    public let scale: Double?
    public let logLikelihood: Double
    public let ks: KSTestResult?
    public let chiSquare: ChiSquareResult?

    public init(family: FitFamily, n: Int, shapes: [Double], loc: Double, scale: Double?,
                logLikelihood: Double, ks: KSTestResult?, chiSquare: ChiSquareResult?) {
        self.family = family
        self.n = n
        self.shapes = shapes
        self.loc = loc
        self.scale = scale
        self.logLikelihood = logLikelihood
        self.ks = ks
        self.chiSquare = chiSquare
    }

    /// The `fits.csv` shape cell: the first of `shapes`, nil when the family has none.
    public var shape: Double? { shapes.first }

    /// Akaike's criterion 2k - 2 ln L (k = `family.parameterCount`).
    public var aic: Double { 2 * Double(family.parameterCount) - 2 * logLikelihood }

    /// Schwarz's criterion k ln n - 2 ln L.
    public var bic: Double { Double(family.parameterCount) * log(Double(n)) - 2 * logLikelihood }

    /// The fitted law as a `Distribution` (configs' parameterisation); nil for the discrete
    /// families, which `Distribution` does not model.
    public var distribution: Distribution? {
        switch family {
        case .normal: scale.map { .normal(mean: loc, sd: $0) }
        case .lognormal:
            if let s = shape, let sc = scale { .lognormal(mu: log(sc), sigma: s) } else { nil }
        case .gamma:
            if let a = shape, let sc = scale { .gamma(shape: a, scale: sc) } else { nil }
        case .weibull:
            if let c = shape, let sc = scale { .weibull(shape: c, scale: sc) } else { nil }
        case .exponential: scale.map { .exponential(mean: $0) }
        case .lognormalMixture:
            shapes.count == 5 ? .lognormalMixture(weight: shapes[0], mu1: shapes[1], sigma1: shapes[2], mu2: shapes[3], sigma2: shapes[4]) : nil
        case .poisson, .negativeBinomial: nil
        }
    }
}
