/// The full report of one online policy at one capacity, made while the trace is read (MODEL
/// 3.7): the reader hands its chunks over as for a stream, on a thread of its own; each chunk is
/// served at once through `Simulator.serve`, the loop of every run (`serve`), then folded into a
/// `RunDigestBuilder` (`fold`) and dropped. `finish` gives the `RunDigest` that the whole trace
/// read and simulated in memory gives, field for field (tested): the victims of a growable
/// policy do not depend on its universe, the counters run on across chunks, and the digest sums
/// in request order. No trace and no per-request array is held: memory is the policy's and the
/// cache's per-block state, the chunks in flight, and the TTFT multiset (`ValueMultiset`).
/// Needs TTFTs that each request gives alone (no `prefill_servers` queue) and a warm-up known
/// before the end: none, or a number of requests.
///
/// Threads: `serve` and `fold` touch disjoint state, so the serving and the digesting may run on
/// two threads (each one on one thread, `fold` in serving order); `finish` after both are done.
public final class OverlappedSimulation: @unchecked Sendable {
    private let server: any ChunkServer
    private let policy: PolicySpec
    private let lowerTier: Bool
    private let warmupRequests: Int
    /// The serving side's requests, accesses and non-empty chunks so far.
    private var served = 0
    private(set) var servedAccesses = 0
    private(set) var servedChunks = 0
    /// The digesting side's builder.
    private var digest: RunDigestBuilder

    /// A chunk served, with its per-request hits, for `fold`.
    public struct ServedChunk: Sendable {
        let chunk: Trace
        let outputs: PerRequestOutputs
    }

    /// - Throws: `InputError` for a policy that needs the whole trace; `CacheError` for a
    ///   capacity below one block.
    public convenience init(policy: PolicySpec, capacity: Int, warmupRequests: Int = 0, timeModel: TimeModel) throws {
        try self.init(server: makeChunkServer(policy: policy, capacity: capacity, checkInvariants: false), policy: policy,
                      warmupRequests: warmupRequests, timeModel: timeModel)
    }

    /// The same for `belady` or `belady_bypass` over the chunks `future` kept while the trace
    /// was read (its future known): serve them in order (`FutureCollector.takeChunks`).
    /// - Throws: `CacheError` for a capacity below one block.
    public convenience init(offline policy: PolicySpec, capacity: Int, future: FutureCollector, warmupRequests: Int = 0,
                            timeModel: TimeModel) throws {
        try self.init(server: FutureChunkServer(policy: policy, capacity: capacity, future: future), policy: policy,
                      warmupRequests: warmupRequests, timeModel: timeModel)
    }

    /// - Parameters:
    ///   - timeModel: times each request (its service time: exact without a queue); nil, no TTFT.
    ///   - keepsQuantiles: false keeps the mean TTFT only (`StreamingSimulation`, MODEL 3.7).
    init(server: any ChunkServer, policy: PolicySpec, warmupRequests: Int, timeModel: TimeModel?, keepsQuantiles: Bool = true) {
        precondition(!keepsQuantiles || timeModel?.timesEachRequestAlone ?? true, "a queue's TTFTs need the whole trace")
        self.server = server
        self.policy = policy
        self.warmupRequests = max(0, warmupRequests)
        lowerTier = server.tierCapacities.count > 1
        digest = RunDigestBuilder(policyName: policy.name, capacityBlocks: server.capacity, tierCapacities: server.tierCapacities,
                                  measuredFrom: warmupRequests, timeModel: timeModel, keepsQuantiles: keepsQuantiles)
    }

    /// Serves the next chunk. O(chunk accesses), plus O(U) when the universe grows.
    public func serve(_ chunk: Trace) throws -> ServedChunk {
        var outputs = PerRequestOutputs(for: chunk, lowerTier: lowerTier)
        if chunk.requestCount > 0 {
            try server.serve(chunk, measuredFrom: warmupRequests - served, outputs: &outputs)
            served += chunk.requestCount
            servedAccesses += chunk.accessCount
            servedChunks += 1
        }
        return ServedChunk(chunk: chunk, outputs: outputs)
    }

    /// Folds the next served chunk into the digest. O(chunk requests).
    public func fold(_ s: ServedChunk) {
        digest.add(s.chunk, outputs: s.outputs, lowerTier: lowerTier)
    }

    /// `serve` then `fold`, on one thread.
    public func consume(_ chunk: Trace) throws { fold(try serve(chunk)) }

    /// The run's digest. Call once, after the last chunk is folded.
    public func finish() -> RunDigest {
        var counters = SimulationResult(policyName: policy.name, spec: policy, capacityBlocks: server.capacity,
                                        tierCapacities: server.tierCapacities)
        server.store(in: &counters)
        return digest.finish(counters: counters)
    }
}
