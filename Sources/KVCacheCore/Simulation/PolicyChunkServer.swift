/// Holds a growable policy, its `BlockCache` and the running counters across the chunks of a
/// stream (MODEL 3.7). Each chunk goes through `Simulator.serve`, the loop every in-memory run
/// uses, so a streamed run equals the in-memory one access for access. Before a chunk with new
/// distinct blocks, policy and cache grow to at least twice their universe: O(U) amortised
/// work over the whole stream, O(U) memory.
final class PolicyChunkServer<P: GrowablePolicy & ~Copyable>: ChunkServer {
    private var policy: P
    private var cache: BlockCache
    private var counters = SimulationCounters()
    private let checkInvariants: Bool

    init(policy: consuming P, cache: consuming BlockCache, checkInvariants: Bool) {
        self.policy = policy
        self.cache = cache
        self.checkInvariants = checkInvariants
    }

    var tierCapacities: [Int] { cache.tierCapacities }
    var capacity: Int { cache.capacity }

    // Reached through the `ChunkServer` existential, this method would run the generic loop,
    // every policy hook a witness-table call; these specialisations give each policy the loop
    // the in-memory run gets (about 1.4x on lru).
    @_specialize(where P == LRUPolicy)
    @_specialize(where P == LFUPolicy)
    @_specialize(where P == FIFOPolicy)
    @_specialize(where P == ClockPolicy)
    @_specialize(where P == SievePolicy)
    @_specialize(where P == S3FIFOPolicy)
    @_specialize(where P == ARCPolicy)
    @_specialize(where P == HierarchicalLRUPolicy)
    func serve(_ chunk: Trace, measuredFrom: Int, outputs: inout PerRequestOutputs) throws(InvariantViolation) {
        if chunk.uniqueBlocks > cache.universe {
            let universe = max(chunk.uniqueBlocks, 2 * cache.universe)
            cache.grow(universe: universe)
            policy.grow(universe: universe)
        }
        try Simulator.serve(&policy, cache: &cache, trace: chunk, measuredFrom: measuredFrom, outputs: &outputs,
                            counters: &counters, checkInvariants: checkInvariants)
    }

    func store(in result: inout SimulationResult) {
        counters.store(in: &result, cache: cache)
    }
}
