import CGSL
import Foundation

/// Pearson's chi-square goodness-of-fit test over merged bins (ALGORITHMS "GSL notes").
///
/// Rule: adjacent bins are merged from left to right until each merged bin's expected count is
/// at least `minimumExpected` (5 by default); a remainder short of it is merged into the last
/// bin. X^2 = sum (O - E)^2 / E over the merged bins, df = bins - 1 - fitted parameters, and
/// p = `gsl_cdf_chisq_Q(X^2, df)`. Complexity O(bins).
public enum ChiSquareTest {
    /// Merges bins as described above. `starts` (optional, one per bin) gives each bin's first
    /// value; the merged bins keep the first start of each group.
    public static func merge(observed: [Double], expected: [Double], starts: [Int] = [],
                             minimumExpected: Double = 5) -> (observed: [Double], expected: [Double], starts: [Int]) {
        precondition(observed.count == expected.count, "one expected count per observed count")
        precondition(starts.isEmpty || starts.count == observed.count, "one start per bin")
        var mo: [Double] = [], me: [Double] = [], ms: [Int] = []
        var o = 0.0, e = 0.0
        var start: Int? = nil
        for i in observed.indices {
            if start == nil, !starts.isEmpty { start = starts[i] }
            o += observed[i]
            e += expected[i]
            if e >= minimumExpected {
                mo.append(o)
                me.append(e)
                if let s = start { ms.append(s) }
                o = 0
                e = 0
                start = nil
            }
        }
        if e > 0 || o > 0 {
            if me.isEmpty {
                mo.append(o)
                me.append(e)
                if let s = start { ms.append(s) }
            } else {
                mo[mo.count - 1] += o
                me[me.count - 1] += e
            }
        }
        return (mo, me, ms)
    }

    /// The test on already-binned counts. Returns nil when fewer than one degree of freedom
    /// remains after merging (too little data for the test).
    public static func test(observed: [Double], expected: [Double], fittedParameters: Int,
                            minimumExpected: Double = 5, binStarts: [Int] = []) -> ChiSquareResult? {
        GSL.configure()
        let merged = merge(observed: observed, expected: expected, starts: binStarts,
                           minimumExpected: minimumExpected)
        let df = merged.observed.count - 1 - fittedParameters
        guard df >= 1 else { return nil }
        var x2 = 0.0
        for (o, e) in zip(merged.observed, merged.expected) {
            if e > 0 {
                x2 += (o - e) * (o - e) / e
            } else if o > 0 {
                x2 = .infinity  // an observation where the law puts no mass
            }
        }
        let p = x2.isFinite ? gsl_cdf_chisq_Q(x2, Double(df)) : 0
        return ChiSquareResult(statistic: x2, degreesOfFreedom: df, pValue: p,
                               observed: merged.observed, expected: merged.expected,
                               binStarts: merged.starts)
    }

    /// The test of continuous data against a law with `fittedParameters` parameters estimated
    /// from it, over k equiprobable bins (bin j holds the x with F(x) in [j/k, (j+1)/k)), with
    /// k = min(floor(n / 5), max(fitted + 3, ceil(2 n^(2/5)))) (Moore's rule, every expected
    /// count n/k >= 5). Complexity O(n). Returns nil when n is too small for df >= 1.
    public static func test(_ data: [Double], against law: Distribution,
                            fittedParameters: Int) -> ChiSquareResult? {
        let n = data.count
        let moore = Int((2 * pow(Double(n), 0.4)).rounded(.up))
        let k = min(n / 5, max(fittedParameters + 3, moore))
        guard k >= fittedParameters + 2 else { return nil }
        var observed = [Double](repeating: 0, count: k)
        for x in data {
            let u = law.cdf(x)
            let j = u.isFinite ? min(k - 1, max(0, Int(u * Double(k)))) : (u > 0 ? k - 1 : 0)
            observed[j] += 1
        }
        let expected = [Double](repeating: Double(n) / Double(k), count: k)
        return test(observed: observed, expected: expected, fittedParameters: fittedParameters)
    }
}
