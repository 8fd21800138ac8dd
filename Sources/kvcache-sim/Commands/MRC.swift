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

    @Flag(name: .long, help: "Compute only the listed policies: no offline references (belady, belady_bypass, radix_belady) and no upper bound; faster on large traces.")
    var onlyListed = false

    @Flag(name: .long, help: "Read the trace in chunks and never hold it (MODEL 3.7): the exact curves of the listed one-pass policies (lru, prefix_lru, belady; default lru) in memory proportional to the distinct blocks, for traces of any length, from a file or - (give --format). No upper bound and no simulated policy; a warm-up only in requests (6000r).")
    var stream = false

    func run() async throws {
        let folder = out ?? "."
        var config = try input.loadConfig()
        try analysis.apply(to: &config)
        let progress = Progress(label: "mrc")
        defer { progress.done() }
        progress.stepReading()
        let configured = { (unique: Int) in try? config.resolveCapacity(uniqueBlocks: unique).total }
        func grid(_ unique: Int) throws -> [Int] {
            if allCapacities { return Array(1 ... max(1, unique)) }
            if let spec = config.analysis.capacities { return try CapacityGrid.parse(spec, uniqueBlocks: unique) }
            return CapacityGrid.defaultGrid(uniqueBlocks: unique, extra: configured(unique).map { [$0] } ?? [])
        }
        func policies(_ unique: Int) throws -> [PolicySpec] {
            guard onlyListed else { return config.comparedPolicies(uniqueBlocks: unique) }
            guard let listed = config.analysis.policies, !listed.isEmpty else { throw ValidationError("--only-listed needs --policies (or the config's analysis.policies)") }
            return listed
        }
        _ = try policies(1)
        let set: CurveSet
        if stream {
            set = try streamedCurves(config, progress: progress, grid: grid)
        } else if let (stream, format, rate) = try Self.sampledStream(config) {
            // MODEL 5.11: sampled before interning, in memory proportional to the sample.
            stream.observe(progress.reading)
            set = try await SampledCurves.compute(stream: stream, format: format, rate: rate, seed: config.seed,
                                                  blockSizeTokens: config.blockSizeTokens, blockBytes: config.blockBytes,
                                                  policies: policies, capacities: grid)
        } else {
            let trace = try WorkloadLoader.load(config, progress: progress.reading)
            let kinds = try policies(trace.uniqueBlocks)
            progress.step("computing \(kinds.map(\.description).joined(separator: ", ")) curves")
            set = await CurveSet.compute(trace, policies: kinds, capacities: try grid(trace.uniqueBlocks), blockBytes: config.blockBytes,
                                         analysis: config.analysis, seed: config.seed, bound: !onlyListed)
        }
        let gridCount = set.capacities.count
        try AtomicFile.write(set.csv(), to: folder + "/mrc.csv", inputs: input.inputPaths(config))
        progress.done()
        if json {
            print(set.json().render())
        } else {
            print(CurveTables.compact(set))
            if let sentence = SampledErrorText.sentence(set) { print("\n" + sentence) }
        }
        status("wrote \(folder)/mrc.csv (\(set.curves.count) curves x \(gridCount) capacities)")
    }

    /// The input of a sampled curve that can be read as a stream (MODEL 5.11): a fixed rate,
    /// an `ids` or `oracle-general` trace (given, or inferred for a file) and no warm-up or skipped lines;
    /// nil otherwise (the whole trace is then read and sampled in memory).
    static func sampledStream(_ config: SimulationConfig) throws -> (ByteStream, TraceFormat, Double)? {
        guard case .rate(let rate) = config.analysis.sampling, case .trace(let input) = config.workload,
              case .none = config.warmup, !input.skipBadLines, input.nativeBlockSizeTokens == nil,
              !SessionsReader.isDirectory(input.path) else { return nil }
        // Standard input is streamed only when its format is given (inferring would consume it).
        let format = try input.format ?? (input.path == "-" ? nil : TraceFormat.infer(path: input.path))
        guard let format, format == .ids || format == .oracleGeneral else { return nil }
        let stream = try ByteStream.open(input.path)
        return (stream, format, rate)
    }
}
