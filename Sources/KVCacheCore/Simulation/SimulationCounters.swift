/// The running totals of one simulation across the chunks it is served (one chunk for a trace
/// in memory, many for a stream, MODEL 3.7): the access clock (the next access's position on
/// the flattened stream in touch order) and the counted hits that are not per request.
struct SimulationCounters {
    var clock = 0
    var accessHits = 0
    /// Counted hits per tier (L1, L2) under block and prefix semantics.
    var tierBlock = (0, 0)
    var tierPrefix = (0, 0)

    /// Writes the totals, and the cache's eviction and tier-move counts, into `result`.
    func store(in result: inout SimulationResult, cache: borrowing BlockCache) {
        result.tierBlockHits[0] = tierBlock.0
        result.tierPrefixHits[0] = tierPrefix.0
        if cache.tierCapacities.count > 1 {
            result.tierBlockHits[1] = tierBlock.1
            result.tierPrefixHits[1] = tierPrefix.1
        }
        result.accessHits = accessHits
        result.evictions = cache.evictions
        result.promotions = cache.promotions
        result.demotions = cache.demotions
    }
}
