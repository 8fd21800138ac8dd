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

    /// Service time (load + compute, or their max) of each request, in ms.
    public func serviceTimes(trace: Trace, result: SimulationResult) -> (service: [Double], compute: [Double], load: [Double]) {
        let n = trace.requestCount
        var service = [Double](repeating: 0, count: n)
        var compute = [Double](repeating: 0, count: n)
        var load = [Double](repeating: 0, count: n)
        let bandwidths = [config.l1BandwidthBytesPerSecond, config.l2BandwidthBytesPerSecond]
        for r in 0 ..< n {
            let input = Int(trace.inputLengths[r])
            let hit = Int(result.prefixHitTokens[r])
            let uncached = max(0, input - hit)
            var c = config.overheadMs
            if let acc = config.accelerator, acc.peakFLOPs > 0, model.parameters > 0 {
                c += 1000 * model.prefillFLOPs(uncached: uncached, cached: hit) / (acc.peakFLOPs * config.utilization)
            } else {
                c += 1000 * Double(uncached) / config.prefillTokensPerSecond
            }
            var lowerTokens = 0
            var l = 0.0
            for (t, tokens) in result.lowerTierPrefixHitTokens.enumerated() {
                lowerTokens += Int(tokens[r])
                l += 1000 * Double(Int(tokens[r]) * kvBytesPerToken) / bandwidths[min(t + 1, bandwidths.count - 1)]
            }
            l += 1000 * Double((hit - lowerTokens) * kvBytesPerToken) / bandwidths[0]
            compute[r] = c
            load[r] = l
            service[r] = config.overlapLoad ? max(c, l) : c + l
        }
        return (service, compute, load)
    }

    /// TTFT per request and the summary statistics.
    public func evaluate(trace: Trace, result: SimulationResult) -> Timing {
        let (service, compute, load) = serviceTimes(trace: trace, result: result)
        var ttft = service
        var queue = [Double](repeating: 0, count: service.count)
        if config.prefillServers > 0 {
            // FIFO over arrival time, ties in file order; the earliest-free server takes the next request.
            let arrival = trace.timestamps ?? [Double](repeating: 0, count: service.count)
            let order = arrival.indices.sorted { (arrival[$0], $0) < (arrival[$1], $1) }
            var servers = Heap<ServerSlot>((0 ..< config.prefillServers).map { ServerSlot(freeAt: 0, index: $0) })
            for r in order {
                guard var slot = servers.popMin() else { break }
                let start = max(arrival[r], slot.freeAt)
                queue[r] = start - arrival[r]
                slot.freeAt = start + service[r]
                ttft[r] = queue[r] + service[r]
                servers.insert(slot)
            }
        }
        return Timing(trace: trace, ttft: ttft, compute: compute, load: load, queue: queue)
    }

    struct ServerSlot: Comparable {
        var freeAt: Double
        var index: Int
        static func < (a: ServerSlot, b: ServerSlot) -> Bool { (a.freeAt, a.index) < (b.freeAt, b.index) }
    }
}
