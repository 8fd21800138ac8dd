/// One configured simulation: the trace, the resolved capacities, the result and its timing,
/// plus their renderings (summary JSON per SEMANTICS 9.2 and a readable summary).
public struct SimulationRun: Sendable {
    public let config: SimulationConfig
    public let trace: Trace
    public let capacityBlocks: Int
    public let tiers: (l1: Int, l2: Int)?
    public let result: SimulationResult
    public let timing: Timing
    /// Whether no capacity was configured and the default (10% of unique blocks) was used.
    public let capacityDefaulted: Bool

    /// Resolves capacities (SEMANTICS 1.3) and runs the configured policy over `trace`.
    public static func execute(config: SimulationConfig, trace: Trace) throws -> SimulationRun {
        let resolved = try config.resolveCapacity(uniqueBlocks: trace.uniqueBlocks)
        let result = Simulator.run(trace: trace, policy: config.policy, capacity: resolved.total,
                                   tiers: resolved.tiers.map { ($0.l1, $0.l2) })
        let timing = TimeModel(config: config.timeModel, model: config.model, kvBytesPerToken: config.kvBytesPerToken)
            .evaluate(trace: trace, result: result)
        return SimulationRun(config: config, trace: trace, capacityBlocks: resolved.total, tiers: resolved.tiers,
                             result: result, timing: timing, capacityDefaulted: resolved.defaulted)
    }
}

extension SimulationConfig {
    /// SEMANTICS 1.3 against a trace with `uniqueBlocks` distinct blocks.
    public func resolveCapacity(uniqueBlocks: Int) throws -> (total: Int, tiers: (l1: Int, l2: Int)?, defaulted: Bool) {
        func blocks(_ spec: CapacitySpec, _ prefix: String) throws -> Int {
            let key = spec.key(prefix: prefix)
            guard let n = spec.blocks(blockBytes: blockBytes, uniqueBlocks: uniqueBlocks) else {
                let origin = capacity == nil && l1Capacity == nil ? " (the default when no capacity is configured: give one)" : ""
                throw InputError(file: sourcePath, field: key, "\(spec)\(origin) is below 1 block (block = \(blockBytes) bytes; trace has \(uniqueBlocks) unique blocks)")
            }
            return n
        }
        if policy == .hierarchicalLRU {
            let l1 = try blocks(l1Capacity ?? capacity ?? Self.defaultCapacity, l1Capacity != nil ? "l1_" : "")
            let l2 = try l2Capacity.map { try blocks($0, "l2_") } ?? l1
            return (l1 + l2, (l1, l2), l1Capacity == nil && capacity == nil)
        }
        let spec = capacity ?? Self.defaultCapacity
        return (try blocks(spec, ""), nil, capacity == nil)
    }

    /// L1's share of a hierarchical cache, from the configured tiers; 0.5 for other policies or
    /// when the tiers cannot be resolved (simulated curves split each capacity this way).
    public func l1Share(uniqueBlocks: Int) -> Double {
        guard policy == .hierarchicalLRU, let t = try? resolveCapacity(uniqueBlocks: uniqueBlocks).tiers else { return 0.5 }
        return Double(t.l1) / Double(t.l1 + t.l2)
    }
}
