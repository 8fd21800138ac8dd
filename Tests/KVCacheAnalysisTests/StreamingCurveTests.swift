import KVCacheAnalysis
import KVCacheCore
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

    @Test("a policy without a one-pass curve is refused")
    func refused() {
        #expect(throws: InputError.self) { try StreamingCurve(policy: .fifo) }
    }
}
