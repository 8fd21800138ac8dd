import KVCacheCore
import KVCacheTestSupport
import Testing

/// The offline policies' inputs computed once (`PreparedTrace`) give the runs of each capacity
/// exactly what they compute for themselves.
@Suite struct PreparedTraceTests {
    @Test(arguments: [PolicySpec.belady, .beladyBypass, .radixLRU, .radixBelady, .lru])
    func preparedEqualsDerived(policy: PolicySpec) throws {
        for seed in UInt64(1) ... 40 {
            let trace = TraceFixture.random(seed: seed, requests: 30, universe: 12, maxBlocks: 5, prefixChains: seed % 2 == 0)
            let prepared = PreparedTrace(trace, for: policy)
            for c in [1, 3, 7] {
                let a = try Simulator.run(trace: trace, policy: policy, capacity: c)
                let b = try Simulator.run(trace: trace, policy: policy, capacity: c, prepared: prepared)
                #expect(a.blockHits == b.blockHits && a.prefixHits == b.prefixHits && a.accessHits == b.accessHits,
                        "\(policy) seed \(seed) C=\(c)")
            }
        }
    }
}
