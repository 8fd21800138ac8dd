import KVCacheCore

/// Reads the `time_model` section of a config.
extension TimeModelConfig {
    static let keys = ["prefill_tokens_per_s", "overhead_ms", "accelerator", "peak_tflops", "utilization",
                       "l1_bandwidth_gb_per_s", "l2_bandwidth_gb_per_s", "overlap_load", "prefill_servers"]

    init(_ m: ConfigMap) throws {
        self.init()
        if let v = try m.double("prefill_tokens_per_s") {
            guard v > 0 else { throw m.error("prefill_tokens_per_s", "must be positive") }
            prefillTokensPerSecond = v
        }
        if let v = try m.double("overhead_ms") {
            guard v >= 0 else { throw m.error("overhead_ms", "must not be negative") }
            overheadMs = v
        }
        if let name = try m.string("accelerator") {
            guard let spec = AcceleratorSpec.presets[name] else {
                throw m.error("accelerator", Suggestion.notOneOf(name, AcceleratorSpec.presets.keys.sorted(), what: "accelerator"))
            }
            accelerator = spec
            l1BandwidthBytesPerSecond = spec.memoryBandwidthBytesPerSecond
        }
        if let tflops = try m.double("peak_tflops") {
            guard tflops > 0 else { throw m.error("peak_tflops", "must be positive") }
            var spec = accelerator ?? AcceleratorSpec(name: "custom", peakFLOPs: 0, memoryBandwidthBytesPerSecond: l1BandwidthBytesPerSecond)
            spec.peakFLOPs = tflops * 1e12
            accelerator = spec
        }
        if let u = try m.double("utilization") {
            guard u > 0, u <= 1 else { throw m.error("utilization", "must be in (0, 1]") }
            utilization = u
        }
        if let v = try m.double("l1_bandwidth_gb_per_s") {
            guard v > 0 else { throw m.error("l1_bandwidth_gb_per_s", "must be positive") }
            l1BandwidthBytesPerSecond = v * 1e9
        }
        if let v = try m.double("l2_bandwidth_gb_per_s") {
            guard v > 0 else { throw m.error("l2_bandwidth_gb_per_s", "must be positive") }
            l2BandwidthBytesPerSecond = v * 1e9
        }
        if let v = try m.bool("overlap_load") { overlapLoad = v }
        if let v = try m.int("prefill_servers") {
            guard v >= 0 else { throw m.error("prefill_servers", "must not be negative (0 = unlimited)") }
            prefillServers = v
        }
    }
}
