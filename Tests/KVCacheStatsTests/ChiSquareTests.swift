import Testing
import Foundation
@testable import KVCacheStats

struct ChiSquareTests {
    // ALGORITHMS "GSL notes": merge until every expected count is >= 5; a short remainder
    // joins the last bin.
    @Test func mergesLeftToRightAndFoldsTheRemainder() {
        let merged = ChiSquareTest.merge(observed: [1, 2, 3, 4, 5, 6], expected: [2, 2, 2, 6, 1, 1],
                                         starts: [0, 1, 2, 3, 4, 5])
        #expect(merged.observed == [6, 15])
        #expect(merged.expected == [6, 8])
        #expect(merged.starts == [0, 3])
    }

    // X^2 and p by hand: observed [10, 20, 30] vs expected [20, 20, 20]: X^2 = 10, df = 2,
    // p = exp(-5).
    @Test func statisticAndPValue() throws {
        let r = try #require(ChiSquareTest.test(observed: [10, 20, 30], expected: [20, 20, 20], fittedParameters: 0))
        #expect(isClose(r.statistic, 10, relative: 1e-15))
        #expect(r.degreesOfFreedom == 2)
        #expect(isClose(r.pValue, exp(-5), relative: 1e-12))
        #expect(ChiSquareTest.test(observed: [10, 20], expected: [15, 15], fittedParameters: 1) == nil)
    }
}
