import Foundation
import KVCacheAnalysis
import KVCacheStats
import Testing

/// "No family fits at alpha", with the reason (issue 13; MODEL 7.1).
@Suite struct FitVerdictTests {
    static func fits(_ values: [Double], field: LengthFits.Field = .outputLength) -> LengthFits {
        let outcomes = Fitting.fitAll(values)
        return LengthFits(field: field, values: values, outcomes: outcomes, best: Fitting.best(outcomes))
    }

    static func draws(_ law: Distribution, count: Int, seed: UInt64) -> [Double] {
        let random = RandomSource(seed: seed)
        return (0 ..< count).map { _ in law.sample(random).rounded() }.map { max(1, $0) }
    }

    @Test func twoModesWithoutTheMixture_noFamilyFits_andSaysWhy() {
        // Two well separated modes; only single families are fitted.
        let values = Self.draws(.lognormalMixture(weight: 0.5, mu1: 3, sigma1: 0.3, mu2: 7, sigma2: 0.3), count: 4_000, seed: 3)
        let singles = Fitting.fitAll(values, families: [.normal, .lognormal, .gamma, .weibull, .exponential])
        let f = LengthFits(field: .outputLength, values: values, outcomes: singles, best: Fitting.best(singles))
        let v = f.verdict(alpha: 0.01)
        #expect(v.noFamilyFits)
        #expect(v.modes.count == 2)
        #expect(abs(log(v.modes[0]) - 3) < 0.5 && abs(log(v.modes[1]) - 7) < 0.5, "\(v.modes)")
    }

    @Test func theMixtureFitsTwoModes_andBeatsTheSingleFamilies() {
        let values = Self.draws(.lognormalMixture(weight: 0.4, mu1: 4, sigma1: 0.4, mu2: 7, sigma2: 0.4), count: 4_000, seed: 5)
        let f = Self.fits(values)
        #expect(f.best?.family == .lognormalMixture)
        let v = f.verdict(alpha: 0.01)
        #expect((v.mixtureAICMargin ?? 0) > 100)
        #expect(v.modes.count == 2)
    }

    @Test func oneLognormal_isAccepted_andHasOneMode() {
        let values = Self.draws(.lognormal(mu: 6, sigma: 0.7), count: 3_000, seed: 9)
        let v = Self.fits(values).verdict(alpha: 0.01)
        #expect(!v.noFamilyFits)
        #expect(v.accepted.contains(.lognormal))
        #expect(v.modes.isEmpty)
    }

    @Test func countFields_compareTheDiscreteFamilies() {
        let f = LengthFits(field: .blocksPerRequest, values: [1, 2, 3], outcomes: [], best: nil)
        #expect(f.comparedFamilies == FitFamily.discrete)
        #expect(Self.fits([1, 2, 3]).comparedFamilies == FitFamily.continuous)
    }
}
