import KVCacheCore

extension SimulationConfig {
    /// The policies that `mrc` and `report` compare, the one default list of the tool:
    /// `analysis.policies` when given, else the configured policy plus `lru`, `prefix_lru`,
    /// `radix_lru` and `lfu`; duplicates dropped in order of first mention, and the offline
    /// references always last: `belady` (libCacheSim's), `belady_bypass` (the optimum for block
    /// hits on the flattened stream) and `radix_belady` (the best known offline radix policy).
    /// The configured policy runs with the parameters its capacities resolve to (the L1 share
    /// of explicit `hierarchical_lru` tiers).
    public func comparedPolicies(uniqueBlocks: Int) -> [PolicySpec] {
        var list = analysis.policies ?? [policy, .lru, .prefixLRU, .radixLRU, .lfu]
        list = list.filter { !Self.offlineReferences.contains($0) } + Self.offlineReferences
        let configured = runPolicy(uniqueBlocks: uniqueBlocks)
        list = list.map { $0 == policy ? configured : $0 }
        var seen = Set<PolicySpec>()
        return list.filter { seen.insert($0).inserted }
    }

    /// The offline policies every comparison ends with.
    public static let offlineReferences: [PolicySpec] = [.belady, .beladyBypass, .radixBelady]
}
