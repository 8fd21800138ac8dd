/// One online policy at one capacity over a trace that arrives in chunks (MODEL 3.7): the
/// reader's `TraceBuilder` hands each chunk to `consume`, which serves it through the same loop
/// as an in-memory run (`Simulator.serve`) and folds its per-request hits into a
/// `RunDigestBuilder` without quantiles, then drops it; `serve` and `fold` may run on two
/// threads (each on one, `fold` in serving order: they touch disjoint state). So no trace is held: memory is one chunk
/// plus the policy's and the cache's per-block state, O(distinct blocks), which grows as new
/// blocks arrive.
///
/// Counted exactly as in memory: hits and hit tokens under both semantics, per tier, every hit
/// definition of MODEL 5.8, evictions, and the mean TTFT without queueing. Not kept: TTFT
/// percentiles (they need every request's TTFT, or their multiset), queueing, throughput and
/// per-type breakdowns. Offline policies (`belady`, `belady_bypass`, `radix_belady`) and
/// `radix_lru` (which needs the whole trace's prefix tree) are refused. O(accesses) hook calls,
/// as in memory.
public final class StreamingSimulation: @unchecked Sendable {
    /// The serving and folding of every chunked run, without quantiles.
    private let run: OverlappedSimulation
    private let policy: PolicySpec
    private let source: String
    private let timed: Bool

    /// - Parameters:
    ///   - warmupRequests: the first requests that warm the cache up and are not counted (3.6).
    ///   - timeModel: when given, the mean TTFT (without queueing) is kept.
    /// - Throws: `InputError` for a policy that cannot stream; `CacheError` for a capacity below 1.
    public init(policy: PolicySpec, capacity: Int, source: String, warmupRequests: Int = 0, timeModel: TimeModel? = nil,
                checkInvariants: Bool = false) throws {
        run = OverlappedSimulation(server: try makeChunkServer(policy: policy, capacity: capacity, checkInvariants: checkInvariants),
                                   policy: policy, warmupRequests: warmupRequests, timeModel: timeModel, keepsQuantiles: false)
        self.policy = policy
        self.source = source
        timed = timeModel != nil
    }

    /// Serves the next chunk (a `Trace` of consecutive requests whose dense ids continue the
    /// earlier chunks'). O(chunk accesses), plus O(U) when the universe grows.
    public func serve(_ chunk: Trace) throws -> OverlappedSimulation.ServedChunk { try run.serve(chunk) }

    /// Folds the next served chunk into the totals, then forgets it. O(chunk requests).
    public func fold(_ s: OverlappedSimulation.ServedChunk) { run.fold(s) }

    /// `serve` then `fold`, on one thread.
    public func consume(_ chunk: Trace) throws { try run.consume(chunk) }

    /// The totals (call after the last chunk).
    public func finish() -> StreamSummary {
        let d = run.finish()
        var s = StreamSummary(policy: policy, capacityBlocks: d.capacityBlocks, tierCapacities: d.tierCapacities,
                              source: source, measuredFrom: d.measuredFrom, definitions: d.definitions)
        s.totalRequests = d.requestCount
        s.totalAccesses = run.servedAccesses
        s.uniqueBlocks = d.uniqueBlocks
        s.chunks = run.servedChunks
        s.requests = d.requests
        s.accesses = d.accesses
        s.inputTokens = d.inputTokens
        s.hitsBlock = d.hitsBlock
        s.hitsPrefix = d.hitsPrefix
        s.hitTokensBlock = d.hitTokensBlock
        s.hitTokensPrefix = d.hitTokensPrefix
        s.accessHits = d.accessHits
        s.tierBlockHits = d.tierBlockHits
        s.tierPrefixHits = d.tierPrefixHits
        s.evictions = d.evictions
        s.promotions = d.promotions
        s.demotions = d.demotions
        if timed { s.ttftMeanMs = d.ttft.mean }
        s.warnings = d.warnings
        return s
    }
}
