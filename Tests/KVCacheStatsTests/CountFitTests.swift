import Testing
@testable import KVCacheStats

/// Poisson and negative-binomial fits to counts against scipy (MLE computed by the script).
struct CountFitTests {
    @Test(arguments: FitVectors.counts.map(\.name))
    func countFitsAgreeWithScipy(name: String) throws {
        let sample = try #require(FitVectors.counts.first { $0.name == name })
        for reference in sample.fits {
            let family = try #require(FitFamily(rawValue: reference.family))
            let fit = try Fitting.fit(family, toCounts: sample.data)
            #expect(fit.shapes.count == reference.shapes.count)
            for (ours, theirs) in zip(fit.shapes, reference.shapes) {
                #expect(isClose(ours, theirs, relative: 1e-7), "\(name) \(family) \(ours) vs \(theirs)")
            }
            #expect(fit.scale == nil)
            #expect(isClose(fit.loc, 0, relative: 0, absolute: 0))
            #expect(isClose(fit.logLikelihood, reference.logLikelihood, relative: 1e-9),
                    "\(name) \(family) loglik \(fit.logLikelihood) vs \(reference.logLikelihood)")
            // Discrete laws: no KS; chi-square over merged integer bins instead.
            #expect(fit.ks == nil)
            #expect(fit.distribution == nil)
            let chi = try #require(fit.chiSquare)
            #expect(chi.expected.allSatisfy { $0 >= 5 })
            #expect(chi.degreesOfFreedom == chi.bins - 1 - family.parameterCount)
            #expect(isClose(chi.observed.reduce(0, +), Double(sample.data.count), relative: 1e-12))
            #expect(isClose(chi.expected.reduce(0, +), Double(sample.data.count), relative: 1e-9))
        }
    }

    @Test func overdispersedCountsPreferNegativeBinomial() throws {
        let sample = try #require(FitVectors.counts.first { $0.name == "nbinom600" })
        let outcomes = Fitting.fitAll(counts: sample.data)
        #expect(Fitting.best(outcomes)?.family == .negativeBinomial)
        let poisson = try #require(outcomes.first { $0.family == .poisson }?.fit)
        #expect((poisson.chiSquare?.pValue ?? 1) < 1e-6)
        let negbin = try #require(outcomes.first { $0.family == .negativeBinomial }?.fit)
        #expect((negbin.chiSquare?.pValue ?? 0) > 0.001)
    }

    @Test func underdispersedCountsHaveNoNegativeBinomialFit() {
        let counts = [3, 4, 4, 5, 5, 5, 6, 6, 7, 4, 5, 5]
        let outcomes = Fitting.fitAll(counts: counts)
        #expect(outcomes.first { $0.family == .poisson }?.fit != nil)
        guard case .notOverdispersed(.negativeBinomial, _, _)? = outcomes.first(where: { $0.family == .negativeBinomial })?.error else {
            Issue.record("expected notOverdispersed")
            return
        }
    }

    @Test func countsMustBeNonNegativeIntegers() {
        #expect(throws: FitError.outsideSupport(family: .poisson, index: 1, value: 2.5, support: "non-negative integers")) {
            try Fitting.fit(.poisson, to: [1, 2.5, 3])
        }
        #expect(throws: FitError.outsideSupport(family: .negativeBinomial, index: 0, value: -1, support: "non-negative integers")) {
            try Fitting.fit(.negativeBinomial, toCounts: [-1, 2, 3])
        }
    }
}
