import KVCacheCore
import KVCacheInput

/// Curves of policies that are not stack algorithms (in-cache `lfu`, `fifo`,
/// `hierarchical_lru`; MODEL 5.2): one full simulation per capacity, run concurrently over
/// the capacities with a task group (structured concurrency). Both semantics come from each run.
public enum SimulatedCurves {
    /// Capacities below one block are skipped (they hold nothing: no hits).
    public static func curves(_ trace: Trace, policy: PolicySpec, capacities: [Int]) async -> [MissRatioCurve] {
        let results = await withTaskGroup(of: (Int, SimulationResult).self) { group in
            for (i, c) in capacities.enumerated() {
                group.addTask {
                    // `hierarchical_lru` splits each capacity by its l1_share; one block is all L1.
                    let result = try? Simulator.run(trace: trace, policy: policy, capacity: c)
                    return (i, result ?? SimulationResult(policyName: policy.description, spec: policy, capacityBlocks: c, tierCapacities: [c]))
                }
            }
            var out = [SimulationResult?](repeating: nil, count: capacities.count)
            for await (i, r) in group { out[i] = r }
            return out.compactMap { $0 }
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
