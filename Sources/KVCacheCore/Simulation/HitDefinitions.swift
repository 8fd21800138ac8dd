/// One run's hits as each tool of the field counts them (MODEL 5.8), all over the counted
/// requests (MODEL 3.6). Tools disagree on what a hit ratio is; each definition here is named
/// after its rule and the tool that uses it, so a number can be compared with that tool's.
public struct HitDefinitions: Sendable, Equatable {
    public struct Ratio: Sendable, Equatable {
        public var hits: Int
        public var total: Int
        public var ratio: Double { total == 0 ? 0 : Double(hits) / Double(total) }
    }

    /// `access`: accesses that found their block resident at the access itself, in the
    /// policy's touch order, over all block accesses (libCacheSim on the flattened stream).
    public var access: Ratio
    /// `block`: blocks resident at their request's lookup, over block accesses.
    public var block: Ratio
    /// `prefix`: the leading run of resident blocks, over block accesses.
    public var prefix: Ratio
    /// `token`: prefix-hit tokens over input tokens (KVCache.AI's simulator; SGLang's
    /// cached-token share).
    public var token: Ratio
    /// `full_block_tokens`: vLLM's `prefix_cache_hits` over `prefix_cache_queries`. Queries are
    /// prompt tokens; hits are the prefix-hit blocks that are full, at most
    /// `floor((L - 1) / B)` of them (the last prompt token is always computed), times `B`.
    public var fullBlockTokens: Ratio
    /// `request_mean`: the mean over counted requests of each request's prefix-hit tokens over
    /// its input tokens (requests of 0 tokens left out).
    public var requestMean: Double
    public var requestMeanCount: Int

    init(access: Ratio, block: Ratio, prefix: Ratio, token: Ratio, fullBlockTokens: Ratio, requestMean: Double,
         requestMeanCount: Int) {
        self.access = access
        self.block = block
        self.prefix = prefix
        self.token = token
        self.fullBlockTokens = fullBlockTokens
        self.requestMean = requestMean
        self.requestMeanCount = requestMeanCount
    }

    public init(trace: Trace, result: SimulationResult) {
        let b = trace.blockSizeTokens
        var vllmHits = 0, vllmQueries = 0, sum = 0.0, n = 0
        for r in trace.measuredRequests where r < result.prefixHits.count {
            let length = Int(trace.inputLengths[r])
            let full = min(Int(result.prefixHits[r]), length / b, max(0, length - 1) / b)
            vllmHits += full * b
            vllmQueries += length
            if length > 0 {
                sum += Double(result.prefixHitTokens[r]) / Double(length)
                n += 1
            }
        }
        access = Ratio(hits: result.accessHits, total: result.accesses)
        block = Ratio(hits: result.hitsBlock, total: result.accesses)
        prefix = Ratio(hits: result.hitsPrefix, total: result.accesses)
        token = Ratio(hits: result.hitTokensPrefix, total: result.inputTokens)
        fullBlockTokens = Ratio(hits: vllmHits, total: vllmQueries)
        requestMean = n == 0 ? 0 : sum / Double(n)
        requestMeanCount = n
    }

    /// Each definition's name, the rule in a few words, the tool that counts so, and its value.
    public var rows: [(name: String, rule: String, tool: String, hits: Int?, total: Int?, ratio: Double)] {
        [
            ("access", "hits at each access / block accesses", "libCacheSim", access.hits, access.total, access.ratio),
            ("block", "blocks resident at lookup / block accesses", "kvcache-sim (block semantics)", block.hits, block.total, block.ratio),
            ("prefix", "leading resident blocks / block accesses", "kvcache-sim (prefix semantics)", prefix.hits, prefix.total, prefix.ratio),
            ("token", "prefix-hit tokens / input tokens", "KVCache.AI kvcache-simulator, SGLang", token.hits, token.total, token.ratio),
            ("full_block_tokens", "full prefix-hit blocks x B, last token computed / prompt tokens", "vLLM prefix_cache_hits / prefix_cache_queries", fullBlockTokens.hits, fullBlockTokens.total, fullBlockTokens.ratio),
            ("request_mean", "mean of per-request token hit ratios", "per-request averages (dashboards)", nil, requestMeanCount, requestMean),
        ]
    }
}
