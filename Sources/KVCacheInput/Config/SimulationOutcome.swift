import KVCacheCore

/// What `simulate` reports of one configured run (MODEL 9.2): the configuration, the resolved
/// capacities and policy, and the run's `RunDigest`. It holds no trace: an online policy on a
/// trace file gets it while the file is read (`executeOverlapped`), any other run from the trace
/// in memory (`execute`, or `SimulationRun.outcome`), and both give the same digest.
public struct SimulationOutcome: Sendable {
    public let config: SimulationConfig
    public let tiers: (l1: Int, l2: Int)?
    /// The policy that ran, with the parameters the capacities resolved to.
    public let policy: PolicySpec
    /// Whether no capacity was configured and the default (10% of unique blocks) was used.
    public let capacityDefaulted: Bool
    public let digest: RunDigest

    public init(config: SimulationConfig, tiers: (l1: Int, l2: Int)?, policy: PolicySpec, capacityDefaulted: Bool, digest: RunDigest) {
        self.config = config
        self.tiers = tiers
        self.policy = policy
        self.capacityDefaulted = capacityDefaulted
        self.digest = digest
    }

    /// Resolves capacities (MODEL 1.3), runs the configured policy over `trace` and digests the
    /// run: `SimulationRun.execute(...).outcome`, without the per-request TTFT array when no
    /// queue needs it (each request is timed as the digest counts it).
    public static func execute(config: SimulationConfig, trace: Trace) throws -> SimulationOutcome {
        let model = TimeModel(config: config.timeModel, model: config.model, kvBytesPerToken: config.kvBytesPerToken)
        guard model.timesEachRequestAlone else { return try SimulationRun.execute(config: config, trace: trace).outcome }
        let resolved = try config.resolveCapacity(uniqueBlocks: trace.uniqueBlocks)
        let policy = config.runPolicy(uniqueBlocks: trace.uniqueBlocks)
        let result = try Simulator.run(trace: trace, policy: policy, capacity: resolved.total)
        var builder = RunDigestBuilder(policyName: result.policyName, capacityBlocks: result.capacityBlocks,
                                       tierCapacities: result.tierCapacities, measuredFrom: trace.firstMeasuredRequest, timeModel: model)
        builder.add(trace, result: result, ttft: nil)
        return SimulationOutcome(config: config, tiers: resolved.tiers, policy: policy, capacityDefaulted: resolved.defaulted,
                                 digest: builder.finish(counters: result))
    }
}

extension SimulationRun {
    /// The run as `simulate` reports it. O(requests).
    public var outcome: SimulationOutcome {
        SimulationOutcome(config: config, tiers: tiers, policy: policy, capacityDefaulted: capacityDefaulted,
                          digest: RunDigest(trace: trace, result: result, timing: timing))
    }
}
