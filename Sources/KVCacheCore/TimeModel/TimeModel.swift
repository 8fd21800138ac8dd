import HeapModule

/// The time model (MODEL 6). Per request: `uncached = input_length - prefix_hit_tokens`;
/// `compute_ms = overhead_ms + 1000 x uncached / prefill_tokens_per_s`, or, with an accelerator,
/// `overhead_ms + 1000 x prefill_FLOPs / (peak x utilization)` (`ModelShape.prefillFLOPs`);
/// `load_ms = sum over tiers of hit_bytes_in_tier / tier_bandwidth`; `TTFT = load + compute`
/// (their max with `overlap_load`), plus the FIFO queueing delay when `prefill_servers > 0`.
/// Throughput (6.2) is per second of trace time when timestamps exist, else per second of
/// summed TTFT. O(requests log servers).
public struct TimeModel: Sendable {
    public let config: TimeModelConfig
    public let model: ModelShape
    public let kvBytesPerToken: Int

    public init(config: TimeModelConfig, model: ModelShape, kvBytesPerToken: Int) {
        self.config = config
        self.model = model
        self.kvBytesPerToken = kvBytesPerToken
    }

    /// Compute and load time of request `r`, in ms (MODEL 6.1).
    @inline(__always)
    public func serviceComponents(request r: Int, trace: Trace, result: SimulationResult) -> (computeMs: Double, loadMs: Double) {
        var lowerTokens = 0
        for tokens in result.lowerTierPrefixHitTokens { lowerTokens += Int(tokens[r]) }
        return serviceComponents(inputLength: Int(trace.inputLengths[r]), prefixHitTokens: Int(result.prefixHitTokens[r]),
                                 lowerTierTokens: lowerTokens)
    }

    /// Compute and load time, in ms, of a request of `inputLength` tokens whose first
    /// `prefixHitTokens` were prefix hits, `lowerTierTokens` of them found below L1 (MODEL 6.1).
    @inline(__always)
    public func serviceComponents(inputLength input: Int, prefixHitTokens hit: Int, lowerTierTokens: Int) -> (computeMs: Double, loadMs: Double) {
        let uncached = max(0, input - hit)
        var c = config.overheadMs
        if let acc = config.accelerator, acc.peakFLOPs > 0, model.parameters > 0 {
            c += 1000 * model.prefillFLOPs(uncached: uncached, cached: hit) / (acc.peakFLOPs * config.utilization)
        } else {
            c += 1000 * Double(uncached) / config.prefillTokensPerSecond
        }
        // Every tier below L1 loads at L2's bandwidth (there is one today).
        var l = 0.0
        if lowerTierTokens != 0 {
            l += 1000 * Double(lowerTierTokens * kvBytesPerToken) / config.l2BandwidthBytesPerSecond
        }
        l += 1000 * Double((hit - lowerTierTokens) * kvBytesPerToken) / config.l1BandwidthBytesPerSecond
        return (c, l)
    }

    /// Service time (load + compute, or their max with `overlap_load`) of one request, in ms:
    /// its TTFT without queueing (MODEL 6.1).
    @inline(__always)
    public func serviceTime(inputLength: Int, prefixHitTokens: Int, lowerTierTokens: Int) -> Double {
        let (c, l) = serviceComponents(inputLength: inputLength, prefixHitTokens: prefixHitTokens, lowerTierTokens: lowerTierTokens)
        return config.overlapLoad ? max(c, l) : c + l
    }

    /// Whether a request's TTFT is its service time alone (no `prefill_servers` queue): then it
    /// depends on the request only, and a run can be timed request by request, in chunks.
    public var timesEachRequestAlone: Bool { config.prefillServers <= 0 }

    /// Service time (load + compute, or their max) of each request, in ms: the only
    /// per-request array the time model makes.
    public func serviceTimes(trace: Trace, result: SimulationResult) -> [Double] {
        let n = trace.requestCount
        let overlap = config.overlapLoad
        return [Double](unsafeUninitializedCapacity: n) { buffer, count in
            for r in 0 ..< n {
                let (c, l) = serviceComponents(request: r, trace: trace, result: result)
                (buffer.baseAddress! + r).initialize(to: overlap ? max(c, l) : c + l)
            }
            count = n
        }
    }

    /// TTFT per request and the summary statistics. The TTFTs are the service times, plus,
    /// with `prefill_servers`, the FIFO queueing delay, added in place.
    public func evaluate(trace: Trace, result: SimulationResult) -> Timing {
        var ttft = serviceTimes(trace: trace, result: result)
        if config.prefillServers > 0 {
            // FIFO over arrival time, ties in file order; the earliest-free server takes the next
            // request. Untimed: every request arrives at 0, in file order.
            let n = ttft.count
            let arrival = trace.timestamps
            let order = arrival.map { a in a.indices.sorted { (a[$0], $0) < (a[$1], $1) } }
            var servers = Heap<ServerSlot>((0 ..< config.prefillServers).map { ServerSlot(freeAt: 0, index: $0) })
            for i in 0 ..< n {
                let r = order?[i] ?? i
                let arrives = arrival?[r] ?? 0
                guard var slot = servers.popMin() else { break }
                let start = max(arrives, slot.freeAt)
                let queue = start - arrives
                slot.freeAt = start + ttft[r]
                ttft[r] = queue + ttft[r]
                servers.insert(slot)
            }
        }
        return Timing(trace: trace, ttft: ttft)
    }

    struct ServerSlot: Comparable {
        var freeAt: Double
        var index: Int
        static func < (a: ServerSlot, b: ServerSlot) -> Bool { (a.freeAt, a.index) < (b.freeAt, b.index) }
    }
}
