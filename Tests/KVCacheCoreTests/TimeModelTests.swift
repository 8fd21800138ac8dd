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
        #expect(Self.close(model.serviceComponents(request: 1, trace: Self.trace, result: result).loadMs, 120))
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
        let model = TimeModel(config: config, model: ModelShape.presets["llama-3-8b"]!, kvBytesPerToken: 100)
        // 2 L2 tokens x 100 B / 1000 B/s = 200 ms.
        #expect(Self.close(model.serviceComponents(request: 1, trace: trace, result: result).loadMs, 200, 1e-6))
        #expect(Self.close(model.evaluate(trace: trace, result: result).ttftMs[1], 200, 1e-6))
    }

    // MODEL 6.1: a finite number of prefill servers queues requests FIFO by arrival.
    @Test func finiteServersQueueInArrivalOrder() {
        var config = TimeModelConfig()
        config.prefillTokensPerSecond = 1000
        config.prefillServers = 1
        let trace = TraceFixture.make([[0], [1], [2]], blockSize: 10, lengths: [10, 10, 10], timestamps: [0, 0, 5])
        let r = Simulator.checkedRun(trace: trace, policy: .lru, capacity: 8)
        let model = TimeModel(config: config, model: ModelShape.presets["llama-3-8b"]!, kvBytesPerToken: 1)
        let t = model.evaluate(trace: trace, result: r)
        #expect(t.ttftMs.map { ($0 * 1000).rounded() / 1000 } == [10, 20, 25])
        // The queueing delay is TTFT minus the service time.
        let queue = zip(t.ttftMs, model.serviceTimes(trace: trace, result: r)).map { (($0 - $1) * 1000).rounded() / 1000 }
        #expect(queue == [0, 10, 15])
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
        let model = TimeModel(config: config, model: m, kvBytesPerToken: 1)
        #expect(Self.close(model.serviceComponents(request: 0, trace: trace, result: r).computeMs,
                           1000 * m.prefillFLOPs(uncached: 10, cached: 0) / 5e5))
        #expect(Self.close(model.evaluate(trace: trace, result: r).ttftMs[0], 1000 * m.prefillFLOPs(uncached: 10, cached: 0) / 5e5))
    }

    @Test func percentilesInterpolate() {
        #expect(Statistics.quantile([1, 2, 3, 4], 0.5) == 2.5)
        #expect(Statistics.quantile([5], 0.99) == 5)
        #expect(Statistics.quantile([], 0.5) == 0)
    }

    /// The q-quantile of a full sort, numpy's linear interpolation (MODEL 6.2), the reference.
    static func sortedQuantile(_ xs: [Double], _ q: Double) -> Double {
        guard !xs.isEmpty else { return 0 }
        let s = xs.sorted()
        let h = q * Double(s.count - 1)
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }

    // MODEL 6.2: percentiles by selection equal a full sort's, bit for bit, on random data
    // with and without ties, n = 1 and 2, q = 0 and 1, through both the small-input path and
    // the radix selection (cutoff 0), overall and per group.
    @Test func selectionEqualsFullSort() {
        var rng = SplitMix64(seed: 11)
        let qs = [0, 0.01, 0.25, 0.5, 0.9, 0.99, 0.999, 1]
        let sizes = [1, 2, 3, 5, 10, 100, 1000, 20_000]
        for n in sizes {
            for kind in 0 ..< 4 {
                let xs: [Double] = (0 ..< n).map { _ in
                    switch kind {
                    case 0: return Double(rng.next() % 1_000_000) / 7  // few ties
                    case 1: return Double(rng.next() % 3) * 51.2  // many ties
                    case 2: return Double(bitPattern: rng.next() >> 2) * (rng.next() % 2 == 0 ? 1 : -1)  // random bits below 2, both signs
                    default: return rng.next() % 10 == 0 ? 0.000_123 : 17  // two values, skewed
                    }
                }
                for cutoff in [Statistics.sortCutoff, 0] {
                    let overall = xs.withUnsafeBufferPointer {
                        Statistics.groupSummaries(values: $0, quantiles: qs, sortCutoff: cutoff)[0]
                    }
                    #expect(overall.count == n)
                    #expect(overall.mean == Statistics.mean(xs))
                    for (q, v) in zip(qs, overall.quantiles) {
                        #expect(v.bitPattern == Self.sortedQuantile(xs, q).bitPattern, "n=\(n) kind=\(kind) q=\(q) cutoff=\(cutoff)")
                    }
                    // Group ids up to groups + 1: the two above the last group fall in it. 100
                    // groups take the gathering path.
                    for groups in [3, 100] {
                        let groupOf = xs.indices.map { _ in UInt16(rng.next() % UInt64(groups + 2)) }
                        let grouped = xs.withUnsafeBufferPointer { v in
                            groupOf.withUnsafeBufferPointer {
                                Statistics.groupSummaries(values: v, groupOf: $0, groups: groups, quantiles: qs, sortCutoff: cutoff)
                            }
                        }
                        for g in 0 ..< groups {
                            let members = xs.indices.filter { min(Int(groupOf[$0]), groups - 1) == g }.map { xs[$0] }
                            #expect(grouped[g].count == members.count)
                            #expect(grouped[g].mean == Statistics.mean(members))
                            for (q, v) in zip(qs, grouped[g].quantiles) {
                                #expect(v.bitPattern == Self.sortedQuantile(members, q).bitPattern, "n=\(n) kind=\(kind) g=\(g) q=\(q)")
                            }
                        }
                    }
                }
            }
        }
        #expect(Statistics.quantiles([], [0, 1]) == [0, 0])
        #expect(Statistics.quantiles([3, 1], [0, 0.5, 1]) == [1, 2, 3])
    }

    // The summaries a timing computes up front equal a full sort's, warm-up left out (MODEL 3.6).
    @Test func timingPercentilesEqualFullSort() throws {
        var rng = SplitMix64(seed: 5)
        let ids: [[Int]] = (0 ..< 30_000).map { _ in [Int(rng.next() % 500)] }
        let labels = ["prefill", "decode", "tool"]
        var trace = TraceFixture.make(ids, blockSize: 4, lengths: ids.map { _ in Int(rng.next() % 8) + 1 },
                                      types: ids.map { _ in labels[Int(rng.next() % 3)] })
        trace.measure(from: 1000)
        var config = TimeModelConfig()
        config.prefillTokensPerSecond = 3000
        let r = Simulator.checkedRun(trace: trace, policy: .lru, capacity: 50)
        let t = TimeModel(config: config, model: ModelShape.presets["llama-3-8b"]!, kvBytesPerToken: 7).evaluate(trace: trace, result: r)
        let measured = Array(t.ttftMs[1000...])
        for q in [0.5, 0.9, 0.99, 0, 1, 0.3] {
            #expect(t.percentile(q).bitPattern == Self.sortedQuantile(measured, q).bitPattern)
        }
        #expect(t.mean == Statistics.mean(measured))
        // Per label (MODEL 2.1), the same pass: mean, p50 and p99 as a sort of the label's TTFTs.
        for stats in RequestGroupStats.of(trace: trace, result: r, timing: t, keepingTTFTs: true) {
            let xs = trace.measuredRequests.filter { trace.requestTypeNames[trace.requestType(of: $0)] == stats.name }.map { t.ttftMs[$0] }
            #expect(stats.ttftMs == xs)
            #expect(stats.requests == xs.count)
            #expect(stats.ttftMeanMs == Statistics.mean(xs))
            #expect(stats.ttftP50Ms.bitPattern == Self.sortedQuantile(xs, 0.5).bitPattern)
            #expect(stats.ttftP99Ms.bitPattern == Self.sortedQuantile(xs, 0.99).bitPattern)
        }
    }
}

