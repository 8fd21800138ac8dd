/// TTFT and throughput of one run (MODEL 6, 9.2).
public struct Timing: Sendable {
    public var ttftMs: [Double]
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
        let tokens = Double(trace.totalInputTokens)
        let requests = Double(trace.requestCount)
        if let ts = trace.timestamps, let first = ts.first, let last = ts.last, last > first {
            let seconds = (last - first) / 1000
            throughputTokensPerSecond = tokens / seconds
            throughputRequestsPerSecond = requests / seconds
            throughputBasis = "timestamps"
        } else {
            let seconds = ttft.reduce(0, +) / 1000
            throughputTokensPerSecond = seconds > 0 ? tokens / seconds : 0
            throughputRequestsPerSecond = seconds > 0 ? requests / seconds : 0
            throughputBasis = "ttft"
        }
    }

    public var mean: Double { Statistics.mean(ttftMs) }

    /// The q-quantile (0...1) of TTFT, linear interpolation between order statistics
    /// (numpy's default).
    public func percentile(_ q: Double) -> Double { Statistics.quantile(ttftMs, q) }
}
