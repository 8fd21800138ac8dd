import KVCacheCore

/// Curves of policies that are not stack algorithms (in-cache `lfu`, `fifo`,
/// `hierarchical_lru`; SEMANTICS 5.2): one full simulation per capacity, run concurrently over
/// the capacities with a task group (structured concurrency). Both semantics come from each run.
public enum SimulatedCurves {
    /// - Parameter l1Share: for `hierarchical_lru`, the share of each total capacity given to L1.
    public static func curves(_ trace: Trace, policy: PolicyKind, capacities: [Int], l1Share: Double = 0.5) async -> [MissRatioCurve] {
        let results = await withTaskGroup(of: (Int, SimulationResult).self) { group in
            for (i, c) in capacities.enumerated() {
                group.addTask {
                    // A one-block hierarchical cache is all L1 (`tiers` nil: L1 = C, L2 = 0).
                    let l1 = max(1, min(c - 1, Int((Double(c) * l1Share).rounded())))
                    let tiers = policy == .hierarchicalLRU && c >= 2 ? (l1, c - l1) : nil
                    return (i, Simulator.run(trace: trace, policy: policy, capacity: c, tiers: tiers))
                }
            }
            var out = [SimulationResult?](repeating: nil, count: capacities.count)
            for await (i, r) in group { out[i] = r }
            return out.compactMap { $0 }
        }
        let floor = LRUStackDistances.profile(trace)  // lookup-at-arrival compulsory misses (SEMANTICS 5.4)
        return HitSemantics.allCases.map { semantics in
            MissRatioCurve(
                policy: policy, semantics: semantics, method: .simulated, accesses: trace.accessCount,
                inputTokens: trace.totalInputTokens,
                compulsoryMisses: floor.compulsoryMisses(semantics),
                points: zip(capacities, results).map { c, r in
                    .init(capacityBlocks: c, hits: r.hits(semantics), hitTokens: r.hitTokens(semantics))
                })
        }
    }
}
