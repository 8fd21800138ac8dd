/// Why one family could not be fitted to a sample. Every case names the family, so a report of
/// several fits (`Fitting.fitAll`) can say which failed and why while the others still report.
public enum FitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Fewer points than the family needs (`FitFamily.minimumCount`).
    case tooFewPoints(family: FitFamily, count: Int, minimum: Int)
    /// A NaN or infinite value.
    case nonFiniteValue(family: FitFamily, index: Int, value: Double)
    /// A value outside the family's support (a non-positive value for a law on x > 0, a
    /// negative value for the exponential, a non-integer or negative value for a count law).
    case outsideSupport(family: FitFamily, index: Int, value: Double, support: String)
    /// All points equal (or, for the positive laws, all logs equal): no spread to estimate.
    case zeroVariance(family: FitFamily)
    /// Counts whose variance (divisor n) does not exceed their mean: the negative binomial's
    /// likelihood then increases without bound towards the Poisson (n -> infinity).
    case notOverdispersed(family: FitFamily, mean: Double, variance: Double)
    /// The likelihood equation was not solved to tolerance within the iteration budget.
    case noConvergence(family: FitFamily, iterations: Int)
    /// GSL reported a failure (or returned a non-finite value) during the fit.
    case numerical(family: FitFamily, error: GSLError)

    /// The family that failed.
    public var family: FitFamily {
        switch self {
        case .tooFewPoints(let f, _, _), .nonFiniteValue(let f, _, _), .outsideSupport(let f, _, _, _),
             .zeroVariance(let f), .notOverdispersed(let f, _, _), .noConvergence(let f, _),
             .numerical(let f, _):
            f
        }
    }

    public var description: String {
        switch self {
        case .tooFewPoints(let f, let n, let m):
            "\(f) fit: \(n) point(s), at least \(m) needed"
        case .nonFiniteValue(let f, let i, let v):
            "\(f) fit: value \(v) at index \(i) is not finite"
        case .outsideSupport(let f, let i, let v, let s):
            "\(f) fit: value \(v) at index \(i) is outside the support (\(s))"
        case .zeroVariance(let f):
            "\(f) fit: all values are equal (zero variance), nothing to estimate"
        case .notOverdispersed(let f, let m, let v):
            "\(f) fit: variance \(v) does not exceed mean \(m), no finite maximum-likelihood estimate"
        case .noConvergence(let f, let n):
            "\(f) fit: likelihood equation not solved within \(n) iterations"
        case .numerical(let f, let e):
            "\(f) fit: \(e)"
        }
    }
}
