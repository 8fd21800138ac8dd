import KVCacheAnalysis
import KVCacheCore

/// Everything a report shows, computed once: the input, each policy at the configured
/// capacity, the curves, the reuse profile and the length fits. Rendering (`ReportRenderer`)
/// is a pure function of this value.
public struct ReportData: Sendable {
    public var config: SimulationConfig
    public var trace: Trace
    /// How the input is named in the report (never an absolute path, SEMANTICS 8.2).
    public var inputName: String
    /// The command that reproduces the report.
    public var command: String
    public var outcomes: [PolicyOutcome]
    public var curves: CurveSet
    public var reuse: ReuseAnalysis
    public var fits: [LengthFits]
    public var capacityBlocks: Int

    /// Runs every analysis of a report. Policies default to the configured one plus `lru`,
    /// `prefix_lru`, `lfu` (the config's `analysis.policies` when given); `belady` is always added.
    public static func compute(config: SimulationConfig, trace: Trace, inputName: String, command: String,
                               policies: [PolicyKind]? = nil, capacities: String? = nil) async throws -> ReportData {
        var kinds = policies ?? config.analysis.policies ?? [config.policy, .lru, .prefixLRU, .lfu]
        kinds = kinds.filter { $0 != .belady }
        var seen = Set<PolicyKind>()
        kinds = kinds.filter { seen.insert($0).inserted }
        let resolved = try config.resolveCapacity(uniqueBlocks: trace.uniqueBlocks)
        // The bound is belady's own run at the same capacity (SEMANTICS 5.3).
        var beladyConfig = config
        beladyConfig.policy = .belady
        beladyConfig.capacity = .blocks(resolved.total)
        let beladyRun = try SimulationRun.execute(config: beladyConfig, trace: trace)
        let bound = beladyRun.result.hitsBlock
        var outcomes: [PolicyOutcome] = []
        for kind in kinds {
            var c = config
            c.policy = kind
            if kind == .hierarchicalLRU, c.l2Capacity == nil {
                // Split the single configured cache in two equal tiers.
                c.l1Capacity = .blocks(max(1, resolved.total / 2))
                c.l2Capacity = .blocks(max(1, resolved.total - resolved.total / 2))
            } else if kind != .hierarchicalLRU, config.policy == .hierarchicalLRU {
                c.capacity = .blocks(resolved.total)
            }
            outcomes.append(PolicyOutcome(run: try SimulationRun.execute(config: c, trace: trace), boundHits: bound))
        }
        outcomes.append(PolicyOutcome(run: beladyRun, boundHits: bound))

        let grid: [Int]
        if let spec = capacities ?? config.analysis.capacities {
            grid = Array(Set(try CapacityGrid.parse(spec, uniqueBlocks: trace.uniqueBlocks) + [resolved.total])).sorted()
        } else {
            grid = CapacityGrid.defaultGrid(uniqueBlocks: trace.uniqueBlocks, extra: [resolved.total])
        }
        let curves = await CurveSet.compute(trace, policies: kinds + [.belady], capacities: grid,
                                            blockBytes: config.blockBytes, l1Share: config.l1Share(uniqueBlocks: trace.uniqueBlocks))
        let reuse = ReuseAnalysis.analyse(trace, profiles: curves.profiles)
        var fits: [LengthFits] = [try LengthFits.fit(.inputLength, trace: trace)]
        if trace.hasOutputLengths { fits.append(try LengthFits.fit(.outputLength, trace: trace)) }
        return ReportData(config: config, trace: trace, inputName: inputName, command: command, outcomes: outcomes,
                          curves: curves, reuse: reuse, fits: fits, capacityBlocks: resolved.total)
    }
}
