/// Serves, chunk by chunk and in order, the chunks a `FutureCollector` kept under an offline
/// policy that reads the whole trace's future (`belady`, `belady_bypass`): the policy and the
/// cache are made once for every distinct block of the trace, and each chunk goes through
/// `Simulator.serve`, the loop of every run, with the clock running on across chunks, so the
/// victims and counts are those of `Simulator.run` on the whole trace (tested). No growth: the
/// universe is known before the first chunk.
final class FutureChunkServer: ChunkServer {
    private var policy: BeladyPolicy
    private var cache: BlockCache
    private var counters = SimulationCounters()

    /// - Throws: `CacheError` for a capacity below one block.
    init(policy spec: PolicySpec, capacity: Int, future: FutureCollector) throws {
        precondition(spec == .belady || spec == .beladyBypass, "a future server runs belady or belady_bypass")
        cache = try BlockCache(tierCapacities: spec.tierCapacities(total: capacity), universe: max(1, future.uniqueBlocks))
        policy = BeladyPolicy(stream: future.stream, nextAccess: future.nextAccess, bypass: spec == .beladyBypass,
                              capacity: cache.capacity)
    }

    var tierCapacities: [Int] { cache.tierCapacities }
    var capacity: Int { cache.capacity }

    func serve(_ chunk: Trace, measuredFrom: Int, outputs: inout PerRequestOutputs) throws(InvariantViolation) {
        try Simulator.serve(&policy, cache: &cache, trace: chunk, measuredFrom: measuredFrom, outputs: &outputs,
                            counters: &counters, checkInvariants: false)
    }

    func store(in result: inout SimulationResult) {
        counters.store(in: &result, cache: cache)
    }
}
