import Testing
@testable import KVCacheStats

/// KS statistics and p-values against scipy.stats (`kstwo.sf`, `kstest`, `ks_2samp`).
struct KolmogorovSmirnovTests {
    // MODEL 7.1: KS p-values as scipy's kstest computes them (method 'auto' = exact
    // kstwo.sf for every n); 1e-3 for n >= 100, and in fact much closer on this grid, which
    // crosses every branch (Ruben-Gambino ends, Durbin matrix, Pelz-Good, 2 x Smirnov).
    @Test func survivalMatchesScipyKstwo() {
        for r in FitVectors.kolmogorov {
            let p = KolmogorovDistribution.survival(r.d, n: r.n)
            #expect(isClose(p, r.sf, relative: 0, absolute: 1e-3), "n=\(r.n) d=\(r.d): \(p) vs \(r.sf)")
            #expect(isClose(p, r.sf, relative: 1e-4, absolute: 1e-9), "n=\(r.n) d=\(r.d): \(p) vs \(r.sf)")
        }
    }

    @Test func survivalEdgesAndMonotonicity() {
        #expect(KolmogorovDistribution.survival(0, n: 50) == 1)
        #expect(KolmogorovDistribution.survival(1, n: 50) == 0)
        #expect(KolmogorovDistribution.survival(0.5 / 50, n: 50) == 1)
        var last = 1.0
        for i in 1..<100 {
            let p = KolmogorovDistribution.survival(Double(i) / 200, n: 300)
            #expect(p <= last + 1e-12, "survival must not increase with d")
            last = p
        }
    }

    // MODEL 7.1: kstest against the generating law (statistic and p-value).
    @Test(arguments: FitVectors.samples.map(\.name))
    func oneSampleAgainstTrueLaw(name: String) throws {
        let sample = try #require(FitVectors.samples.first { $0.name == name })
        let params = sample.trueParameters
        let law: Distribution
        switch sample.trueLaw {
        case "lognormal": law = .lognormal(mu: params[0], sigma: params[1])
        case "gamma": law = .gamma(shape: params[0], scale: params[1])
        case "weibull": law = .weibull(shape: params[0], scale: params[1])
        case "normal": law = .normal(mean: params[0], sd: params[1])
        case "exponential": law = .exponential(mean: params[0])
        default:
            Issue.record("unknown law \(sample.trueLaw)")
            return
        }
        let ks = KolmogorovSmirnov.oneSample(sample.data, against: law)
        #expect(isClose(ks.statistic, sample.trueKSD ?? .nan, relative: 1e-6), "\(name) D")
        #expect(isClose(ks.pValue, sample.trueKSP ?? .nan, relative: 0, absolute: 1e-3), "\(name) p")
        #expect(isClose(ks.pValue, sample.trueKSP ?? .nan, relative: 1e-4, absolute: 1e-9), "\(name) p")
    }

    // ks_2samp, method 'auto': exact (equal and unequal sizes) up to 10,000 points,
    // kstwo.sf(D, round(mn/(m+n))) above.
    @Test(arguments: FitVectors.twoSample.map(\.name))
    func twoSampleMatchesScipy(name: String) throws {
        let r = try #require(FitVectors.twoSample.first { $0.name == name })
        let ks = KolmogorovSmirnov.twoSample(r.a, r.b)
        #expect(isClose(ks.statistic, r.d, relative: 1e-12), "\(name) D \(ks.statistic) vs \(r.d)")
        #expect(isClose(ks.pValue, r.p, relative: 0, absolute: 1e-3), "\(name) p \(ks.pValue) vs \(r.p)")
        #expect(isClose(ks.pValue, r.p, relative: 1e-6, absolute: 1e-12), "\(name) p \(ks.pValue) vs \(r.p)")
        #expect(ks.exact == (max(r.a.count, r.b.count) <= 10_000))
        let swapped = KolmogorovSmirnov.twoSample(r.b, r.a)
        #expect(isClose(swapped.pValue, ks.pValue, relative: 1e-12, absolute: 1e-15))
    }

    // Small exact cases by enumeration: for m = n = 3 there are C(6,3) = 20 paths; D = 1 when
    // the samples do not interleave (2 of 20 paths), so p = 0.1.
    @Test func twoSampleSmallExactCases() {
        let separated = KolmogorovSmirnov.twoSample([1, 2, 3], [4, 5, 6])
        #expect(isClose(separated.statistic, 1, relative: 1e-15))
        #expect(isClose(separated.pValue, 0.1, relative: 1e-12))
        let same = KolmogorovSmirnov.twoSample([1, 2, 3], [1, 2, 3])
        #expect(same.statistic < 1e-15)
        #expect(isClose(same.pValue, 1, relative: 1e-15))
    }

    // Equal sizes: the reflection formula and the general lattice recursion agree.
    @Test func equalSizeFormulaMatchesLatticeRecursion() {
        for (n, h) in [(5, 2), (30, 7), (300, 25), (1000, 40), (1000, 1), (50, 50)] {
            let closed = KolmogorovSmirnov.probabilityOutsideSquareBand(n: n, h: h)
            let lattice = KolmogorovSmirnov.probabilityOutsideBand(m: n, n: n, g: n, h: h)
            #expect(isClose(closed, lattice, relative: 1e-10, absolute: 1e-15), "n=\(n) h=\(h): \(closed) vs \(lattice)")
        }
    }

    // One point: D = max(1 - F(x), F(x)), and P(D_1 >= d) = 2(1 - d) for d in [1/2, 1].
    @Test func oneSampleSinglePoint() {
        let ks = KolmogorovSmirnov.oneSample([0.3]) { $0 }
        #expect(isClose(ks.statistic, 0.7, relative: 1e-15))
        #expect(isClose(ks.pValue, 0.6, relative: 1e-12))
    }

    // Under the null the p-value is uniform: about 1% of seeds reject at alpha 0.01.
    @Test func oneSampleRejectsAtAboutAlphaUnderTheNull() {
        var rejections = 0
        let law = Distribution.gamma(shape: 2, scale: 3)
        for seed in 1...200 {
            let random = RandomSource(seed: UInt64(seed))
            let x = (0..<300).map { _ in law.sample(random) }
            if !KolmogorovSmirnov.oneSample(x, against: law).passes(alpha: 0.05) { rejections += 1 }
        }
        #expect(rejections >= 2 && rejections <= 22, "rejected \(rejections) of 200 at alpha 0.05")
    }
}
