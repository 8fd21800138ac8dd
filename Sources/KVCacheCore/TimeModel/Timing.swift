/// TTFT and throughput of one run (MODEL 6, 9.2).
public struct Timing: Sendable {
    /// Per request, warm-up included (MODEL 6.1); statistics use `measuredTTFT`.
    public var ttftMs: [Double]
    /// The first counted request (MODEL 3.6).
    public var measuredFrom: Int
    public var computeMs: [Double]
    public var loadMs: [Double]
    public var queueMs: [Double]
    public var throughputTokensPerSecond: Double
    public var throughputRequestsPerSecond: Double
    /// `timestamps` or `ttft` (MODEL 6.2).
    public var throughputBasis: String

    init(trace: Trace, ttft: [Double], compute: [Double], load: [Double], queue: [Double]) {
        ttftMs = ttft
        computeMs = compute
        loadMs = load
        queueMs = queue
        measuredFrom = trace.firstMeasuredRequest
        let tokens = Double(trace.measuredInputTokens)
        let requests = Double(trace.measuredRequestCount)
        if let ts = trace.timestamps, measuredFrom < ts.count, let last = ts.last, last > ts[measuredFrom] {
            let first = ts[measuredFrom]
            let seconds = (last - first) / 1000
            throughputTokensPerSecond = tokens / seconds
            throughputRequestsPerSecond = requests / seconds
            throughputBasis = "timestamps"
        } else {
            let seconds = ttft[measuredFrom...].reduce(0, +) / 1000
            throughputTokensPerSecond = seconds > 0 ? tokens / seconds : 0
            throughputRequestsPerSecond = seconds > 0 ? requests / seconds : 0
            throughputBasis = "ttft"
        }
    }

    /// TTFT of the counted requests.
    public var measuredTTFT: ArraySlice<Double> { ttftMs[measuredFrom...] }

    public var mean: Double { Statistics.mean(Array(measuredTTFT)) }

    /// The q-quantile (0...1) of TTFT, linear interpolation between order statistics
    /// (numpy's default).
    public func percentile(_ q: Double) -> Double { Statistics.quantile(Array(measuredTTFT), q) }
}
