import Foundation

/// Kolmogorov-Smirnov tests, matching scipy.stats' `kstest`/`ks_1samp` and `ks_2samp` with
/// their default method 'auto' and two-sided alternative.
///
/// GSL has no KS test (ALGORITHMS "GSL notes"); the statistics are computed here and the
/// p-values by `KolmogorovDistribution` (one-sample) and Hodges' lattice-path recursion
/// (two-sample). When the law's parameters were fitted on the same data the p-value is
/// optimistic (too large): the test then only screens, it does not confirm (MODEL 7.1).
public enum KolmogorovSmirnov {
    /// The one-sample statistic D = max_i max(i/n - F(x_i), F(x_i) - (i-1)/n) over the sorted
    /// sample, and its exact p-value P(D_n >= D) (`KolmogorovDistribution.survival`).
    /// Complexity O(n log n) plus the p-value's cost. The sample must not be empty.
    public static func oneSample(_ data: [Double], cdf: (Double) -> Double) -> KSTestResult {
        precondition(!data.isEmpty, "the KS test needs at least one point")
        let sorted = data.sorted()
        let n = Double(sorted.count)
        var d = 0.0
        for (i, x) in sorted.enumerated() {
            let f = cdf(x)
            d = max(d, Double(i + 1) / n - f, f - Double(i) / n)
        }
        let p = KolmogorovDistribution.survival(d, n: sorted.count)
        return KSTestResult(statistic: d, pValue: p, effectiveSize: n, exact: true)
    }

    /// The one-sample test against a `Distribution`'s CDF.
    public static func oneSample(_ data: [Double], against law: Distribution) -> KSTestResult {
        oneSample(data) { law.cdf($0) }
    }

    /// The two-sample statistic D = max_x |F_a(x) - F_b(x)| over the pooled values (empirical
    /// CDFs counting ties at x, as scipy's `searchsorted(side='right')`), with scipy's 'auto'
    /// p-value: exact when both sizes are at most 10,000 (then D is rounded to h / lcm(m, n),
    /// as scipy does), otherwise `kstwo.sf(D, round(m n / (m + n)))`.
    ///
    /// The exact p-value is the probability that a uniformly random lattice path from (0, 0)
    /// to (m, n) leaves the band |x/m - y/n| < D (Hodges 1958), computed as a proportion
    /// column by column so nothing overflows: O(m * band) time with band about 2 D n + 1, O(n)
    /// memory; for equal sizes the reflection formula below, O(n). Both samples must be
    /// non-empty.
    public static func twoSample(_ a: [Double], _ b: [Double]) -> KSTestResult {
        precondition(!a.isEmpty && !b.isEmpty, "the two-sample KS test needs two non-empty samples")
        let sa = a.sorted(), sb = b.sorted()
        let n1 = sa.count, n2 = sb.count
        var i = 0, j = 0
        var d = 0.0
        while i < n1 || j < n2 {
            // The next distinct pooled value, then step past every copy of it in both samples.
            let x: Double
            if i < n1 && j < n2 { x = min(sa[i], sb[j]) } else if i < n1 { x = sa[i] } else { x = sb[j] }
            while i < n1 && sa[i] <= x { i += 1 }
            while j < n2 && sb[j] <= x { j += 1 }
            d = max(d, abs(Double(i) / Double(n1) - Double(j) / Double(n2)))
        }
        let big = max(n1, n2), small = min(n1, n2)
        let en = Double(big) * Double(small) / Double(big + small)
        if big <= 10_000 {
            let g = gcd(n1, n2)
            let lcm = (n1 / g) * n2
            let h = Int((d * Double(lcm)).rounded(.toNearestOrEven))
            let dExact = Double(h) / Double(lcm)
            let p: Double
            if h == 0 {
                p = 1
            } else if n1 == n2 {
                p = probabilityOutsideSquareBand(n: n1, h: h)
            } else {
                p = probabilityOutsideBand(m: big, n: small, g: g, h: h)
            }
            return KSTestResult(statistic: dExact, pValue: min(1, max(0, p)), effectiveSize: en, exact: true)
        }
        let p = KolmogorovDistribution.survival(d, n: max(1, Int(en.rounded(.toNearestOrEven))))
        return KSTestResult(statistic: d, pValue: p, effectiveSize: en, exact: false)
    }

    /// The proportion of lattice paths from (0, 0) to (m, n), m >= n, that touch or cross
    /// |x (n/g) - y (m/g)| >= h. P(x, y) (the proportion of paths to (x, y) that have left the
    /// band) is 1 outside it and (x P(x-1, y) + y P(x, y-1)) / (x + y) inside, since a
    /// fraction x/(x+y) of the paths to (x, y) arrive from the left.
    static func probabilityOutsideBand(m: Int, n: Int, g: Int, h: Int) -> Double {
        let mg = m / g, ng = n / g
        // Inside at column x: ng*x - h < mg*y < ng*x + h.
        func lowest(_ x: Int) -> Int {  // smallest y with mg*y > ng*x - h
            let v = ng * x - h
            return v < 0 ? 0 : v / mg + 1
        }
        func highest(_ x: Int) -> Int {  // largest y with mg*y < ng*x + h
            let v = ng * x + h
            return min(n, (v - 1) / mg)
        }
        var column = [Double](repeating: 1, count: n + 1)
        // Column x = 0: inside for y <= highest(0); P(0, 0) = 0 and P(0, y) inherits it.
        for y in 0...highest(0) { column[y] = 0 }
        for x in 1...m {
            let lo = lowest(x), hi = highest(x)
            if lo > n || hi < lo { return 1 }
            let xd = Double(x)
            for y in lo...hi {
                let below = y == lo ? (y == 0 ? 0 : 1) : column[y - 1]
                let yd = Double(y)
                column[y] = (xd * column[y] + yd * below) / (xd + yd)
            }
        }
        return column[n]
    }

    /// Equal sizes n: P(D >= h/n) = 2 sum_{j>=1} (-1)^(j-1) C(2n, n - j h) / C(2n, n) (the
    /// reflection principle), evaluated as 2 a_1 (1 - a_2 (1 - a_3 (...))) with
    /// a_j = C(2n, n - j h) / C(2n, n - (j-1) h) = prod_{i=(j-1)h}^{jh-1} (n - i)/(n + i + 1),
    /// innermost first, so there is no cancellation between large terms. O(n).
    static func probabilityOutsideSquareBand(n: Int, h: Int) -> Double {
        let nd = Double(n)
        var nested = 0.0
        var j = n / h
        while j >= 1 {
            var a = 1.0
            for i in (j - 1) * h..<(j * h) where i <= n {
                a *= (nd - Double(i)) / (nd + Double(i) + 1)
            }
            nested = a * (1 - nested)
            j -= 1
        }
        return 2 * nested
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
