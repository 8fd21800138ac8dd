/// A family of laws that `Fitting` estimates by maximum likelihood (MODEL 7.1).
///
/// Continuous families take real data; `normal` fits mean and sd, the others have location
/// fixed at 0 (scipy's `floc=0`). Discrete families take counts (non-negative integers) and
/// follow scipy's `poisson(mu)` and `nbinom(n, p)`.
public enum FitFamily: String, CaseIterable, Sendable, CustomStringConvertible {
    case normal
    case lognormal
    case gamma
    case weibull
    case exponential
    case poisson
    case negativeBinomial = "negative_binomial"
    /// Two lognormals mixed (weight, mu1, sigma1, mu2, sigma2), fitted by EM on ln x: the
    /// family for two-mode lengths.
    case lognormalMixture = "lognormal_mixture"

    /// The continuous families, in report order.
    public static let continuous: [FitFamily] = [.normal, .lognormal, .gamma, .weibull, .exponential, .lognormalMixture]

    /// The discrete (count) families, in report order.
    public static let discrete: [FitFamily] = [.poisson, .negativeBinomial]

    /// True for the count laws, whose likelihood is a probability mass, not a density.
    public var isDiscrete: Bool { self == .poisson || self == .negativeBinomial }

    /// The number of fitted parameters k (a fixed location is not counted): AIC = 2k - 2 ln L,
    /// BIC = k ln n - 2 ln L, and the chi-square test loses k degrees of freedom.
    public var parameterCount: Int {
        switch self {
        case .exponential, .poisson: 1
        case .normal, .lognormal, .gamma, .weibull, .negativeBinomial: 2
        case .lognormalMixture: 5
        }
    }

    /// The smallest sample a fit accepts. Two points are the least that can show spread; the
    /// goodness-of-fit tests are only reported when there are enough points for them.
    /// A mixture needs a few points per component.
    public var minimumCount: Int { self == .lognormalMixture ? 10 : 2 }

    public var description: String { rawValue }
}
