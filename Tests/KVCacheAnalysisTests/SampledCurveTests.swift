import Testing
import KVCacheAnalysis
import KVCacheCore
import KVCacheInput
import KVCacheTestSupport

/// MODEL 5.11: sampled curves.
@Suite struct SampledCurveTests {
    // At rate 1 the sample is the trace: every sampled curve equals the exact or simulated one.
    @Test func rateOneIsExact() async {
        let trace = TraceFixture.random(seed: 8, requests: 150, universe: 40, maxBlocks: 5)
        let policies: [PolicySpec] = [.lru, .prefixLRU, .fifo, .radixLRU]
        let caps = [1, 3, 10, 40]
        let exact = await CurveSet.compute(trace, policies: policies, capacities: caps, blockBytes: 1, bound: false)
        let sampled = await SampledCurves.compute(trace, policies: policies, capacities: caps, blockBytes: 1, sampling: .rate(1))
        #expect(sampled.sampleRate == 1)
        for (a, b) in zip(exact.curves, sampled.curves) {
            #expect(a.policy == b.policy && a.semantics == b.semantics)
            #expect(a.points == b.points, "\(a.policy) \(a.semantics)")
            #expect(b.method == .sampled)
        }
    }

    // SHARDS at rate 0.1 on 200,000 Zipf(0.9) accesses over 20,000 ids: the LRU miss ratio is
    // within 0.02 of the exact one on average over a grid of 100 to 20,000 blocks (measured 0.0074 for both forms), and the fixed-size
    // form keeps the asked number of blocks.
    @Test func shardsIsCloseOnZipf() async {
        let zipf = PortableZipf(seed: 5, requests: 200_000, universe: 20_000, alpha: 0.9)
        let trace = TraceFixture.make(zipf.ranks.map { [Int($0)] })
        let caps = CapacityGrid.logSpaced(from: 100, to: 20_000, count: 20)
        let exact = await CurveSet.compute(trace, policies: [.lru], capacities: caps, blockBytes: 1, bound: false)
        for sampling in [SpatialSampling.rate(0.1), .size(2_000)] {
            let sampled = await SampledCurves.compute(trace, policies: [.lru], capacities: caps, blockBytes: 1, sampling: sampling)
            let e = exact.curves[0], s = sampled.curves[0]
            let mae = zip(e.points, s.points).map { abs(e.missRatio($0) - s.missRatio($1)) }.reduce(0, +) / Double(caps.count)
            #expect(mae < 0.02, "\(sampling): mean absolute error \(mae)")
            print("SHARDS \(sampling): mean absolute miss-ratio error \(mae) over \(caps.count) capacities")
        }
        let s = SampledCurves.sample(trace, .size(2_000), seed: 0)
        #expect(s.trace.uniqueBlocks == 2_000)
        #expect(abs(s.rate - 0.1) < 0.02)
    }

    // The config keys, and bad values named by key.
    @Test func configKeys() throws {
        #expect(try SimulationConfig.parse(yaml: "analysis: {sample_rate: 0.01}").analysis.sampling == .rate(0.01))
        #expect(try SimulationConfig.parse(yaml: "analysis: {sample_size: 500}").analysis.sampling == .size(500))
        for bad in ["analysis: {sample_rate: 2}", "analysis: {sample_size: 0}", "analysis: {sample_rate: 0.1, sample_size: 5}"] {
            let e = inputError { _ = try SimulationConfig.parse(yaml: bad) }
            #expect(e?.description.contains("analysis.sample_") == true, "\(bad): \(e?.description ?? "")")
        }
    }
}
