import CGSL
import Foundation

/// A continuous probability law with its parameters, in the parameterisation users write in
/// configs (MODEL 7). Sampling, density and CDF go through GSL; `fixed` is a point mass.
///
/// scipy.stats equivalents (the `fits.csv` columns, MODEL 9.4): `normal` loc = mean,
/// scale = sd; `lognormal` shape = sigma, scale = exp(mu); `gamma` shape = a, scale;
/// `weibull` shape = c, scale; `exponential` scale = mean.
public enum Distribution: Sendable, Equatable, CustomStringConvertible {
    case fixed(value: Double)
    case uniform(min: Double, max: Double)
    case normal(mean: Double, sd: Double)
    case lognormal(mu: Double, sigma: Double)
    case gamma(shape: Double, scale: Double)
    case weibull(shape: Double, scale: Double)
    case exponential(mean: Double)
    /// Two lognormals: with probability `weight` lognormal(mu1, sigma1), else
    /// lognormal(mu2, sigma2) (two modes, e.g. short and long outputs; mu1 <= mu2 when fitted).
    case lognormalMixture(weight: Double, mu1: Double, sigma1: Double, mu2: Double, sigma2: Double)

    /// The family's name as configs and CSVs spell it.
    public var familyName: String {
        switch self {
        case .fixed: "fixed"
        case .uniform: "uniform"
        case .normal: "normal"
        case .lognormal: "lognormal"
        case .gamma: "gamma"
        case .weibull: "weibull"
        case .exponential: "exponential"
        case .lognormalMixture: "lognormal_mixture"
        }
    }

    /// Checks the parameters; returns a message naming the bad one, or nil when valid.
    public var invalidParameterMessage: String? {
        func positive(_ v: Double, _ name: String) -> String? {
            v.isFinite && v > 0 ? nil : "\(name) must be a positive finite number (got \(v))"
        }
        switch self {
        case .fixed(let v): return v.isFinite ? nil : "value must be finite"
        case .uniform(let a, let b):
            return a.isFinite && b.isFinite && a <= b ? nil : "min must not exceed max (got \(a) > \(b))"
        case .normal(let m, let s): return m.isFinite ? positive(s, "std") : "mean must be finite"
        case .lognormal(let mu, let s): return mu.isFinite ? positive(s, "sigma") : "mu must be finite"
        case .gamma(let a, let s), .weibull(let a, let s): return positive(a, "shape") ?? positive(s, "scale")
        case .exponential(let m): return positive(m, "mean")
        case .lognormalMixture(let w, let mu1, let s1, let mu2, let s2):
            guard w.isFinite, w > 0, w < 1 else { return "weight must be in (0, 1) (got \(w))" }
            guard mu1.isFinite, mu2.isFinite else { return "mu1 and mu2 must be finite" }
            return positive(s1, "sigma1") ?? positive(s2, "sigma2")
        }
    }

    /// One variate, drawn from `random`.
    public func sample(_ random: RandomSource) -> Double {
        switch self {
        case .fixed(let v): v
        case .uniform(let a, let b): a == b ? a : random.flat(a, b)
        case .normal(let m, let s): m + random.gaussian(sigma: s)
        case .lognormal(let mu, let s): random.lognormal(mu: mu, sigma: s)
        case .gamma(let a, let s): random.gamma(shape: a, scale: s)
        case .weibull(let a, let s): random.weibull(shape: a, scale: s)
        case .exponential(let m): random.exponential(mean: m)
        case .lognormalMixture(let w, let mu1, let s1, let mu2, let s2):
            random.flat(0, 1) < w ? random.lognormal(mu: mu1, sigma: s1) : random.lognormal(mu: mu2, sigma: s2)
        }
    }

    /// P(X <= x).
    public func cdf(_ x: Double) -> Double {
        switch self {
        case .fixed(let v): return x >= v ? 1 : 0
        case .uniform(let a, let b):
            if a == b { return x >= a ? 1 : 0 }
            return gsl_cdf_flat_P(x, a, b)
        case .normal(let m, let s): return gsl_cdf_gaussian_P(x - m, s)
        case .lognormal(let mu, let s): return x <= 0 ? 0 : gsl_cdf_lognormal_P(x, mu, s)
        case .gamma(let a, let s): return x <= 0 ? 0 : gsl_cdf_gamma_P(x, a, s)
        case .weibull(let a, let s): return x <= 0 ? 0 : gsl_cdf_weibull_P(x, s, a)
        case .exponential(let m): return x <= 0 ? 0 : gsl_cdf_exponential_P(x, m)
        case .lognormalMixture(let w, let mu1, let s1, let mu2, let s2):
            return x <= 0 ? 0 : w * gsl_cdf_lognormal_P(x, mu1, s1) + (1 - w) * gsl_cdf_lognormal_P(x, mu2, s2)
        }
    }

