import Testing
@testable import KVCacheStats

/// Validation of synthetic lengths against the discretized, truncated law (MODEL 7.2) and
/// of inter-arrival gaps against the exponential.
struct SyntheticValidationTests {
    /// MODEL 7.2's generator: draw, round to nearest, redraw while outside [min, max].
    static func correctLength(_ law: Distribution, min: Int, max: Int?, _ random: RandomSource) -> Int {
        while true {
            let x = law.sample(random).rounded()
            if x >= Double(min) && x <= Double(max ?? Int.max) { return Int(x) }
        }
    }

    /// Wrong: clamps into [min, max] instead of redrawing.
    static func clampedLength(_ law: Distribution, min: Int, max: Int, _ random: RandomSource) -> Int {
        let x = law.sample(random).rounded()
        return Int(Swift.min(Swift.max(x, Double(min)), Double(max)))
    }

    /// Wrong: truncates (floor) instead of rounding.
    static func flooredLength(_ law: Distribution, min: Int, max: Int?, _ random: RandomSource) -> Int {
        while true {
            let x = law.sample(random).rounded(.down)
            if x >= Double(min) && x <= Double(max ?? Int.max) { return Int(x) }
        }
    }

    // MODEL 7.2: P(k) = (F(k+0.5) - F(k-0.5)) / (F(max+0.5) - F(min-0.5)).
    @Test func probabilityMassFollowsTheRule() throws {
        let law = Distribution.lognormal(mu: 4, sigma: 1)
        let d = try DiscretizedLaw(law, minimum: 20, maximum: 200)
        let z = law.cdf(200.5) - law.cdf(19.5)
        #expect(isClose(d.probability(57), (law.cdf(57.5) - law.cdf(56.5)) / z, relative: 1e-12))
        #expect(d.probability(19) == 0 && d.probability(201) == 0)
        let total = (20...200).reduce(0.0) { $0 + d.probability($1) }
        #expect(isClose(total, 1, relative: 1e-12))
        #expect(isClose(d.cdf(200), 1, relative: 1e-15))
        #expect(d.cdf(19) == 0)
        var running = 0.0
        for k in 20...200 {
            running += d.probability(k)
            #expect(isClose(d.cdf(k), running, relative: 1e-9, absolute: 1e-12))
        }
        // Unbounded above (the default maximum), minimum 1 by default.
        let open = try DiscretizedLaw(.exponential(mean: 10))
        #expect(open.minimum == 1 && open.maximum == nil)
        #expect(isClose(open.probability(1), (law0(10).cdf(1.5) - law0(10).cdf(0.5)) / (1 - law0(10).cdf(0.5)), relative: 1e-12))
        #expect(isClose(open.mean ?? .nan, expectedMean(open), relative: 1e-9))
    }

    private func law0(_ mean: Double) -> Distribution { .exponential(mean: mean) }
    private func expectedMean(_ d: DiscretizedLaw) -> Double {
        (1...2000).reduce(0.0) { $0 + Double($1) * d.probability($1) }
    }

    // MODEL 7.2: a fixed law is a point mass at its rounded value.
    @Test func fixedLawIsAPointMass() throws {
        let d = try DiscretizedLaw(.fixed(value: 127.6), minimum: 1, maximum: 4096)
        #expect(d.probability(128) == 1)
        #expect(d.probability(127) == 0)
        #expect(d.cdf(127) == 0 && d.cdf(128) == 1)
        let good = SyntheticValidation.lengths([Int](repeating: 128, count: 50), law: d)
        #expect(good.passed)
        #expect(good.chiSquare == nil)
        let bad = SyntheticValidation.lengths([128, 128, 129], law: d)
        #expect(!bad.passed)
        #expect(bad.impossible == 1)
    }

    @Test func impossibleLawsAreErrors() {
        #expect(throws: GSLError.self) { try DiscretizedLaw(.fixed(value: 0.2), minimum: 1) }
        #expect(throws: GSLError.self) { try DiscretizedLaw(.normal(mean: 10, sd: 1), minimum: 50, maximum: 40) }
        #expect(throws: GSLError.self) { try DiscretizedLaw(.uniform(min: 1, max: 5), minimum: 100, maximum: 200) }
        #expect(throws: GSLError.self) { try DiscretizedLaw(.gamma(shape: -1, scale: 2)) }
    }

