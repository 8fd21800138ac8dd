import KVCacheRender
import Testing

/// The progress line (issue 13): percent done and the time left when the phase knows its
/// fraction, the elapsed time only otherwise.
@Suite struct ProgressLineTests {
    @Test func knownFraction_showsPercentAndTimeLeft() {
        // 25% in 10 s: 30 s more at the same pace.
        #expect(Formatting.progressLine(label: "report", phase: "reading input", fraction: 0.25, elapsed: 12, phaseElapsed: 10)
                == "report: reading input 25% (12 s elapsed, about 30 s left)")
        #expect(Formatting.progressLine(label: "mrc", phase: "reading input", fraction: 0.5, elapsed: 200, phaseElapsed: 190)
                == "mrc: reading input 50% (200 s elapsed, about 3 min 10 s left)")
        #expect(Formatting.progressLine(label: "x", phase: "p", fraction: 0.001, elapsed: 1, phaseElapsed: 100)
                .hasSuffix("p 0% (1 s elapsed)"))
    }

    @Test func unknownFraction_showsElapsedOnly() {
        #expect(Formatting.progressLine(label: "report", phase: "computing curves", fraction: nil, elapsed: 7.9, phaseElapsed: 3)
                == "report: computing curves (7 s elapsed)")
    }
}
