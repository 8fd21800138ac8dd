/// One simulation's metrics for one `request_type` label (MODEL 2.1: labels only break
/// metrics down). `of(_:)` computes every label's in one pass over the requests.
public struct RequestTypeStats: Sendable {
    public var name: String
    public var requests = 0
    public var accesses = 0
    public var inputTokens = 0
    public var blockHits = 0, prefixHits = 0
    public var blockHitTokens = 0, prefixHitTokens = 0
    public var ttftMs: [Double] = []

    public func hits(_ s: HitSemantics) -> Int { s == .prefix ? prefixHits : blockHits }
    public func hitRatio(_ s: HitSemantics) -> Double { accesses == 0 ? 0 : Double(hits(s)) / Double(accesses) }
    public func tokenHitRatio(_ s: HitSemantics) -> Double {
        inputTokens == 0 ? 0 : Double(s == .prefix ? prefixHitTokens : blockHitTokens) / Double(inputTokens)
    }

    /// Every label's metrics over the counted requests (MODEL 3.6), in label order. O(requests).
    public static func of(trace: Trace, result r: SimulationResult, ttftMs: [Double]) -> [RequestTypeStats] {
        var stats = trace.requestTypeNames.map { RequestTypeStats(name: $0) }
        for q in trace.measuredRequests {
            let t = trace.requestType(of: q)
            stats[t].requests += 1
            stats[t].accesses += trace.blockRange(of: q).count
            stats[t].inputTokens += Int(trace.inputLengths[q])
            stats[t].blockHits += Int(r.blockHits[q])
            stats[t].prefixHits += Int(r.prefixHits[q])
            stats[t].blockHitTokens += Int(r.blockHitTokens[q])
            stats[t].prefixHitTokens += Int(r.prefixHitTokens[q])
            stats[t].ttftMs.append(ttftMs[q])
        }
        return stats
    }
}
