/// TTFT and throughput of one run (MODEL 6, 9.2).
///
/// Holds one per-request array, the TTFTs; the summary statistics over the counted requests
/// (mean, p50, p90, p99) are computed once, when the timing is made, by selection
/// (`Statistics.groupSummaries`: O(n), no copy), and shared by every consumer.
public struct Timing: Sendable {
    /// Per request, warm-up included (MODEL 6.1); statistics use `measuredTTFT`.
    public var ttftMs: [Double]
    /// The first counted request (MODEL 3.6).
    public var measuredFrom: Int
    public var throughputTokensPerSecond: Double
    public var throughputRequestsPerSecond: Double
    /// `timestamps` or `ttft` (MODEL 6.2).
    public var throughputBasis: String
    /// Mean TTFT of the counted requests (0 without any).
    public private(set) var mean: Double
    /// The quantiles computed up front, and their values.
    public static let summaryQuantiles: [Double] = [0.5, 0.9, 0.99]
    private var summaryValues: [Double]

    init(trace: Trace, ttft: [Double]) {
        ttftMs = ttft
        let from = trace.firstMeasuredRequest
        measuredFrom = from
        let summary = ttft[from...].withUnsafeBufferPointer {
            Statistics.groupSummaries(values: $0, quantiles: Self.summaryQuantiles)[0]
        }
        mean = summary.mean
        summaryValues = summary.quantiles
        let ts = trace.timestamps
        let firstTime = ts.flatMap { from < $0.count ? $0[from] : nil }
        (throughputTokensPerSecond, throughputRequestsPerSecond, throughputBasis) = Self.throughput(
            tokens: trace.measuredInputTokens, requests: trace.measuredRequestCount,
            firstTimestamp: firstTime, lastTimestamp: firstTime == nil ? nil : ts?.last, ttftSumMs: summary.sum)
    }

    /// Throughput of counted requests (MODEL 6.2): per second of trace time, from the first
    /// counted request's timestamp to the last request's, when both exist and the later is
    /// later; else per second of summed TTFT (`ttftSumMs`, 0 when that is 0). Returns tokens/s,
    /// requests/s and the basis, `timestamps` or `ttft`.
    public static func throughput(tokens: Int, requests: Int, firstTimestamp: Double?, lastTimestamp: Double?,
                                  ttftSumMs: Double) -> (tokensPerSecond: Double, requestsPerSecond: Double, basis: String) {
        let tokens = Double(tokens), requests = Double(requests)
        if let first = firstTimestamp, let last = lastTimestamp, last > first {
            let seconds = (last - first) / 1000
            return (tokens / seconds, requests / seconds, "timestamps")
        }
        let seconds = ttftSumMs / 1000
        return (seconds > 0 ? tokens / seconds : 0, seconds > 0 ? requests / seconds : 0, "ttft")
    }

    /// TTFT of the counted requests.
    public var measuredTTFT: ArraySlice<Double> { ttftMs[measuredFrom...] }

    /// The q-quantile (0...1) of TTFT, linear interpolation between order statistics
    /// (numpy's default). p50, p90 and p99 are computed once; another q costs one selection.
    public func percentile(_ q: Double) -> Double {
        if let i = Self.summaryQuantiles.firstIndex(of: q) { return summaryValues[i] }
        return measuredTTFT.withUnsafeBufferPointer { Statistics.groupSummaries(values: $0, quantiles: [q])[0].quantiles[0] }
    }
}
