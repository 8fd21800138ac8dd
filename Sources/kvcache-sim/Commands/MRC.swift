import ArgumentParser
import Foundation
import KVCacheAnalysis
import KVCacheCore
import KVCacheReport

/// `kvcache-sim mrc`: miss-ratio curves for several policies at many capacities (SEMANTICS 5,
/// 9.3). Exact one-pass curves for lru, prefix_lru and belady; one simulation per capacity
/// (concurrently) for the others.
struct MRC: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mrc",
        abstract: "Miss-ratio curves for several policies (exact one-pass for lru, prefix_lru, belady), written to mrc.csv.",
        discussion: """
        Capacities: a list of blocks (500,1000), of fractions of the unique blocks (0.05,0.1), or a range (1000:100000:log20, 100:1000:lin10).
        The default grid covers 1 block to the unique-block count on a log scale, plus the configured capacity.
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "Comma-separated policies (default: the config's analysis.policies, else lru,prefix_lru,lfu,belady).")
    var policies: String?

    @Option(name: .long, help: "Capacity grid (see above).")
    var capacities: String?

    @Flag(name: .long, help: "For exact curves, report every capacity from 1 to the unique-block count.")
    var allCapacities = false

    @Option(name: .long, help: "Folder for mrc.csv (default: the current folder).")
    var out: String = "."

    @Flag(name: .long, help: "Print the curves as JSON instead of a table.")
    var json = false

    func run() async throws {
        let config = try input.loadConfig()
        let progress = Progress(label: "mrc")
        defer { progress.done() }
        progress.step("reading input")
        let trace = try WorkloadLoader.load(config)
        let kinds = try parsePolicies(policies, config: config)
        progress.step("computing \(kinds.map(\.rawValue).joined(separator: ", ")) curves")
        let configured = try? config.resolveCapacity(uniqueBlocks: trace.uniqueBlocks).total
        var grid: [Int]
        if let spec = capacities ?? config.analysis.capacities {
            grid = try CapacityGrid.parse(spec, uniqueBlocks: trace.uniqueBlocks)
        } else {
            grid = CapacityGrid.defaultGrid(uniqueBlocks: trace.uniqueBlocks, extra: configured.map { [$0] } ?? [])
        }
        if allCapacities { grid = Array(1 ... max(1, trace.uniqueBlocks)) }
        let set = await CurveSet.compute(trace, policies: kinds, capacities: grid, blockBytes: config.blockBytes,
                                         l1Share: config.l1Share(uniqueBlocks: trace.uniqueBlocks))
        try AtomicFile.write(set.csv(), to: out + "/mrc.csv", inputs: input.inputPaths(config))
        progress.done()
        if json {
            print(set.json().render())
        } else {
            print(CurveTables.compact(set))
            print("wrote \(out)/mrc.csv (\(set.curves.count) curves x \(grid.count) capacities)")
        }
    }
}

/// Parses `--policies`, always sorted into a stable order of first mention.
func parsePolicies(_ text: String?, config: SimulationConfig) throws -> [PolicyKind] {
    if let text {
        return try text.split(separator: ",").map { name in
            let s = name.trimmingCharacters(in: .whitespaces)
            guard let p = PolicyKind(rawValue: s) else {
                throw ValidationError("--policies: " + Suggestion.notOneOf(s, PolicyKind.allCases.map(\.rawValue), what: "policy"))
            }
            return p
        }.uniqued()
    }
    return config.analysis.policies ?? [.lru, .prefixLRU, .lfu, .belady]
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
