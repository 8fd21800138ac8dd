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

    // Prefix semantics (MODEL 5.11): a sampled request keeps its sampled blocks, and its prefix
    // hit is the leading run of present ones among them. When a block's id stands for its whole
    // prefix (KV hash ids: a prefix tree), a cached block's ancestors are cached too under lru
    // and prefix_lru, so the sampled prefix-hit curve is as close as the block-hit curve. Here:
    // 20,000 requests extending each other's prefixes, ids keyed by path, rate 0.25, seeds 1-3.
    // On ids that are not a prefix tree (the same id under different parents) the unsampled
    // gaps are invisible and the sampled prefix hits are too high: about 5 points of miss ratio
    // on the same requests with raw ids (printed, not asserted).
    @Test func prefixCurvesAreCloseOnPrefixTrees() async {
        var worstTree = 0.0, worstBlock = 0.0
        for seed in UInt64(1) ... 3 {
            let raw = TraceFixture.random(seed: seed, requests: 20_000, universe: 4_000, maxBlocks: 12, prefixChains: true)
            // The same requests with each block keyed by its path (parent key, id).
            var keyOf: [Int64: Int] = [:]
            let paths = TraceFixture.requests(of: raw).map { request -> [Int] in
                var parent = -1
                return request.map { id in
                    let key = Int64(parent + 1) << 32 | Int64(id)
                    let k = keyOf[key] ?? keyOf.count
                    keyOf[key] = k
                    parent = k
                    return k
                }
            }
            let tree = TraceFixture.make(paths, blockSize: raw.blockSizeTokens, lengths: raw.inputLengths.map(Int.init))
            for (name, trace) in [("prefix tree", tree), ("raw ids", raw)] {
                let caps = CapacityGrid.logSpaced(from: 40, to: trace.uniqueBlocks, count: 16)
                let policies: [PolicySpec] = [.lru, .prefixLRU]
                let exact = await CurveSet.compute(trace, policies: policies, capacities: caps, blockBytes: 1, bound: false)
                let sampled = await SampledCurves.compute(trace, policies: policies, capacities: caps, blockBytes: 1, sampling: .rate(0.25))
                for policy in policies {
                    for semantics in HitSemantics.allCases {
                        let e = exact.curves.first { $0.policy == policy && $0.semantics == semantics }
                        let s = sampled.curves.first { $0.policy == policy && $0.semantics == semantics }
                        guard let e, let s else { Issue.record("no \(policy) \(semantics) curve"); continue }
                        let mae = zip(e.points, s.points).map { abs(e.missRatio($0) - s.missRatio($1)) }.reduce(0, +) / Double(caps.count)
                        print("\(name), \(semantics) semantics, \(policy), seed \(seed): sampled MAE \(mae)")
                        guard name == "prefix tree" else { continue }
                        if semantics == .prefix { worstTree = max(worstTree, mae) } else { worstBlock = max(worstBlock, mae) }
                    }
                }
            }
        }
        #expect(worstTree < 0.02 && worstTree < 2 * worstBlock + 0.002, "prefix \(worstTree), block \(worstBlock)")
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
