import KVCacheCore

/// One configured simulation: the trace, the resolved capacities, the result and its timing.
public struct SimulationRun: Sendable {
    public let config: SimulationConfig
    public let trace: Trace
    public let capacityBlocks: Int
    public let tiers: (l1: Int, l2: Int)?
    /// The policy that ran, with the parameters the capacities resolved to (the L1 share of
    /// `hierarchical_lru`).
    public let policy: PolicySpec
    public let result: SimulationResult
    public let timing: Timing
    /// Whether no capacity was configured and the default (10% of unique blocks) was used.
    public let capacityDefaulted: Bool

    /// Resolves capacities (MODEL 1.3) and runs the configured policy over `trace`.
    public static func execute(config: SimulationConfig, trace: Trace) throws -> SimulationRun {
        let resolved = try config.resolveCapacity(uniqueBlocks: trace.uniqueBlocks)
        let policy = config.runPolicy(uniqueBlocks: trace.uniqueBlocks)
        let result = try Simulator.run(trace: trace, policy: policy, capacity: resolved.total)
        let timing = TimeModel(config: config.timeModel, model: config.model, kvBytesPerToken: config.kvBytesPerToken)
            .evaluate(trace: trace, result: result)
        return SimulationRun(config: config, trace: trace, capacityBlocks: resolved.total, tiers: resolved.tiers,
                             policy: policy, result: result, timing: timing, capacityDefaulted: resolved.defaulted)
    }

    /// Metrics per `request_type` label (MODEL 2.1), in one pass, with each label's TTFTs.
    public var requestTypeStats: [RequestGroupStats] {
        RequestGroupStats.of(trace: trace, result: result, timing: timing, keepingTTFTs: true)
    }

    /// The same without the per-label TTFT arrays (their summaries only): what `--json` needs.
    public var requestTypeSummaries: [RequestGroupStats] {
        RequestGroupStats.of(trace: trace, result: result, timing: timing)
    }
}

extension SimulationConfig {
    /// MODEL 1.3 against a trace with `uniqueBlocks` distinct blocks. `hierarchical_lru` with
    /// `l1_` and `l2_` capacities gives their sum; with one capacity, L1 gets its `l1_share`.
    public func resolveCapacity(uniqueBlocks: Int) throws -> (total: Int, tiers: (l1: Int, l2: Int)?, defaulted: Bool) {
        func blocks(_ spec: CapacitySpec, _ prefix: String) throws -> Int {
            let key = spec.key(prefix: prefix)
            guard let n = spec.blocks(blockBytes: blockBytes, uniqueBlocks: uniqueBlocks) else {
                let origin = capacity == nil && l1Capacity == nil ? " (the default when no capacity is configured: give one)" : ""
                throw InputError(file: sourcePath, field: key, "\(spec)\(origin) is below 1 block (block = \(blockBytes) bytes; trace has \(uniqueBlocks) unique blocks)")
            }
            return n
        }
        if let l1Spec = l1Capacity {
            // Explicit tiers: every policy gets their sum; `hierarchical_lru` keeps the split.
            let l1 = try blocks(l1Spec, "l1_")
            let l2 = try l2Capacity.map { try blocks($0, "l2_") } ?? l1
            return (l1 + l2, policy.kind == .hierarchicalLRU ? (l1, l2) : nil, false)
        }
        let spec = capacity ?? Self.defaultCapacity
        let total = try blocks(spec, "")
        let tiers = policy.tierCapacities(total: total)
        return (total, tiers.count == 2 ? (tiers[0], tiers[1]) : nil, capacity == nil)
    }

    /// The configured policy with the L1 share that explicit `l1_` / `l2_` capacities give.
    public func runPolicy(uniqueBlocks: Int) -> PolicySpec {
        guard policy.kind == .hierarchicalLRU, l1Capacity != nil,
              let t = try? resolveCapacity(uniqueBlocks: uniqueBlocks).tiers else { return policy }
        return .hierarchicalLRU(l1Share: Double(t.l1) / Double(t.l1 + t.l2))
    }
}
