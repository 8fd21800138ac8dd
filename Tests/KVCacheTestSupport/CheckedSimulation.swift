import KVCacheCore
import Testing

extension Simulator {
    /// Test entry point: runs `policy` (default parameters) on `trace` at `capacity`, with
    /// explicit `tiers` (L1, L2) for `hierarchical_lru` (ignored by
    /// the other policies). On small traces (universe x accesses
    /// up to 3 x 10^5) every policy's and the cache's invariants are checked after every
    /// access, and a violation is recorded as a test failure naming the policy.
    public static func checkedRun(trace: Trace, policy: PolicyKind, capacity: Int, tiers: (Int, Int)? = nil) -> SimulationResult {
        let tierCapacities = policy == .hierarchicalLRU
            ? tiers.map { [$0.0, $0.1].filter { $0 > 0 } } ?? PolicySpec(policy).tierCapacities(total: capacity)
            : [capacity]
        let spec = policy == .hierarchicalLRU && tierCapacities.count == 2
            ? PolicySpec.hierarchicalLRU(l1Share: Double(tierCapacities[0]) / Double(tierCapacities[0] + tierCapacities[1]))
            : PolicySpec(policy)
        let check = trace.uniqueBlocks * trace.accessCount <= 300_000
        do {
            var cache = try BlockCache(tierCapacities: tierCapacities, universe: trace.uniqueBlocks)
            return try spec.simulate(trace: trace, cache: &cache, checkInvariants: check)
        } catch {
            Issue.record("\(spec) at \(tierCapacities): \(error)")
            return SimulationResult(policyName: spec.description, spec: spec, capacityBlocks: capacity, tierCapacities: tierCapacities)
        }
    }
}
