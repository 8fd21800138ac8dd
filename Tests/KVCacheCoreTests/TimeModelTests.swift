import KVCacheCore
import KVCacheInput
import KVCacheTestSupport
import Testing

/// MODEL 6: compute from uncached tokens, load per tier, overlap, queueing, throughput.
@Suite struct TimeModelTests {
    static func close(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool { abs(a - b) <= tol * max(1, abs(b)) }

    // Two requests of 3 blocks (B = 4, L = 12); the second hits all 3 blocks (12 tokens).
    static let trace = TraceFixture.make([[0, 1, 2], [0, 1, 2]], blockSize: 4, lengths: [12, 12], timestamps: [0, 2000])

    @Test func computeAndLoadFromUncachedAndHitTokens() {
        var config = TimeModelConfig()
        config.prefillTokensPerSecond = 1000
        config.overheadMs = 5
        config.l1BandwidthBytesPerSecond = 1000
        let model = TimeModel(config: config, model: ModelShape.presets["llama-3-8b"]!, kvBytesPerToken: 10)
        let result = Simulator.checkedRun(trace: Self.trace, policy: .lru, capacity: 3)
        let t = model.evaluate(trace: Self.trace, result: result)
        // MODEL 6.1: request 0: 12 uncached tokens -> 5 + 12 ms; no load.
        #expect(Self.close(t.ttftMs[0], 17))
        // request 1: 0 uncached -> 5 ms; load 12 tokens x 10 B / 1000 B/s = 120 ms.
        #expect(Self.close(t.ttftMs[1], 125))
        #expect(Self.close(t.loadMs[1], 120))
        // MODEL 6.2: timestamps span 2 s: 24 tokens / 2 s, 2 requests / 2 s.
        #expect(t.throughputBasis == "timestamps")
        #expect(Self.close(t.throughputTokensPerSecond, 12))
        #expect(Self.close(t.throughputRequestsPerSecond, 1))
        config.overlapLoad = true
        let overlapped = TimeModel(config: config, model: ModelShape.presets["llama-3-8b"]!, kvBytesPerToken: 10)
            .evaluate(trace: Self.trace, result: result)
        #expect(Self.close(overlapped.ttftMs[1], 120))
    }

    // MODEL 6.1: hits in L2 load at L2's bandwidth.
    @Test func lowerTierLoadsAtItsBandwidth() {
        var config = TimeModelConfig()
        config.prefillTokensPerSecond = 1e12
        config.l1BandwidthBytesPerSecond = 1e12
        config.l2BandwidthBytesPerSecond = 1000
        // L1 = 1 block, L2 = 3: after [0,1,2], blocks 1 and 0 sit in L2 (2 is in L1).
        let trace = TraceFixture.make([[0, 1, 2], [0, 1, 2]], blockSize: 1)
        let result = Simulator.checkedRun(trace: trace, policy: .hierarchicalLRU, capacity: 4, tiers: (1, 3))
        #expect(result.tierPrefixHits == [1, 2])
        let t = TimeModel(config: config, model: ModelShape.presets["llama-3-8b"]!, kvBytesPerToken: 100).evaluate(trace: trace, result: result)
        // 2 L2 tokens x 100 B / 1000 B/s = 200 ms.
        #expect(Self.close(t.loadMs[1], 200, 1e-6))
    }

    // MODEL 6.1: a finite number of prefill servers queues requests FIFO by arrival.
    @Test func finiteServersQueueInArrivalOrder() {
        var config = TimeModelConfig()
        config.prefillTokensPerSecond = 1000
        config.prefillServers = 1
        let trace = TraceFixture.make([[0], [1], [2]], blockSize: 10, lengths: [10, 10, 10], timestamps: [0, 0, 5])
        let r = Simulator.checkedRun(trace: trace, policy: .lru, capacity: 8)
        let t = TimeModel(config: config, model: ModelShape.presets["llama-3-8b"]!, kvBytesPerToken: 1).evaluate(trace: trace, result: r)
        #expect(t.ttftMs.map { ($0 * 1000).rounded() / 1000 } == [10, 20, 25])
        #expect(t.queueMs.map { ($0 * 1000).rounded() / 1000 } == [0, 10, 15])
        config.prefillServers = 2
        let two = TimeModel(config: config, model: ModelShape.presets["llama-3-8b"]!, kvBytesPerToken: 1).evaluate(trace: trace, result: r)
        #expect(two.ttftMs.map { ($0 * 1000).rounded() / 1000 } == [10, 10, 15])
    }

    // MODEL 6.2: without timestamps, throughput is per second of summed TTFT.
    @Test func throughputWithoutTimestamps() {
        var config = TimeModelConfig()
        config.prefillTokensPerSecond = 1000
        let trace = TraceFixture.make([[0], [1]], blockSize: 10, lengths: [10, 10])
        let r = Simulator.checkedRun(trace: trace, policy: .lru, capacity: 8)
        let t = TimeModel(config: config, model: ModelShape.presets["llama-3-8b"]!, kvBytesPerToken: 1).evaluate(trace: trace, result: r)
        #expect(t.throughputBasis == "ttft")
        #expect(Self.close(t.throughputTokensPerSecond, 1000))
    }

    // MODEL 6.1: the FLOP model: 2 x params x uncached + attention over the context.
    @Test func flopModel() {
        let m = ModelShape(name: "t", layers: 2, kvHeads: 1, headDim: 4, dtypeBytes: 2, hiddenSize: 8, parameters: 100)
        #expect(m.kvBytesPerToken == 2 * 2 * 1 * 4 * 2)  // MODEL 1.2
        let expected: Double = 2 * 100 * 10 + 4 * 2 * 8 * 10 * 11.5
        #expect(Self.close(m.prefillFLOPs(uncached: 10, cached: 6), expected))
        var config = TimeModelConfig()
        config.accelerator = AcceleratorSpec(name: "x", peakFLOPs: 1e6, memoryBandwidthBytesPerSecond: 1e12)
        config.utilization = 0.5
        let trace = TraceFixture.make([[0, 1]], blockSize: 5, lengths: [10])
        let r = Simulator.checkedRun(trace: trace, policy: .lru, capacity: 8)
        let t = TimeModel(config: config, model: m, kvBytesPerToken: 1).evaluate(trace: trace, result: r)
        #expect(Self.close(t.computeMs[0], 1000 * m.prefillFLOPs(uncached: 10, cached: 0) / 5e5))
    }

    @Test func percentilesInterpolate() {
        #expect(Statistics.quantile([1, 2, 3, 4], 0.5) == 2.5)
        #expect(Statistics.quantile([5], 0.99) == 5)
        #expect(Statistics.quantile([], 0.5) == 0)
    }
}
