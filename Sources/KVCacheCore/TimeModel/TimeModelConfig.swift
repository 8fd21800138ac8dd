/// The time model's settings (MODEL 6). Bandwidths are in bytes per second.
public struct TimeModelConfig: Sendable, Equatable {
    /// Prefill throughput for uncached tokens; used unless an accelerator is configured.
    public var prefillTokensPerSecond: Double = 10_000
    /// Fixed cost per request.
    public var overheadMs: Double = 0
    /// FLOP-based compute: the accelerator's dense peak and the achieved fraction of it.
    public var accelerator: AcceleratorSpec?
    public var utilization: Double = 0.5
    /// Load bandwidth from L1 (device memory) and L2 (host memory over the interconnect).
    public var l1BandwidthBytesPerSecond: Double = 3.35e12
    public var l2BandwidthBytesPerSecond: Double = 25e9
    /// TTFT = max(load, compute) instead of their sum.
    public var overlapLoad = false
    /// Prefill servers with a FIFO queue; 0 means unlimited (no queueing).
    public var prefillServers = 0

    public init() {}
}
