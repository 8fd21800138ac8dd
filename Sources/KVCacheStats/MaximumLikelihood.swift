import CGSL
import Foundation

/// The maximum-likelihood estimators behind `Fitting` (MODEL 7.1, ALGORITHMS "GSL notes").
/// Each checks its data, then returns scipy's (shapes, loc, scale) and the log-likelihood.
///
/// - normal: mean and sd with divisor n (`gsl_stats_mean`, `gsl_stats_variance_with_fixed_mean`);
/// - lognormal (loc 0): mu, sigma = mean and divisor-n sd of ln x;
/// - gamma (loc 0): Newton on ln a - psi(a) = ln(mean x) - mean(ln x) (`gsl_sf_psi`,
///   `gsl_sf_psi_1`), started at Minka's approximation; scale = mean / a;
/// - weibull (loc 0): Newton on the profile equation
///   sum x^c ln x / sum x^c - 1/c - mean(ln x) = 0 (increasing in c), scale = (mean x^c)^(1/c);
/// - exponential (loc 0): scale = mean;
/// - poisson: mu = mean;
/// - negative binomial: n solves sum psi(k_i + n) - N psi(n) + N ln(n / (n + mean)) = 0 and
///   p = n / (n + mean); a finite solution exists only when the divisor-n variance exceeds the
///   mean.
/// Newton steps are safeguarded by bisection (`SafeguardedNewton`). Complexity O(n) per
/// likelihood-equation evaluation (O(distinct counts) for the negative binomial), a few dozen
/// evaluations per fit.
enum MaximumLikelihood {
    struct Estimate {
        var shapes: [Double]
        var loc: Double
        var scale: Double?
        var logLikelihood: Double
    }

    static func estimate(_ family: FitFamily, _ data: [Double]) throws(FitError) -> Estimate {
        GSL.configure()
        try checkSupport(family, data)
        switch family {
        case .normal: return try normal(data)
        case .lognormal: return try lognormal(data)
        case .gamma: return try gamma(data)
        case .weibull: return try weibull(data)
        case .exponential: return try exponential(data)
        case .poisson: return try poisson(data)
        case .negativeBinomial: return try negativeBinomial(data)
        case .lognormalMixture: return try LognormalMixtureEM.fit(data)
        }
    }

    /// Size, finiteness and support checks, in that order; the first bad value is named.
    static func checkSupport(_ family: FitFamily, _ data: [Double]) throws(FitError) {
        guard data.count >= family.minimumCount else {
            throw .tooFewPoints(family: family, count: data.count, minimum: family.minimumCount)
        }
        for (i, x) in data.enumerated() {
            guard x.isFinite else { throw .nonFiniteValue(family: family, index: i, value: x) }
            switch family {
            case .normal: break
            case .lognormal, .gamma, .weibull, .lognormalMixture:
                if x <= 0 { throw .outsideSupport(family: family, index: i, value: x, support: "x > 0") }
            case .exponential:
                if x < 0 { throw .outsideSupport(family: family, index: i, value: x, support: "x >= 0") }
            case .poisson, .negativeBinomial:
                if x < 0 || x != x.rounded() || x > 9.0e15 {
                    throw .outsideSupport(family: family, index: i, value: x,
                                          support: "non-negative integers")
                }
            }
        }
    }

