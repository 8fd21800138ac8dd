import ArgumentParser
import Foundation
import KVCacheAnalysis
import KVCacheCore
import KVCacheInput
import KVCacheRender

/// `kvcache-sim mrc`: miss-ratio curves for several policies at many capacities (MODEL 5,
/// 9.3). Exact one-pass curves for lru, prefix_lru and belady; one simulation per capacity
/// (concurrently) for the others.
struct MRC: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mrc",
        abstract: "Miss-ratio curves for several policies (exact one-pass for lru, prefix_lru, belady) and the proven upper bound, written to mrc.csv.",
        discussion: """
        Capacities: a list of blocks (500,1000), of fractions of the unique blocks (0.05,0.1), or a range (1000:100000:log20, 100:1000:lin10).
        The default grid covers 1 block to the unique-block count on a log scale, plus the configured capacity.
        """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var analysis: AnalysisOptions

    @Flag(name: .long, help: "For exact curves, report every capacity from 1 to the unique-block count.")
    var allCapacities = false

    @Option(name: .long, help: "Folder for mrc.csv (default: the current folder).")
    var out: String?

    @Flag(name: .long, help: "Print the curves as JSON instead of a table.")
    var json = false

    func run() async throws {
        let folder = out ?? "."
        var config = try input.loadConfig()
        try analysis.apply(to: &config)
        let progress = Progress(label: "mrc")
        defer { progress.done() }
        progress.stepReading()
        let trace = try WorkloadLoader.load(config, progress: progress.reading)
        let kinds = config.comparedPolicies(uniqueBlocks: trace.uniqueBlocks)
        progress.step("computing \(kinds.map(\.description).joined(separator: ", ")) curves")
        let configured = try? config.resolveCapacity(uniqueBlocks: trace.uniqueBlocks).total
        var grid: [Int]
        if let spec = config.analysis.capacities {
            grid = try CapacityGrid.parse(spec, uniqueBlocks: trace.uniqueBlocks)
        } else {
            grid = CapacityGrid.defaultGrid(uniqueBlocks: trace.uniqueBlocks, extra: configured.map { [$0] } ?? [])
        }
        if allCapacities { grid = Array(1 ... max(1, trace.uniqueBlocks)) }
        let set = await CurveSet.compute(trace, policies: kinds, capacities: grid, blockBytes: config.blockBytes,
                                         analysis: config.analysis, seed: config.seed)
        try AtomicFile.write(set.csv(), to: folder + "/mrc.csv", inputs: input.inputPaths(config))
        progress.done()
        if json {
            print(set.json().render())
        } else {
            print(CurveTables.compact(set))
        }
        status("wrote \(folder)/mrc.csv (\(set.curves.count) curves x \(grid.count) capacities)")
    }
}
