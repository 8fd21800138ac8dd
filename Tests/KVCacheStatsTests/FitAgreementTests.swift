import Testing
import Foundation
@testable import KVCacheStats

/// GSL fits against scipy.stats on committed samples (FitVectors.swift, from
/// scripts/make_fit_vectors.py).
struct FitAgreementTests {
    static let sampleNames = FitVectors.samples.map(\.name)

    static func sample(_ name: String) -> ReferenceSample? {
        FitVectors.samples.first { $0.name == name }
    }

    // MODEL 7.1: parameters agree with scipy's fit (floc=0 for positive laws) to 1e-4
    // relative; log-likelihoods and KS statistics likewise; KS p-values to 1e-3 for n >= 100.
    @Test(arguments: sampleNames)
    func fitsAgreeWithScipy(name: String) throws {
        let sample = try #require(Self.sample(name))
        for reference in sample.fits {
            let family = try #require(FitFamily(rawValue: reference.family))
            let fit = try Fitting.fit(family, to: sample.data)
            #expect(fit.n == sample.data.count)
            #expect(fit.shapes.count == reference.shapes.count, "\(name) \(family)")
            for (ours, theirs) in zip(fit.shapes, reference.shapes) {
                #expect(isClose(ours, theirs, relative: 1e-4), "\(name) \(family) shape \(ours) vs \(theirs)")
                // The exact MLE: much tighter than the required 1e-4.
                #expect(isClose(ours, theirs, relative: 1e-7), "\(name) \(family) shape \(ours) vs \(theirs)")
            }
            #expect(isClose(fit.loc, reference.loc, relative: 1e-4, absolute: 1e-12), "\(name) \(family) loc")
            if let theirs = reference.scale {
                let ours = try #require(fit.scale)
                #expect(isClose(ours, theirs, relative: 1e-7), "\(name) \(family) scale \(ours) vs \(theirs)")
            }
            if let scipyDefault = reference.scipyDefault {
                // scipy's default-tolerance Weibull fit (Nelder-Mead) is itself only ~1e-5 close.
                #expect(isClose(fit.shapes[0], scipyDefault[0], relative: 1e-4), "\(name) scipy default c")
                #expect(isClose(fit.scale ?? .nan, scipyDefault[1], relative: 1e-4), "\(name) scipy default scale")
            }
            #expect(isClose(fit.logLikelihood, reference.logLikelihood, relative: 1e-9),
                    "\(name) \(family) loglik \(fit.logLikelihood) vs \(reference.logLikelihood)")
            let ks = try #require(fit.ks)
            #expect(isClose(ks.statistic, reference.ksD ?? .nan, relative: 1e-6), "\(name) \(family) KS D")
            #expect(isClose(ks.pValue, reference.ksP ?? .nan, relative: 0, absolute: 1e-3),
                    "\(name) \(family) KS p \(ks.pValue) vs \(reference.ksP ?? .nan)")
            #expect(isClose(ks.pValue, reference.ksP ?? .nan, relative: 1e-4, absolute: 1e-6),
                    "\(name) \(family) KS p \(ks.pValue) vs \(reference.ksP ?? .nan)")
        }
    }

    // MODEL 7.1: AIC = 2k - 2 ln L, BIC = k ln n - 2 ln L, best family by AIC.
    @Test(arguments: sampleNames)
    func criteriaAndBestFamily(name: String) throws {
        let sample = try #require(Self.sample(name))
        let outcomes = Fitting.fitAll(sample.data)
        let fits = outcomes.compactMap(\.fit)
        // scipy has no two-lognormal mixture: the vectors cover the single families.
        #expect(fits.filter { $0.family != .lognormalMixture }.count == sample.fits.count)
        for fit in fits {
            let k = Double(fit.family.parameterCount)
            #expect(isClose(fit.aic, 2 * k - 2 * fit.logLikelihood, relative: 1e-12))
            #expect(isClose(fit.bic, k * log(Double(fit.n)) - 2 * fit.logLikelihood, relative: 1e-12))
        }
        let best = try #require(Fitting.best(outcomes))
        let expected = try #require(sample.fits.min { $0.logLikelihood * -2 + 2 * Double(paramCount($0.family))
            < $1.logLikelihood * -2 + 2 * Double(paramCount($1.family)) })
        #expect(best.family.rawValue == expected.family)
    }

    private func paramCount(_ family: String) -> Int { FitFamily(rawValue: family)?.parameterCount ?? 0 }

    // The generating family wins by AIC on the large, well-separated samples.
    @Test func generatingFamilyIsBestOnLargeSamples() throws {
        for (name, family) in [("lognormal1000", FitFamily.lognormal), ("lognormal2000", .lognormal),
                               ("gamma800", .gamma)] {
            let sample = try #require(Self.sample(name))
            #expect(Fitting.best(Fitting.fitAll(sample.data))?.family == family, "\(name)")
        }
    }

    // MODEL 9.4 parameterisation, and the round trip into a Distribution.
    @Test func fittedFamiliesConvertToDistributions() throws {
        let sample = try #require(Self.sample("lognormal1000"))
        let lognormal = try Fitting.fit(.lognormal, to: sample.data)
        guard case .lognormal(let mu, let sigma)? = lognormal.distribution else {
            Issue.record("lognormal fit did not convert")
            return
        }
        #expect(isClose(sigma, lognormal.shape ?? .nan, relative: 1e-15))
        #expect(isClose(exp(mu), lognormal.scale ?? .nan, relative: 1e-12))
        let normal = try Fitting.fit(.normal, to: sample.data)
        #expect(normal.distribution == .normal(mean: normal.loc, sd: normal.scale ?? .nan))
        let exponential = try Fitting.fit(.exponential, to: sample.data)
        #expect(exponential.distribution == .exponential(mean: exponential.scale ?? .nan))
        #expect(exponential.shape == nil)
        let gamma = try Fitting.fit(.gamma, to: sample.data)
        #expect(gamma.distribution == .gamma(shape: gamma.shapes[0], scale: gamma.scale ?? .nan))
        let weibull = try Fitting.fit(.weibull, to: sample.data)
        #expect(weibull.distribution == .weibull(shape: weibull.shapes[0], scale: weibull.scale ?? .nan))
        // The fitted law's mean equals the sample mean for the laws whose MLE matches it.
        let sampleMean = sample.data.reduce(0, +) / Double(sample.data.count)
        #expect(isClose(gamma.distribution?.mean ?? .nan, sampleMean, relative: 1e-12))
        #expect(isClose(exponential.distribution?.mean ?? .nan, sampleMean, relative: 1e-12))
    }

    // MODEL 7.1: a chi-square test over merged bins comes with every fit of a decent sample.
    @Test func chiSquareAccompaniesFits() throws {
        let sample = try #require(Self.sample("gamma800"))
        for outcome in Fitting.fitAll(sample.data) {
            let fit = try #require(outcome.fit)
            let chi = try #require(fit.chiSquare)
            #expect(chi.degreesOfFreedom == chi.bins - 1 - fit.family.parameterCount)
            #expect(chi.expected.allSatisfy { $0 >= 5 })
            #expect(isClose(chi.observed.reduce(0, +), Double(fit.n), relative: 1e-12))
        }
        let gamma = try Fitting.fit(.gamma, to: sample.data)
        #expect((gamma.chiSquare?.pValue ?? 0) > 0.001)
        let normal = try Fitting.fit(.normal, to: sample.data)
        #expect((normal.chiSquare?.pValue ?? 1) < 1e-6)
    }
}
