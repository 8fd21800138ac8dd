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

    /// The per-request rules of `full_block_tokens` and `request_mean`, summed request by
    /// request in order: the one place they are written, for a run in memory and for a stream's
    /// chunks alike (so both sums are the same bit for bit).
    public struct RequestTally: Sendable {
        var fullBlockHits = 0, queries = 0, meanSum = 0.0, meanCount = 0
        /// The last `(L - 1) / B` divided, and its `L - 1`: requests of one length divide once.
        private var lastDividend = 0, lastQuotient = 0

        public init() {}

        /// `min(prefixHits, L / B, (L - 1) / B) x B` full-block tokens, and the request's
        /// hit-token share. Divides only when it must: `(L - 1) / B <= L / B`, and
        /// `prefixHits x B <= L - 1` means `prefixHits <= (L - 1) / B`; a share of 0 adds +0 to a
        /// sum of non-negative shares, which leaves it unchanged.
        @inline(__always)
        public mutating func add(inputLength length: Int, prefixHits: Int, prefixHitTokens: Int, blockSize b: Int) {
            let last = max(0, length - 1)
            if prefixHits * b <= last {
                fullBlockHits += prefixHits * b
            } else {
                if last != lastDividend { (lastDividend, lastQuotient) = (last, last / b) }
                fullBlockHits += lastQuotient * b
            }
            queries += length
            if length > 0 {
                if prefixHitTokens != 0 { meanSum += Double(prefixHitTokens) / Double(length) }
                meanCount += 1
            }
        }
    }

    /// The definitions from the totals of a run and the tally of its counted requests.
    public init(access: Ratio, block: Ratio, prefix: Ratio, token: Ratio, tally: RequestTally) {
        self.access = access
        self.block = block
        self.prefix = prefix
        self.token = token
        fullBlockTokens = Ratio(hits: tally.fullBlockHits, total: tally.queries)
        requestMean = tally.meanCount == 0 ? 0 : tally.meanSum / Double(tally.meanCount)
        requestMeanCount = tally.meanCount
    }

    public init(trace: Trace, result: SimulationResult) {
        // One pass: the tally and the block, prefix and prefix-token sums together.
        var tally = RequestTally()
        var block = 0, prefix = 0, tokens = 0
        let lengths = trace.inputLengths, blockHits = result.blockHits
        let prefixHits = result.prefixHits, prefixTokens = result.prefixHitTokens
        let counted = trace.measuredRequests.clamped(to: 0 ..< min(prefixHits.count, blockHits.count))
        for r in counted {
            let p = Int(prefixHits[r]), t = Int(prefixTokens[r])
            block += Int(blockHits[r])
            prefix += p
            tokens += t
            tally.add(inputLength: Int(lengths[r]), prefixHits: p, prefixHitTokens: t, blockSize: trace.blockSizeTokens)
        }
        self.init(access: Ratio(hits: result.accessHits, total: result.accesses),
                  block: Ratio(hits: block, total: result.accesses),
                  prefix: Ratio(hits: prefix, total: result.accesses),
                  token: Ratio(hits: tokens, total: result.inputTokens), tally: tally)
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
