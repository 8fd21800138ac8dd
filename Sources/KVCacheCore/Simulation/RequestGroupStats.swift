/// One simulation's metrics for one group of requests: a `request_type` label (MODEL 2.1:
/// labels only break metrics down) or a conversation-turn bucket (`RunDigest.byTurn`).
/// `of(_:)` computes every label's in one pass over the requests.
public struct RequestGroupStats: Sendable, Equatable {
    public var name: String
    public var requests = 0
    public var accesses = 0
    public var inputTokens = 0
    public var blockHits = 0, prefixHits = 0
    public var blockHitTokens = 0, prefixHitTokens = 0
    /// TTFT summary of the label's counted requests (0 without any).
    public var ttftMeanMs = 0.0, ttftP50Ms = 0.0, ttftP99Ms = 0.0
    /// The label's counted TTFTs in request order; filled only by `of(..., keepingTTFTs: true)`.
    public var ttftMs: [Double] = []

    public func hits(_ s: HitSemantics) -> Int { s == .prefix ? prefixHits : blockHits }
    public func hitRatio(_ s: HitSemantics) -> Double { accesses == 0 ? 0 : Double(hits(s)) / Double(accesses) }
    public func tokenHitRatio(_ s: HitSemantics) -> Double {
        inputTokens == 0 ? 0 : Double(s == .prefix ? prefixHitTokens : blockHitTokens) / Double(inputTokens)
    }

    /// The stats of the one label of an unlabelled trace: the run's measured totals.
    private static func runTotals(name: String, trace: Trace, result r: SimulationResult, timing: Timing) -> RequestGroupStats {
        var s = RequestGroupStats(name: name)
        s.requests = r.requests
        guard s.requests > 0 else { return s }
        s.accesses = r.accesses
        s.inputTokens = r.inputTokens
        s.blockHits = r.hitsBlock
        s.prefixHits = r.hitsPrefix
        s.blockHitTokens = r.hitTokensBlock
        s.prefixHitTokens = r.hitTokensPrefix
        s.ttftMeanMs = timing.mean
        s.ttftP50Ms = timing.percentile(0.5)
        s.ttftP99Ms = timing.percentile(0.99)
        return s
    }

    /// Every label's metrics over the counted requests (MODEL 3.6), in label order: one pass
    /// for the counts, and the TTFT summaries by one selection over every label at once (or
    /// the run's own summary when one label covers every request). O(requests), or O(1) for an unlabelled trace
    /// without `keepingTTFTs` (its one label's are the run's totals); the per-label
    /// TTFT arrays only with `keepingTTFTs`.
    public static func of(trace: Trace, result r: SimulationResult, timing: Timing,
                          keepingTTFTs: Bool = false) -> [RequestGroupStats] {
        var stats = trace.requestTypeNames.map { RequestGroupStats(name: $0) }
        let labelled = !trace.requestTypes.isEmpty
        if !labelled, !keepingTTFTs, !stats.isEmpty {
            // One label: its counts are the run's, without a pass over the requests.
            let totals = Self.runTotals(name: stats[0].name, trace: trace, result: r, timing: timing)
            return [totals] + stats.dropFirst()
        }
        for q in trace.measuredRequests {
            let t = labelled ? Int(trace.requestTypes[q]) : 0
            stats[t].requests += 1
            stats[t].accesses += trace.blockRange(of: q).count
            stats[t].inputTokens += Int(trace.inputLengths[q])
            stats[t].blockHits += Int(r.blockHits[q])
            stats[t].prefixHits += Int(r.prefixHits[q])
            stats[t].blockHitTokens += Int(r.blockHitTokens[q])
            stats[t].prefixHitTokens += Int(r.prefixHitTokens[q])
            if keepingTTFTs { stats[t].ttftMs.append(timing.ttftMs[q]) }
        }
        if !labelled {
            // One label: its requests are the counted ones, its summary the run's.
            if !stats.isEmpty, stats[0].requests > 0 {
                stats[0].ttftMeanMs = timing.mean
                stats[0].ttftP50Ms = timing.percentile(0.5)
                stats[0].ttftP99Ms = timing.percentile(0.99)
            }
            return stats
        }
        let from = trace.firstMeasuredRequest
        let summaries = timing.ttftMs[from...].withUnsafeBufferPointer { v in
            trace.requestTypes[from...].withUnsafeBufferPointer { types in
                Statistics.groupSummaries(values: v, groupOf: types, groups: stats.count, quantiles: [0.5, 0.99])
            }
        }
        for (t, s) in summaries.enumerated() {
            stats[t].ttftMeanMs = s.mean
            stats[t].ttftP50Ms = s.quantiles[0]
            stats[t].ttftP99Ms = s.quantiles[1]
        }
        return stats
    }

}
