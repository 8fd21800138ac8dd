import Foundation
import Testing
@testable import KVCacheStats

/// The two-lognormal mixture family (issue 13; MODEL 7.1): EM recovers known parameters, its
/// goodness of fit does not reject the true law, and AIC prefers it only when there are two modes.
@Suite struct LognormalMixtureTests {
    static func draws(_ law: Distribution, count: Int, seed: UInt64) -> [Double] {
        let random = RandomSource(seed: seed)
        return (0 ..< count).map { _ in law.sample(random) }
    }

    static let truth = Distribution.lognormalMixture(weight: 0.3, mu1: 4, sigma1: 0.5, mu2: 7, sigma2: 0.6)

    @Test func em_recoversTheParametersOfASyntheticMixture() throws {
        let data = Self.draws(Self.truth, count: 20_000, seed: 7)
        let fit = try Fitting.fit(.lognormalMixture, to: data)
        let p = fit.shapes
        #expect(p.count == 5)
        #expect(abs(p[0] - 0.3) < 0.02, "weight \(p[0])")
        #expect(abs(p[1] - 4) < 0.05, "mu1 \(p[1])")
        #expect(abs(p[2] - 0.5) < 0.03, "sigma1 \(p[2])")
        #expect(abs(p[3] - 7) < 0.05, "mu2 \(p[3])")
        #expect(abs(p[4] - 0.6) < 0.03, "sigma2 \(p[4])")
        // The likelihood is the density's at the fitted parameters.
        let law = try #require(fit.distribution)
        let direct = data.reduce(0) { $0 + law.logDensity($1) }
        #expect(abs(direct - fit.logLikelihood) < 1e-6 * abs(direct))
        // Its goodness-of-fit tests do not reject the true model.
        #expect((fit.ks?.pValue ?? 0) > 0.01)
        #expect((fit.chiSquare?.pValue ?? 0) > 0.001)
        #expect(fit.family.parameterCount == 5)
    }

    @Test func aic_prefersTheMixtureOnTwoModesOnly() throws {
        let two = Fitting.fitAll(Self.draws(Self.truth, count: 5_000, seed: 11))
        #expect(Fitting.best(two)?.family == .lognormalMixture)
        let single = Fitting.fitAll(Self.draws(.lognormal(mu: 6, sigma: 0.8), count: 5_000, seed: 12))
        let singleAIC = try #require(single.first { $0.family == .lognormal }?.fit?.aic)
        let mixtureAIC = try #require(single.first { $0.family == .lognormalMixture }?.fit?.aic)
        // Two components cannot gain much on one lognormal: at most a few AIC units.
        #expect(mixtureAIC > singleAIC - 10)
    }

    @Test func distribution_cdfDensityAndMeanAgree() {
        let law = Self.truth
        #expect(abs(law.cdf(exp(4.0)) - (0.3 * 0.5 + 0.7 * gslLognormalCDF(exp(4.0), 7, 0.6))) < 1e-12)
        // The density integrates to the CDF (trapezoids on a fine grid).
        var x = 1.0, integral = 0.0
        while x < 500 {
            let h = 0.01
            integral += h * (exp(law.logDensity(x)) + exp(law.logDensity(x + h))) / 2
            x += h
        }
        #expect(abs(integral - (law.cdf(500) - law.cdf(1))) < 1e-4)
        #expect(abs(law.mean - (0.3 * exp(4 + 0.125) + 0.7 * exp(7 + 0.18))) < 1e-9)
        #expect(law.invalidParameterMessage == nil)
        #expect(Distribution.lognormalMixture(weight: 1, mu1: 0, sigma1: 1, mu2: 0, sigma2: 1).invalidParameterMessage != nil)
    }

    /// P(X <= x) of a lognormal, written out (erfc), to check the mixture's CDF independently of GSL.
    func gslLognormalCDF(_ x: Double, _ mu: Double, _ sigma: Double) -> Double {
        0.5 * erfc(-(log(x) - mu) / (sigma * 2.0.squareRoot()))
    }
}
