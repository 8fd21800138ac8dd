/// The in-memory run of one online policy at one capacity, overlapped with the reading
/// (MODEL 3.7): the reader hands its chunks over as for a stream, on a thread of its own; each
/// chunk is served at once through `Simulator.serve`, the loop of every run, and then kept, with
/// its per-request hits. After the last chunk, `finish` gives the whole trace
/// (`Trace.append(chunk:)`: the trace a whole read builds) and the `SimulationResult` that
/// `Simulator.run` gives on it, equal field for field (tested): the victims of a growable policy
/// do not depend on its universe, and the counters run on across chunks. So the reading and
/// interning on one core overlap the simulation on the other, where a whole read would come
/// first; memory is that of the in-memory run. Warm-up must be known before the end: none, or
/// a number of requests.
public final class OverlappedSimulation {
    private let server: any ChunkServer
    private let policy: PolicySpec
    private let warmupRequests: Int
    private var trace: Trace?
    private var blockHits: [Int32] = [], blockTokens: [Int32] = [], prefixHits: [Int32] = [], prefixTokens: [Int32] = []
    private var lowerTokens: [Int32] = []
    /// Every request so far has one block: the prefix arrays are the block ones (`PerRequestOutputs`).
    private var oneBlockEach = true

    /// - Throws: `InputError` for a policy that needs the whole trace; `CacheError` for a
    ///   capacity below one block.
    public init(policy: PolicySpec, capacity: Int, warmupRequests: Int = 0) throws {
        server = try makeChunkServer(policy: policy, capacity: capacity, checkInvariants: false)
        self.policy = policy
        self.warmupRequests = max(0, warmupRequests)
    }

    /// Serves the next chunk and keeps it. O(chunk accesses), plus O(U) when the universe grows.
    public func consume(_ chunk: Trace) throws {
        let n = chunk.requestCount
        guard n > 0 else { return }
        let before = trace?.requestCount ?? 0
        var outputs = PerRequestOutputs(for: chunk, lowerTier: server.tierCapacities.count > 1)
        try server.serve(chunk, measuredFrom: warmupRequests - before, outputs: &outputs)
        if trace == nil {
            // The first chunk is reserved for the whole input (`handOffChunks(keepingAll:)`): the
            // per-request outputs are too.
            trace = chunk
            let requests = chunk.inputLengths.capacity
            blockHits.reserveCapacity(requests)
            blockTokens.reserveCapacity(requests)
            if server.tierCapacities.count > 1 { lowerTokens.reserveCapacity(requests) }
        } else {
            trace?.append(chunk: chunk)
        }
        if oneBlockEach && !outputs.oneBlockEach {
            // The first request with another block count: the prefix arrays part from the block ones.
            oneBlockEach = false
            prefixHits.reserveCapacity(blockHits.capacity)
            prefixTokens.reserveCapacity(blockTokens.capacity)
            prefixHits.append(contentsOf: blockHits)
            prefixTokens.append(contentsOf: blockTokens)
        }
        blockHits.append(contentsOf: outputs.blockHits)
        blockTokens.append(contentsOf: outputs.blockTokens)
        if !oneBlockEach {
            prefixHits.append(contentsOf: outputs.prefixHits)
            prefixTokens.append(contentsOf: outputs.prefixTokens)
        }
        if server.tierCapacities.count > 1 { lowerTokens.append(contentsOf: outputs.lowerTokens) }
    }

    /// The whole trace, its window starting after the warm-up, and the run's result; nil when
    /// no chunk came. Call once, after the last chunk.
    public func finish() -> (trace: Trace, result: SimulationResult)? {
        guard var trace else { return nil }
        self.trace = nil
        trace.measure(from: warmupRequests)
        var result = SimulationResult(policyName: policy.name, spec: policy, capacityBlocks: server.capacity,
                                      tierCapacities: server.tierCapacities)
        result.countMeasured(trace)
        result.blockHits = blockHits
        result.blockHitTokens = blockTokens
        result.prefixHits = oneBlockEach ? blockHits : prefixHits
        result.prefixHitTokens = oneBlockEach ? blockTokens : prefixTokens
        if !result.lowerTierPrefixHitTokens.isEmpty { result.lowerTierPrefixHitTokens[0] = lowerTokens }
        server.store(in: &result)
        return (trace, result)
    }
}
