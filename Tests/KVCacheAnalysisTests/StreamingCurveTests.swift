import KVCacheAnalysis
import KVCacheCore
import KVCacheInput
import KVCacheTestSupport
import Testing

/// MODEL 3.7, 5.2: the one-pass curves computed chunk by chunk equal the in-memory ones at every
/// capacity, with chunks small enough that the slot tree and the OPT stack grow many times.
@Suite struct StreamingCurveTests {
    static func streamed(_ trace: Trace, policy: PolicySpec, chunk: Int, warmup: Int) throws -> StackDistanceProfile {
        let curve = try StreamingCurve(policy: policy, warmupRequests: warmup)
        var builder = TraceBuilder(blockSizeTokens: trace.blockSizeTokens, source: "fixture")
        builder.handOffChunks(every: chunk) { curve.consume($0) }
        for r in 0 ..< trace.requestCount {
            let ids = trace.blockRange(of: r).map { UInt64(trace.blockIds[$0]) }
            try builder.addRequest(rawIds: ids, inputLength: Int(trace.inputLengths[r]), outputLength: nil, timestamp: nil)
        }
        try builder.finishChunks()
        return curve.finish()
    }

    @Test("streamed lru, prefix_lru and belady curves = in memory, every capacity, with and without warm-up")
    func equalCurves() throws {
        for seed: UInt64 in 1 ... 8 {
            let base = TraceFixture.random(seed: seed, requests: 150, universe: 200 + Int(seed) * 150, maxBlocks: 7,
                                           allowRepeats: seed % 3 == 0)
            for warmup in [0, 41] {
                var trace = base
                trace.measure(from: warmup)
                for policy in [PolicySpec.lru, .prefixLRU, .belady] {
                    let memory = policy == .belady ? OPTProfile.profile(trace) : LRUStackDistances.profile(trace, policy: policy)
                    for chunk in [1, 9, 100] {
                        let s = try Self.streamed(base, policy: policy, chunk: chunk, warmup: warmup)
                        #expect(s.accesses == memory.accesses && s.inputTokens == memory.inputTokens && s.uniqueBlocks == memory.uniqueBlocks)
                        for semantics in [HitSemantics.block, .prefix] {
                            let a = s.cumulative(semantics), b = memory.cumulative(semantics)
                            #expect(a.hits == b.hits && a.hitTokens == b.hitTokens, "\(policy) seed \(seed) chunk \(chunk) warm-up \(warmup) \(semantics)")
                            #expect(s.compulsoryMisses(semantics) == memory.compulsoryMisses(semantics))
                        }
                    }
                }
            }
        }
    }

    @Test("large universes (two levels of slot counts): lru curve, in memory and streamed, = simulation")
    func largeUniverse() throws {
        // About 10^5 distinct ids: over 3,000 words of slots, two levels of counts above the bits.
        let ranks = PortableZipf(seed: 5, requests: 400_000, universe: 150_000, alpha: 0.6).ranks
        let trace = TraceFixture.make(ranks.map { [Int($0)] })
        let memory = LRUStackDistances.profile(trace)
        let streamed = try Self.streamed(trace, policy: .lru, chunk: 50_000, warmup: 0)
        let a = memory.cumulative(.block).hits, b = streamed.cumulative(.block).hits
        #expect(a == b)
        for capacity in [1, 100, 5_000, 60_000, 149_000] {
            let r = try Simulator.run(trace: trace, policy: .lru, capacity: capacity)
            #expect(a[min(capacity, a.count - 1)] == r.hitsBlock, "capacity \(capacity)")
        }
    }

    @Test("a policy without a one-pass curve is refused")
    func refused() {
        #expect(throws: InputError.self) { try StreamingCurve(policy: .fifo) }
    }
}
