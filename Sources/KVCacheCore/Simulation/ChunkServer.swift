/// One policy and its cache, fed a stream chunk by chunk (MODEL 3.7): the type-erased face of
/// `PolicyChunkServer`, so that `StreamingSimulation` can hold any growable policy.
protocol ChunkServer: AnyObject {
    /// Serves every request of `chunk` (see `Simulator.serve`), growing the policy and the
    /// cache first when the chunk brings new distinct blocks.
    func serve(_ chunk: Trace, measuredFrom: Int, outputs: inout PerRequestOutputs) throws(InvariantViolation)
    /// The totals so far, written into `result`.
    func store(in result: inout SimulationResult)
    var tierCapacities: [Int] { get }
    var capacity: Int { get }
}

/// The chunk server of an online policy at `capacity` blocks (all tiers), starting from a small
/// universe that grows with the chunks: the one place that maps a spec to its growable policy
/// type (as `PolicySpec.simulate` does for a trace in memory).
/// - Throws: `InputError` for a policy that cannot run on chunks (offline ones, which need the
///   trace's future, and `radix_lru`, which needs its whole prefix tree); `CacheError` for a
///   capacity below one block.
func makeChunkServer(policy: PolicySpec, capacity: Int, checkInvariants: Bool) throws -> any ChunkServer {
    guard policy.kind.isStreamable else {
        let online = PolicyKind.allCases.filter(\.isStreamable).map(\.rawValue).joined(separator: ", ")
        throw InputError(field: "policy", "\(policy) cannot run on a stream: it needs \(policy.kind == .radixLRU ? "the whole trace's prefix tree" : "the future of the trace"). Stream mode runs online policies only (\(online)); drop --stream to run it on the trace in memory")
    }
    let tiers = policy.tierCapacities(total: capacity)
    let universe = 1024  // grows with the stream
    let cache = try BlockCache(tierCapacities: tiers, universe: universe)
    let c = cache.capacity
    let check = checkInvariants
    switch policy {
    case .lru:
        return PolicyChunkServer(policy: LRUPolicy(universe: universe), cache: cache, checkInvariants: check)
    case .prefixLRU:
        return PolicyChunkServer(policy: LRUPolicy(universe: universe, touchOrder: .reverse), cache: cache, checkInvariants: check)
    case .lfu:
        return PolicyChunkServer(policy: LFUPolicy(universe: universe), cache: cache, checkInvariants: check)
    case .fifo:
        return PolicyChunkServer(policy: FIFOPolicy(universe: universe), cache: cache, checkInvariants: check)
    case .clock:
        return PolicyChunkServer(policy: ClockPolicy(capacity: c, universe: universe), cache: cache, checkInvariants: check)
    case .sieve:
        return PolicyChunkServer(policy: SievePolicy(capacity: c, universe: universe), cache: cache, checkInvariants: check)
    case .s3fifo(let small, let ghost, let threshold):
        return PolicyChunkServer(policy: S3FIFOPolicy(capacity: c, universe: universe, smallRatio: small, ghostRatio: ghost,
                                                    moveToMainThreshold: threshold), cache: cache, checkInvariants: check)
    case .arc:
        return PolicyChunkServer(policy: ARCPolicy(capacity: c, universe: universe), cache: cache, checkInvariants: check)
    case .hierarchicalLRU:
        return PolicyChunkServer(policy: HierarchicalLRUPolicy(l1Capacity: tiers[0], universe: universe), cache: cache,
                                 checkInvariants: check)
    case .belady, .beladyBypass, .radixLRU, .radixBelady:
        preconditionFailure("unreachable: refused above")
    }
}
