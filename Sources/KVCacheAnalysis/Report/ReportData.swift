import KVCacheCore
import KVCacheInput

/// Everything a report shows, computed once: the input, each policy at the configured
/// capacity, the curves, the reuse profile and the length fits. Rendering (`ReportRenderer`)
/// is a pure function of this value.
public struct ReportData: Sendable {
    public var config: SimulationConfig
    public var trace: Trace
    /// How the input is named in the report (never an absolute path, MODEL 8.2).
    public var inputName: String
    /// The command that reproduces the report.
    public var command: String
    /// The folder the report is written to, which the trace path of its resolved config is
    /// relative to (nil: paths as loaded).
    public var folder: String?
    public var outcomes: [PolicyOutcome]
    /// The bound, the ceiling and the best known at the configured capacity.
    public var references: References
    /// The capacities to buy, in words (MODEL 5.10).
    public var conclusions: Conclusions
    public var curves: CurveSet
    public var reuse: ReuseAnalysis
    public var fits: [LengthFits]
    public var capacityBlocks: Int

    /// Runs every analysis of a report over `config.comparedPolicies`, with the upper bound
    /// and the ceiling at the configured capacity (MODEL 5.7, 5.9).
    public static func compute(config: SimulationConfig, trace: Trace, inputName: String, command: String,
                               folder: String? = nil) async throws -> ReportData {
        let policies = config.comparedPolicies(uniqueBlocks: trace.uniqueBlocks)
        let resolved = try config.resolveCapacity(uniqueBlocks: trace.uniqueBlocks)
        let grid: [Int]
        if let spec = config.analysis.capacities {
            grid = Array(Set(try CapacityGrid.parse(spec, uniqueBlocks: trace.uniqueBlocks) + [resolved.total])).sorted()
        } else {
            grid = CapacityGrid.defaultGrid(uniqueBlocks: trace.uniqueBlocks, extra: [resolved.total])
        }
        // Every part is independent of the others (but reuse, which reads the curves' profiles):
        // they run as concurrent tasks, so both cores stay busy from the start to the end.
        async let curvesTask = CurveSet.compute(trace, policies: policies, capacities: grid, blockBytes: config.blockBytes,
                                                analysis: config.analysis, seed: config.seed)
        async let boundTask = UpperBound.at(trace, capacity: resolved.total)
        async let ceilingTask = UpperBound.at(trace, capacity: max(1, trace.uniqueBlocks))
        async let fitsTask = Self.lengthFits(trace)
        let runs = try await withThrowingTaskGroup(of: (Int, SimulationRun).self) { group in
            for (k, spec) in policies.enumerated() {
                var c = config
                c.policy = spec == config.runPolicy(uniqueBlocks: trace.uniqueBlocks) ? config.policy : spec
                group.addTask { (k, try SimulationRun.execute(config: c, trace: trace)) }
            }
            var byIndex: [(Int, SimulationRun)] = []
            for try await r in group { byIndex.append(r) }
            return byIndex.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var best: [HitSemantics: (policy: PolicySpec, hits: Int, hitTokens: Int)] = [:]
        for semantics in HitSemantics.allCases {
            // The most hit tokens, then the most hits; on a full tie the first listed.
            if let top = runs.reduce(nil as SimulationRun?, { best, run in
                guard let b = best else { return run }
                return (run.result.hitTokens(semantics), run.result.hits(semantics)) > (b.result.hitTokens(semantics), b.result.hits(semantics)) ? run : b
            }) {
                best[semantics] = (top.config.policy, top.result.hits(semantics), top.result.hitTokens(semantics))
            }
        }
        let references = References(
            bound: await boundTask, ceiling: await ceilingTask,
            accesses: trace.measuredAccessCount, inputTokens: trace.measuredInputTokens, bestKnown: best)
        let outcomes = runs.map { PolicyOutcome(run: $0, references: references) }
        let curves = await curvesTask
        let reuse = ReuseAnalysis.analyse(trace, profiles: config.analysis.sampling == nil ? curves.profiles : [])
        let fits = try await fitsTask
        let conclusions = Conclusions.compute(curves: curves, references: references, semantics: config.hitSemantics,
                                              configured: config.runPolicy(uniqueBlocks: trace.uniqueBlocks))
        return ReportData(config: config, trace: trace, inputName: inputName, command: command, folder: folder, outcomes: outcomes,
                          references: references, conclusions: conclusions, curves: curves, reuse: reuse, fits: fits, capacityBlocks: resolved.total)
    }

    /// The fits of the trace's input lengths, and of its output lengths when it has them.
    private static func lengthFits(_ trace: Trace) throws -> [LengthFits] {
        var fits: [LengthFits] = [try LengthFits.fit(.inputLength, trace: trace)]
        if trace.hasOutputLengths { fits.append(try LengthFits.fit(.outputLength, trace: trace)) }
        return fits
    }
}