    static func mean(_ x: [Double]) -> Double {
        x.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, $0.count) }
    }

    /// Variance about a given mean, divisor n.
    static func variance(_ x: [Double], mean m: Double) -> Double {
        x.withUnsafeBufferPointer { gsl_stats_variance_with_fixed_mean($0.baseAddress, 1, $0.count, m) }
    }

    static func normal(_ x: [Double]) throws(FitError) -> Estimate {
        let m = mean(x)
        let v = variance(x, mean: m)
        guard v > 0 else { throw .zeroVariance(family: .normal) }
        let law = Distribution.normal(mean: m, sd: v.squareRoot())
        return Estimate(shapes: [], loc: m, scale: v.squareRoot(), logLikelihood: logLikelihood(x, law))
    }

    static func lognormal(_ x: [Double]) throws(FitError) -> Estimate {
        let logs = x.map { log($0) }
        let mu = mean(logs)
        let v = variance(logs, mean: mu)
        guard v > 0 else { throw .zeroVariance(family: .lognormal) }
        let sigma = v.squareRoot()
        let law = Distribution.lognormal(mu: mu, sigma: sigma)
        return Estimate(shapes: [sigma], loc: 0, scale: exp(mu), logLikelihood: logLikelihood(x, law))
    }

    static func gamma(_ x: [Double]) throws(FitError) -> Estimate {
        let m = mean(x)
        let meanLog = mean(x.map { log($0) })
        let s = log(m) - meanLog
        // s >= 0 by Jensen, 0 only when all values are equal (up to rounding).
        guard s > 1e-14 else { throw .zeroVariance(family: .gamma) }
        let start = (3 - s + ((s - 3) * (s - 3) + 24 * s).squareRoot()) / (12 * s)
        // ln a - psi(a) decreases from +infinity to 0: bracket the root around Minka's start.
        var lo = start / 2, hi = start * 2
        func g(_ a: Double) -> Double { log(a) - gsl_sf_psi(a) - s }
        var widen = 0
        while g(lo) <= 0 && widen < 200 { lo /= 2; widen += 1 }
        while g(hi) >= 0 && widen < 400 { hi *= 2; widen += 1 }
        let solver = SafeguardedNewton()
        guard let a = solver.solve(lower: lo, upper: hi, start: start, { a in
            (log(a) - gsl_sf_psi(a) - s, 1 / a - gsl_sf_psi_1(a))
        }) else { throw .noConvergence(family: .gamma, iterations: solver.maxIterations) }
        guard a.isFinite, a > 0 else {
            throw .numerical(family: .gamma, error: GSLError("shape estimate \(a) is not positive"))
        }
        let scale = m / a
        let law = Distribution.gamma(shape: a, scale: scale)
        return Estimate(shapes: [a], loc: 0, scale: scale, logLikelihood: logLikelihood(x, law))
    }

    static func weibull(_ x: [Double]) throws(FitError) -> Estimate {
        let y = x.map { log($0) }
        let yMean = mean(y)
        guard let yMax = y.max(), let yMin = y.min(), yMax > yMin else {
            throw .zeroVariance(family: .weibull)
        }
        // With w_i = exp(c (y_i - yMax)) (no overflow):
        //   g(c)  = sum w y / sum w - 1/c - mean(y),
        //   g'(c) = (sum w y^2 / sum w - (sum w y / sum w)^2) + 1/c^2 > 0.
        func profile(_ c: Double) -> (value: Double, derivative: Double) {
            var sw = 0.0, swy = 0.0, swy2 = 0.0
            for yi in y {
                let w = exp(c * (yi - yMax))
                let d = yi - yMax
                sw += w
                swy += w * d
                swy2 += w * d * d
            }
            let m1 = swy / sw, m2 = swy2 / sw
            return ((m1 + yMax) - 1 / c - yMean, (m2 - m1 * m1) + 1 / (c * c))
        }
        // Start from the lognormal-moment guess c ~ 1.28 / sd(ln x).
        let sdLog = variance(y, mean: yMean).squareRoot()
        let start = 1.2825 / max(sdLog, 1e-300)
        var lo = start / 2, hi = start * 2
        var widen = 0
        while profile(lo).value >= 0 && widen < 200 { lo /= 2; widen += 1 }
        while profile(hi).value <= 0 && widen < 400 { hi *= 2; widen += 1 }
        let solver = SafeguardedNewton()
        guard let c = solver.solve(lower: lo, upper: hi, start: start, profile) else {
            throw .noConvergence(family: .weibull, iterations: solver.maxIterations)
        }
        var sw = 0.0
        for yi in y { sw += exp(c * (yi - yMax)) }
        let scale = exp(yMax + log(sw / Double(y.count)) / c)
        guard c.isFinite, c > 0, scale.isFinite, scale > 0 else {
            throw .numerical(family: .weibull, error: GSLError("estimates c=\(c), scale=\(scale) are not positive"))
        }
        let law = Distribution.weibull(shape: c, scale: scale)
        return Estimate(shapes: [c], loc: 0, scale: scale, logLikelihood: logLikelihood(x, law))
    }

    static func exponential(_ x: [Double]) throws(FitError) -> Estimate {
        let m = mean(x)
        guard m > 0 else { throw .zeroVariance(family: .exponential) }
        let law = Distribution.exponential(mean: m)
        return Estimate(shapes: [], loc: 0, scale: m, logLikelihood: logLikelihood(x, law))
    }

    static func poisson(_ x: [Double]) throws(FitError) -> Estimate {
        let m = mean(x)
        guard m > 0 else { throw .zeroVariance(family: .poisson) }
        var ll = 0.0
        for (k, count) in histogram(x) {
            ll += Double(count) * (Double(k) * log(m) - m - gsl_sf_lnfact(UInt32(clamping: k)))
        }
        return Estimate(shapes: [m], loc: 0, scale: nil, logLikelihood: ll)
    }

    static func negativeBinomial(_ x: [Double]) throws(FitError) -> Estimate {
        let m = mean(x)
        let v = variance(x, mean: m)
        guard v > 0 else { throw .zeroVariance(family: .negativeBinomial) }
        guard v > m else { throw .notOverdispersed(family: .negativeBinomial, mean: m, variance: v) }
        let counts = histogram(x)
        let total = Double(x.count)
        // Score in r; it is positive near 0 and negative for large r when v > m.
        func score(_ r: Double) -> (value: Double, derivative: Double) {
            var s = -total * gsl_sf_psi(r) + total * log(r / (r + m))
            var ds = -total * gsl_sf_psi_1(r) + total * m / (r * (r + m))
            for (k, c) in counts {
                s += Double(c) * gsl_sf_psi(Double(k) + r)
                ds += Double(c) * gsl_sf_psi_1(Double(k) + r)
            }
            return (s, ds)
        }
        let start = m * m / (v - m)  // the method-of-moments n
        var lo = start / 2, hi = start * 2
        var widen = 0
        while score(lo).value <= 0 && widen < 200 { lo /= 2; widen += 1 }
        while score(hi).value >= 0 && widen < 400 { hi *= 2; widen += 1 }
        let solver = SafeguardedNewton()
        guard let r = solver.solve(lower: lo, upper: hi, start: start, score) else {
            throw .noConvergence(family: .negativeBinomial, iterations: solver.maxIterations)
        }
        guard r.isFinite, r > 0 else {
            throw .numerical(family: .negativeBinomial, error: GSLError("estimate n=\(r) is not positive"))
        }
        let p = r / (r + m)
        var ll = 0.0
        for (k, c) in counts {
            let kd = Double(k)
            ll += Double(c) * (gsl_sf_lngamma(kd + r) - gsl_sf_lngamma(r) - gsl_sf_lnfact(UInt32(clamping: k))
                               + r * log(p) + kd * log1p(-p))
        }
        return Estimate(shapes: [r, p], loc: 0, scale: nil, logLikelihood: ll)
    }

    /// Sum of the log-density over the data.
    static func logLikelihood(_ x: [Double], _ law: Distribution) -> Double {
        var ll = 0.0
        for xi in x { ll += law.logDensity(xi) }
        return ll
    }

    /// Counts per distinct value of integer-valued data (already checked by `checkSupport`).
    static func histogram(_ x: [Double]) -> [Int: Int] {
        var h: [Int: Int] = [:]
        for xi in x { h[Int(xi), default: 0] += 1 }
        return h
    }
}
