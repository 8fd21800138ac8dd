import KVCacheCore

extension SimulationConfig {
    /// The policies that `mrc` and `report` compare, the one default list of the tool:
    /// `analysis.policies` when given, else the configured policy plus `lru`, `prefix_lru` and
    /// `lfu`; duplicates dropped in order of first mention, and `belady` (the offline
    /// reference) always last. The configured policy runs with the parameters its capacities
    /// resolve to (the L1 share of explicit `hierarchical_lru` tiers).
    public func comparedPolicies(uniqueBlocks: Int) -> [PolicySpec] {
        var list = analysis.policies ?? [policy, .lru, .prefixLRU, .lfu]
        list = list.filter { $0 != .belady } + [.belady]
        let configured = runPolicy(uniqueBlocks: uniqueBlocks)
        list = list.map { $0 == policy ? configured : $0 }
        var seen = Set<PolicySpec>()
        return list.filter { seen.insert($0).inserted }
    }
}