    // MODEL 7.2: the correct generator passes at about the stated rate over many seeds.
    @Test(arguments: [
        (Distribution.lognormal(mu: 4, sigma: 1), 20, Optional(200)),
        (Distribution.gamma(shape: 3, scale: 2), 1, nil),
        (Distribution.normal(mean: 30, sd: 12), 1, Optional(50)),
    ])
    func correctGeneratorPasses(law: Distribution, minimum: Int, maximum: Int?) throws {
        let d = try DiscretizedLaw(law, minimum: minimum, maximum: maximum)
        var passes = 0
        var worstGap = 0.0
        for seed in 1...100 {
            let random = RandomSource(seed: UInt64(seed))
            let lengths = (0..<2000).map { _ in Self.correctLength(law, min: minimum, max: maximum, random) }
            let v = SyntheticValidation.lengths(lengths, law: d, alpha: 0.01)
            #expect(v.impossible == 0)
            #expect(v.chiSquare?.degreesOfFreedom == (v.chiSquare?.bins ?? 0) - 1)
            if v.passed { passes += 1 }
            worstGap = max(worstGap, v.maxCDFGap)
        }
        #expect(passes >= 95, "\(law): \(passes) of 100 seeds passed at alpha 0.01")
        #expect(worstGap < 0.05, "\(law): largest CDF gap \(worstGap)")
    }

    // A generator that clamps instead of redrawing piles mass on the bounds: it fails.
    @Test func clampingGeneratorFails() throws {
        let law = Distribution.lognormal(mu: 4, sigma: 1)
        let d = try DiscretizedLaw(law, minimum: 20, maximum: 200)
        var failures = 0
        for seed in 1...20 {
            let random = RandomSource(seed: UInt64(seed))
            let lengths = (0..<2000).map { _ in Self.clampedLength(law, min: 20, max: 200, random) }
            let v = SyntheticValidation.lengths(lengths, law: d, alpha: 0.01)
            #expect(v.impossible == 0)
            #expect(v.maxCDFGap > 0.05)
            if !v.passed { failures += 1 }
        }
        #expect(failures >= 19, "clamping generator failed only \(failures) of 20 seeds")
    }

    // A generator that floors instead of rounding is shifted by half a unit: it fails.
    @Test func flooringGeneratorFails() throws {
        let law = Distribution.gamma(shape: 3, scale: 2)
        let d = try DiscretizedLaw(law, minimum: 1, maximum: 30)
        var failures = 0
        for seed in 1...20 {
            let random = RandomSource(seed: UInt64(seed))
            let lengths = (0..<2000).map { _ in Self.flooredLength(law, min: 1, max: 30, random) }
            if !SyntheticValidation.lengths(lengths, law: d, alpha: 0.01).passed { failures += 1 }
        }
        #expect(failures >= 19, "flooring generator failed only \(failures) of 20 seeds")
    }

    // Lengths outside [min, max] can never come from the law: an automatic failure.
    @Test func outOfRangeSamplesFail() throws {
        let d = try DiscretizedLaw(.gamma(shape: 3, scale: 2), minimum: 1, maximum: 30)
        let random = RandomSource(seed: 7)
        var lengths = (0..<500).map { _ in Self.correctLength(.gamma(shape: 3, scale: 2), min: 1, max: 30, random) }
        lengths.append(0)
        let v = SyntheticValidation.lengths(lengths, law: d)
        #expect(v.impossible == 1)
        #expect(!v.passed)
        #expect(v.summary.hasPrefix("fail"))
    }

    // The largest CDF gap is exact on a hand-computed case: law uniform on {1, 2} (P = 1/2
    // each), samples all 1: F_n(1) = 1 vs G(1) = 1/2.
    @Test func cdfGapOnAHandCase() throws {
        let d = try DiscretizedLaw(.uniform(min: 0.5, max: 2.5), minimum: 1, maximum: 2)
        #expect(isClose(d.probability(1), 0.5, relative: 1e-12))
        let v = SyntheticValidation.lengths([1, 1, 1, 1], law: d)
        #expect(isClose(v.maxCDFGap, 0.5, relative: 1e-12))
        #expect(v.maxCDFGapAt == 1)
    }

    // Exponential inter-arrival gaps: right mean passes at about the stated rate, a burstier
    // process with the same mean fails.
    @Test func interArrivalGaps() {
        var passes = 0, bursty = 0
        for seed in 1...100 {
            let random = RandomSource(seed: UInt64(seed))
            let gaps = (0..<1000).map { _ in random.exponential(mean: 40) }
            if SyntheticValidation.interArrivals(gaps, mean: 40, alpha: 0.01).passed { passes += 1 }
            let burstyGaps = (0..<1000).map { _ in random.gamma(shape: 0.5, scale: 80) }
            if !SyntheticValidation.interArrivals(burstyGaps, mean: 40, alpha: 0.01).passed { bursty += 1 }
        }
        #expect(passes >= 95, "\(passes) of 100 exponential gap samples passed")
        #expect(bursty >= 99, "only \(bursty) of 100 bursty gap samples failed")
    }
}