    /// The natural log of the density at x (minus infinity outside the support; a point mass
    /// has no density and returns 0 at its value).
    public func logDensity(_ x: Double) -> Double {
        switch self {
        case .fixed(let v): return x == v ? 0 : -.infinity
        case .uniform(let a, let b):
            return x < a || x > b || a == b ? -.infinity : -log(b - a)
        case .normal(let m, let s):
            let z = (x - m) / s
            return -0.5 * z * z - log(s) - 0.5 * log(2 * Double.pi)
        case .lognormal(let mu, let s):
            guard x > 0 else { return -.infinity }
            let z = (log(x) - mu) / s
            return -0.5 * z * z - log(s * x) - 0.5 * log(2 * Double.pi)
        case .gamma(let a, let s):
            guard x > 0 else { return -.infinity }
            return (a - 1) * log(x) - x / s - gsl_sf_lngamma(a) - a * log(s)
        case .weibull(let k, let s):
            guard x > 0 else { return -.infinity }
            let r = x / s
            return log(k / s) + (k - 1) * log(r) - pow(r, k)
        case .exponential(let m):
            guard x >= 0 else { return -.infinity }
            return -log(m) - x / m
        case .lognormalMixture(let w, let mu1, let s1, let mu2, let s2):
            guard x > 0 else { return -.infinity }
            let a = log(w) + Distribution.lognormal(mu: mu1, sigma: s1).logDensity(x)
            let b = log(1 - w) + Distribution.lognormal(mu: mu2, sigma: s2).logDensity(x)
            let top = max(a, b)
            return top + log(exp(a - top) + exp(b - top))
        }
    }

    /// The law's mean (the midpoint for `uniform`).
    public var mean: Double {
        switch self {
        case .fixed(let v): v
        case .uniform(let a, let b): (a + b) / 2
        case .normal(let m, _): m
        case .lognormal(let mu, let s): exp(mu + s * s / 2)
        case .gamma(let a, let s): a * s
        case .weibull(let k, let s): s * exp(gsl_sf_lngamma(1 + 1 / k))
        case .exponential(let m): m
        case .lognormalMixture(let w, let mu1, let s1, let mu2, let s2):
            w * exp(mu1 + s1 * s1 / 2) + (1 - w) * exp(mu2 + s2 * s2 / 2)
        }
    }

    /// The description with four significant digits per parameter, for sentences.
    public var shortDescription: String {
        let n = StatText.number
        return switch self {
        case .fixed(let v): "fixed(value=\(n(v)))"
        case .uniform(let a, let b): "uniform(min=\(n(a)), max=\(n(b)))"
        case .normal(let m, let s): "normal(mean=\(n(m)), std=\(n(s)))"
        case .lognormal(let mu, let s): "lognormal(mu=\(n(mu)), sigma=\(n(s)))"
        case .gamma(let a, let s): "gamma(shape=\(n(a)), scale=\(n(s)))"
        case .weibull(let k, let s): "weibull(shape=\(n(k)), scale=\(n(s)))"
        case .exponential(let m): "exponential(mean=\(n(m)))"
        case .lognormalMixture(let w, let mu1, let s1, let mu2, let s2):
            "lognormal_mixture(weight=\(n(w)), mu1=\(n(mu1)), sigma1=\(n(s1)), mu2=\(n(mu2)), sigma2=\(n(s2)))"
        }
    }

    public var description: String {
        switch self {
        case .fixed(let v): "fixed(value=\(v))"
        case .uniform(let a, let b): "uniform(min=\(a), max=\(b))"
        case .normal(let m, let s): "normal(mean=\(m), std=\(s))"
        case .lognormal(let mu, let s): "lognormal(mu=\(mu), sigma=\(s))"
        case .gamma(let a, let s): "gamma(shape=\(a), scale=\(s))"
        case .weibull(let k, let s): "weibull(shape=\(k), scale=\(s))"
        case .exponential(let m): "exponential(mean=\(m))"
        case .lognormalMixture(let w, let mu1, let s1, let mu2, let s2):
            "lognormal_mixture(weight=\(w), mu1=\(mu1), sigma1=\(s1), mu2=\(mu2), sigma2=\(s2))"
        }
    }
}

