import KVCacheCore
import KVCacheInput

/// Curves of policies that are not stack algorithms (in-cache `lfu`, `fifo`,
/// `hierarchical_lru`; MODEL 5.2): one full simulation per capacity, run concurrently over
/// the capacities with a task group (structured concurrency). Both semantics come from each run.
/// Each run is reduced to its counted totals inside its task, so only the runs in flight hold
/// per-request arrays (at most one per worker thread), never one per capacity.
public enum SimulatedCurves {
    /// One run's counted hits and hit tokens under both semantics (MODEL 3.2, 3.6).
    struct Totals {
        var hitsBlock = 0, hitsPrefix = 0, hitTokensBlock = 0, hitTokensPrefix = 0

        init() {}

        init(_ r: SimulationResult) {
            hitsBlock = r.hitsBlock
            hitsPrefix = r.hitsPrefix
            hitTokensBlock = r.hitTokensBlock
            hitTokensPrefix = r.hitTokensPrefix
        }

        func hits(_ s: HitSemantics) -> Int { s == .prefix ? hitsPrefix : hitsBlock }
        func hitTokens(_ s: HitSemantics) -> Int { s == .prefix ? hitTokensPrefix : hitTokensBlock }
    }

    /// Capacities below one block are skipped (they hold nothing: no hits).
    public static func curves(_ trace: Trace, policy: PolicySpec, capacities: [Int]) async -> [MissRatioCurve] {
        let prepared = PreparedTrace(trace, for: policy)  // the offline policies' inputs, once
        let results = await withTaskGroup(of: (Int, Totals).self) { group in
            for (i, c) in capacities.enumerated() {
                group.addTask {
                    // `hierarchical_lru` splits each capacity by its l1_share; one block is all L1.
                    // A capacity below one block throws: no hits.
                    let result = try? Simulator.run(trace: trace, policy: policy, capacity: c, prepared: prepared)
                    return (i, result.map(Totals.init) ?? Totals())
                }
            }
            var out = [Totals](repeating: Totals(), count: capacities.count)
            for await (i, r) in group { out[i] = r }
            return out
        }
        let floor = LRUStackDistances.profile(trace)  // lookup-at-arrival compulsory misses (MODEL 5.4)
        return HitSemantics.allCases.map { semantics in
            MissRatioCurve(
                policy: policy, semantics: semantics, method: .simulated, accesses: trace.measuredAccessCount,
                inputTokens: trace.measuredInputTokens,
                compulsoryMisses: floor.compulsoryMisses(semantics),
                points: zip(capacities, results).map { c, r in
                    .init(capacityBlocks: c, hits: r.hits(semantics), hitTokens: r.hitTokens(semantics))
                })
        }
    }
}
