import Testing
@testable import KVCacheStats

/// A family that cannot be fitted throws a clear error naming it; the others still report.
struct FitFailureTests {
    @Test func tooFewPoints() {
        for family in FitFamily.allCases {
            #expect(throws: FitError.tooFewPoints(family: family, count: 1, minimum: family.minimumCount)) {
                try Fitting.fit(family, to: [3])
            }
        }
        let outcomes = Fitting.fitAll([])
        #expect(outcomes.count == FitFamily.continuous.count)
        #expect(outcomes.allSatisfy { $0.error == .tooFewPoints(family: $0.family, count: 0, minimum: $0.family.minimumCount) })
        #expect(Fitting.best(outcomes) == nil)
    }

    @Test func zeroVarianceFailsEveryFamily() {
        let constant = [Double](repeating: 42, count: 10)
        for outcome in Fitting.fitAll(constant) where outcome.family != .exponential {
            #expect(outcome.error == .zeroVariance(family: outcome.family), "\(outcome.family)")
        }
        // The exponential has a single parameter, the mean, which a constant sample still gives.
        #expect(Fitting.fitAll(constant).first { $0.family == .exponential }?.fit != nil)
        #expect(throws: FitError.zeroVariance(family: .poisson)) { try Fitting.fit(.poisson, toCounts: [0, 0, 0]) }
    }

    @Test func nonPositiveValueFailsOnlyThePositiveLaws() throws {
        let data: [Double] = [12, 15, 0, 18, 21, 9, 14, 30, 11, 17]
        let outcomes = Fitting.fitAll(data)
        for family in [FitFamily.lognormal, .gamma, .weibull] {
            let error = try #require(outcomes.first { $0.family == family }?.error)
            #expect(error == .outsideSupport(family: family, index: 2, value: 0, support: "x > 0"))
            #expect(error.description.contains("\(family)"))
            #expect(error.description.contains("index 2"))
        }
        #expect(outcomes.first { $0.family == .normal }?.fit != nil)
        #expect(outcomes.first { $0.family == .exponential }?.fit != nil)  // 0 is in its support
        #expect(Fitting.best(outcomes) != nil)

        let negative = Fitting.fitAll([5, -1, 7, 9])
        #expect(negative.first { $0.family == .exponential }?.error
                == .outsideSupport(family: .exponential, index: 1, value: -1, support: "x >= 0"))
        #expect(negative.first { $0.family == .normal }?.fit != nil)
    }

    @Test func nonFiniteValues() {
        #expect(throws: FitError.nonFiniteValue(family: .normal, index: 1, value: .infinity)) {
            try Fitting.fit(.normal, to: [1, .infinity, 3])
        }
        let outcomes = Fitting.fitAll([1, .nan, 3, 4, 5, 6, 7, 8, 9, 10])
        #expect(outcomes.allSatisfy { if case .nonFiniteValue? = $0.error { true } else { false } })
    }

    // Small samples still fit; the tests that need more data are left out rather than faked.
    @Test func smallSampleFitsWithoutChiSquare() throws {
        let fit = try Fitting.fit(.gamma, to: [1.5, 2.5, 4.0, 0.7])
        #expect(fit.chiSquare == nil)
        #expect(fit.ks != nil)
        #expect(fit.logLikelihood.isFinite)
    }
}
