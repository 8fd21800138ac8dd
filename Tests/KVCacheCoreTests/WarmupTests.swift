import Testing
import KVCacheCore
import KVCacheInput
import KVCacheTestSupport

/// MODEL 3.6: the warm-up's forms, where counting starts, and its config keys.
@Suite struct WarmupTests {
    @Test func formsParseAndPrintBack() throws {
        #expect(try Warmup.parse("0.5") == .fraction(0.5))
        #expect(try Warmup.parse("6000r") == .requests(6000))
        #expect(try Warmup.parse("600s") == .milliseconds(600_000))
        #expect(try Warmup.parse("250ms") == .milliseconds(250))
        #expect(try Warmup.parse("0") == .none)
        for text in ["0.5", "6000r", "600s", "250ms", "0"] {
            #expect(try Warmup.parse(try Warmup.parse(text).description) == Warmup.parse(text))
        }
        for bad in ["1", "1.5", "-1r", "x", "5q", "-2s"] {
            #expect(throws: WarmupError.self) { try Warmup.parse(bad) }
        }
    }

    @Test func whereCountingStarts() throws {
        let odd = TraceFixture.make(Array(repeating: [0], count: 7), timestamps: [0, 10, 20, 30, 40, 50, 60])
        #expect(try Warmup.fraction(0.5).firstMeasuredRequest(in: odd) == 3)  // floor(7 / 2): the last 4 counted
        #expect(try Warmup.requests(100).firstMeasuredRequest(in: odd) == 7)
        #expect(try Warmup.milliseconds(25).firstMeasuredRequest(in: odd) == 3)  // the first at or after 0 + 25 ms
        #expect(throws: WarmupError.self) { try Warmup.milliseconds(1).firstMeasuredRequest(in: TraceFixture.make([[0]])) }
        var t = odd
        try t.measure(after: .fraction(0.5))
        #expect(t.measuredRequestCount == 4 && t.measuredAccessCount == 4)
    }

    @Test func configKeys() throws {
        #expect(try SimulationConfig.parse(yaml: "measurement: {warmup_fraction: 0.5}").warmup == .fraction(0.5))
        #expect(try SimulationConfig.parse(yaml: "measurement: {warmup: 600s}").warmup == .milliseconds(600_000))
        #expect(try SimulationConfig.parse(yaml: "measurement: {warmup_requests: 10}").warmup == .requests(10))
        let typo = inputError { _ = try SimulationConfig.parse(yaml: "measurement: {warmup_fractoin: 0.5}") }
        #expect(typo?.description.contains("warmup_fraction") == true)
        let two = inputError { _ = try SimulationConfig.parse(yaml: "measurement: {warmup_fraction: 0.5, warmup_requests: 3}") }
        #expect(two?.description.contains("one warm-up") == true)
        var c = SimulationConfig()
        c.warmup = .fraction(0.25)
        #expect(try SimulationConfig.parse(yaml: c.resolvedYAML(folder: nil)).warmup == .fraction(0.25))
    }
}
