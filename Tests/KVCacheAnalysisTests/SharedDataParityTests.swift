import Foundation
import KVCacheAnalysis
import KVCacheCore
import KVCacheInput
import Testing

/// Opt-in (MODEL 4.14, 5.7): on the real traces in `../shared/data`, with KVCache.AI's
/// measurement (the first half of the requests as warm-up, token-weighted prefix hits),
/// `radix_lru` and `radix_belady` give `kvcache-simulator` 0.1.3's `lru` and `optimal` hit
/// tokens at its default budgets (1, 2, 4, ... GiB of 131,072-byte-per-token KV: 16 blocks per
/// GiB at 512 tokens, 128 at 64), and the upper bound is at least its `optimal`. Vectors from
/// `kvcache-simulator run --trace T --model llama-3.1-8b --block-size B --policies lru,optimal
/// --format json` (the sessions as a Mooncake-style JSONL made by
/// `scripts/parity/sessions_to_jsonl.py`). Skipped without the data; the sessions half (47M
/// accesses) also needs `KVCACHE_SIM_SESSIONS=1`, and a release build to be quick
/// (`swift test -c release --filter SharedDataParityTests`).
@Suite struct SharedDataParityTests {
    /// (blocks, lru hit tokens, optimal hit tokens); the tool omits larger budgets as never
    /// filled during the warm-up.
    static let mooncake: [(Int, Int, Int)] = [
        (16, 3_080_192, 3_473_388), (32, 3_080_192, 3_812_262), (64, 3_080_192, 4_407_972), (128, 3_080_581, 5_415_511),
        (256, 3_082_824, 7_034_301), (512, 3_085_579, 9_628_909), (1024, 3_194_814, 13_516_455), (2048, 3_833_192, 18_226_289),
        (4096, 5_935_037, 23_452_732), (8192, 12_781_765, 27_038_068), (16384, 18_940_960, 27_038_068),
        (32768, 24_161_208, 27_038_068), (65536, 26_055_540, 27_038_068),
    ]
    static let sessions: [(Int, Int, Int)] = [
        (128, 94_695_488, 95_857_856), (256, 188_379_584, 190_161_792), (512, 368_974_656, 371_947_136),
        (1024, 690_893_952, 694_738_944), (2048, 1_080_952_000, 1_083_420_864), (4096, 1_210_305_280, 1_210_802_752),
        (8192, 1_225_825_152, 1_225_859_520), (16384, 1_225_849_280, 1_225_859_520), (32768, 1_225_859_520, 1_225_859_520),
    ]

    static func check(_ trace: Trace, _ vectors: [(Int, Int, Int)]) async throws {
        let bound = await UpperBound.compute(trace, capacities: vectors.map(\.0))
        for ((c, lru, optimal), b) in zip(vectors, bound.points) {
            let radixLRU = try Simulator.run(trace: trace, policy: .radixLRU, capacity: c)
            let radixBelady = try Simulator.run(trace: trace, policy: .radixBelady, capacity: c)
            #expect(radixLRU.hitTokensPrefix == lru, "radix_lru at \(c) blocks")
            #expect(radixBelady.hitTokensPrefix == optimal, "radix_belady at \(c) blocks")
            #expect(b.hitTokens >= optimal, "the bound at \(c) blocks")
            #expect(b.hits >= radixBelady.hitsPrefix && b.hits >= radixLRU.hitsPrefix)
        }
    }

    /// MODEL 5.7 on a real trace: the bound is at least every policy's count on every metric.
    static func boundsEveryPolicy(_ trace: Trace, capacities: [Int]) async throws {
        let bound = await UpperBound.compute(trace, capacities: capacities)
        for (c, b) in zip(capacities, bound.points) {
            for kind in PolicyKind.allCases {
                let r = try Simulator.run(trace: trace, policy: PolicySpec(kind), capacity: c)
                #expect(r.hitsBlock <= b.hits && r.hitsPrefix <= b.hits && r.accessHits <= b.hits, "\(kind) at \(c)")
                #expect(r.hitTokensBlock <= b.hitTokens && r.hitTokensPrefix <= b.hitTokens, "\(kind) tokens at \(c)")
            }
        }
    }

    @Test(.enabled(if: SharedData.mooncake != nil, "../shared/data/mooncake is not present"))
    func mooncakeBoundHoldsForEveryPolicy() async throws {
        var trace = try TraceLoader.load(path: try #require(SharedData.mooncake), blockSizeTokens: 512)
        try await Self.boundsEveryPolicy(trace, capacities: [29, 4096])
        trace.measure(from: trace.requestCount / 2)
        try await Self.boundsEveryPolicy(trace, capacities: [1024])
    }

    @Test(.enabled(if: SharedData.mooncake != nil, "../shared/data/mooncake is not present"))
    func mooncakeAtKVCacheAIBudgets() async throws {
        var trace = try TraceLoader.load(path: try #require(SharedData.mooncake), blockSizeTokens: 512)
        trace.measure(from: trace.requestCount / 2)
        #expect(trace.firstMeasuredRequest == 6015)
        try await Self.check(trace, Self.mooncake)
    }

    @Test(.enabled(if: SharedData.sessions != nil && ProcessInfo.processInfo.environment["KVCACHE_SIM_SESSIONS"] == "1",
                   "needs ../shared/data/kv-cache-tester and KVCACHE_SIM_SESSIONS=1"))
    func sessionsAtKVCacheAIBudgets() async throws {
        var trace = try TraceLoader.load(path: try #require(SharedData.sessions), blockSizeTokens: 64)
        trace.measure(from: trace.requestCount / 2)
        #expect(trace.firstMeasuredRequest == 11956)
        try await Self.check(trace, Self.sessions)
        try await Self.boundsEveryPolicy(trace, capacities: [238, 4096])
    }
}
