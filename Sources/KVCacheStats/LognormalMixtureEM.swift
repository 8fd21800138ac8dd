import CGSL
import Foundation

/// Maximum likelihood for a mixture of two lognormals (`FitFamily.lognormalMixture`) by the
/// EM algorithm on y = ln x, where it is a mixture of two normals (Dempster, Laird and Rubin
/// 1977; McLachlan and Peel, "Finite Mixture Models", 2000, ch. 2-3):
///
/// - E step: each point's responsibility r_i = w N(y_i; m1, s1) / (w N(y_i; m1, s1) + (1 - w)
///   N(y_i; m2, s2)), normal densities from GSL (`gsl_ran_gaussian_pdf`) in log space through
///   log-sum-exp so that far tails do not underflow;
/// - M step: w = mean r, m_k and s_k the responsibility-weighted mean and divisor-n sd of y.
///
/// Two starts (the data split at its median and at its first tercile), each run until the
/// log-likelihood gains less than 1e-10 per point or 2,000 steps; the better one is kept. A
/// component's sd is floored at 5% of y's sd so a component cannot collapse onto one repeated
/// value (an unbounded likelihood: lengths are integers and often repeat). Components are ordered by m1 <= m2. The log-likelihood is of x
/// (the normal one minus sum y, the Jacobian). Complexity O(n) per step.
enum LognormalMixtureEM {
    static func fit(_ x: [Double]) throws(FitError) -> MaximumLikelihood.Estimate {
        let y = x.map { log($0) }.sorted()
        let n = Double(y.count)
        let mean = y.reduce(0, +) / n
        let sd = (y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        guard sd > 1e-12 * max(1, abs(mean)) else { throw .zeroVariance(family: .lognormalMixture) }
        let floor = 0.05 * sd
        var best: (params: [Double], logLik: Double)?
        for split in [y.count / 2, y.count / 3] where split >= 2 && y.count - split >= 2 {
            let start = [Double(split) / n] + moments(y[..<split], floor) + moments(y[split...], floor)
            let run = iterate(y, start: start, floor: floor)
            if run.logLik.isFinite, best.map({ run.logLik > $0.logLik }) ?? true { best = run }
        }
        guard var (p, logLik) = best else {
            throw .numerical(family: .lognormalMixture, error: GSLError("EM found no finite likelihood"))
        }
        if p[1] > p[3] { p = [1 - p[0], p[3], p[4], p[1], p[2]] }
        logLik -= y.reduce(0, +)
        return MaximumLikelihood.Estimate(shapes: p, loc: 0, scale: nil, logLikelihood: logLik)
    }

    private static func moments(_ part: ArraySlice<Double>, _ floor: Double) -> [Double] {
        let m = part.reduce(0, +) / Double(part.count)
        let v = part.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(part.count)
        return [m, max(floor, v.squareRoot())]
    }

    /// ln N(y; m, s), from GSL's density, or from its formula where that underflows.
    private static func logNormal(_ y: Double, _ m: Double, _ s: Double) -> Double {
        let d = gsl_ran_gaussian_pdf(y - m, s)
        if d > 1e-300 { return log(d) }
        let z = (y - m) / s
        return -0.5 * z * z - log(s) - 0.5 * log(2 * Double.pi)
    }

    /// EM from `start` = [w, m1, s1, m2, s2]; the normal log-likelihood of y at the end.
    private static func iterate(_ y: [Double], start: [Double], floor: Double) -> (params: [Double], logLik: Double) {
        var (w, m1, s1, m2, s2) = (start[0], start[1], start[2], start[3], start[4])
        let n = Double(y.count)
        var r = [Double](repeating: 0, count: y.count)
        var previous = -Double.infinity
        var logLik = -Double.infinity
        for _ in 0 ..< 2000 {
            // E step and the log-likelihood at the current parameters.
            logLik = 0
            for (i, v) in y.enumerated() {
                let a = log(w) + logNormal(v, m1, s1), b = log(1 - w) + logNormal(v, m2, s2)
                let top = max(a, b)
                let total = top + log(exp(a - top) + exp(b - top))
                logLik += total
                r[i] = exp(a - total)
            }
            if logLik - previous < 1e-10 * n { break }
            previous = logLik
            // M step.
            let r1 = r.reduce(0, +), r2 = n - r1
            guard r1 > 1e-9 * n, r2 > 1e-9 * n else { break }
            w = r1 / n
            var sum1 = 0.0, sum2 = 0.0
            for (i, v) in y.enumerated() { sum1 += r[i] * v; sum2 += (1 - r[i]) * v }
            m1 = sum1 / r1
            m2 = sum2 / r2
            var q1 = 0.0, q2 = 0.0
            for (i, v) in y.enumerated() { q1 += r[i] * (v - m1) * (v - m1); q2 += (1 - r[i]) * (v - m2) * (v - m2) }
            s1 = max(floor, (q1 / r1).squareRoot())
            s2 = max(floor, (q2 / r2).squareRoot())
        }
        return ([w, m1, s1, m2, s2], logLik)
    }
}
