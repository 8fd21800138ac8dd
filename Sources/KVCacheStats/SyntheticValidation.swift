/// Checks that a synthetic workload follows its configured laws (MODEL 7.2).
public enum SyntheticValidation {
    /// Lengths against the discretized, truncated law (see `DiscretizedLaw` and
    /// `LengthValidation` for the rule). Bins hold at least 5 expected samples each (found on
    /// the law's CDF, so a long tail costs O(log range) per bin). Complexity O(n log n) plus
    /// O(bins log range) CDF evaluations.
    public static func lengths(_ samples: [Int], law: DiscretizedLaw, alpha: Double = 0.01) -> LengthValidation {
        let sorted = samples.sorted()
        let n = sorted.count
        let impossible = sorted.reduce(0) { $0 + (law.probability($1) > 0 ? 0 : 1) }

        // Largest CDF gap: F_n is flat between distinct sample values and G is non-decreasing,
        // so the gap peaks at a sample value k or just before one (k - 1).
        var gap = 0.0
        var gapAt = law.minimum
        var i = 0
        while i < n {
            let k = sorted[i]
            var j = i
            while j < n && sorted[j] == k { j += 1 }
            let before = Double(i) / Double(n), after = Double(j) / Double(n)
            let gBefore = law.cdf(k - 1), gAt = law.cdf(k)
            if abs(before - gBefore) > gap { gap = abs(before - gBefore); gapAt = k - 1 }
            if abs(after - gAt) > gap { gap = abs(after - gAt); gapAt = k }
            i = j
        }

        let possible = sorted.filter { law.probability($0) > 0 }
        var chi: ChiSquareResult? = nil
        if !possible.isEmpty {
            let m = Double(possible.count)
            let bins = law.bins(minimumMass: 5 / m)
            var observed = [Double](repeating: 0, count: bins.count)
            var b = 0
            for k in possible {
                while b < bins.count - 1 && k > bins[b].end { b += 1 }
                observed[b] += 1
            }
            chi = ChiSquareTest.test(observed: observed, expected: bins.map { m * $0.mass },
                                     fittedParameters: 0, binStarts: bins.map(\.start))
        }
        let passed = impossible == 0 && (chi?.passes(alpha: alpha) ?? true)
        return LengthValidation(n: n, alpha: alpha, impossible: impossible, chiSquare: chi,
                                maxCDFGap: gap, maxCDFGapAt: gapAt, passed: passed)
    }

    /// Inter-arrival gaps against exponential(mean), by the one-sample KS test (exact p-value).
    /// The gaps must not be empty and the mean must be positive. O(n log n).
    public static func interArrivals(_ gaps: [Double], mean: Double, alpha: Double = 0.01) -> ArrivalValidation {
        precondition(mean > 0 && mean.isFinite, "the exponential mean must be positive")
        let ks = KolmogorovSmirnov.oneSample(gaps, against: .exponential(mean: mean))
        return ArrivalValidation(mean: mean, alpha: alpha, ks: ks)
    }
}
