import ArgumentParser
import Foundation
import KVCacheAnalysis
import KVCacheCore
import KVCacheReport

/// `kvcache-sim report`: one folder with report.md, its SVG plots and every table as CSV.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a report (Markdown + SVG + CSV + summary.json): policies beside the belady bound, curves, reuse, length fits.",
        discussion: "The folder is replaced whole (written to a temporary folder first). Same inputs, byte-identical files."
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var cache: CacheOptions

    @Option(name: .long, help: "Policies to compare (default: the configured one plus lru, prefix_lru, lfu; belady is always added).")
    var policies: String?

    @Option(name: .long, help: "Capacity grid for the curves (see `kvcache-sim mrc --help`).")
    var capacities: String?

    @Option(name: .long, help: "Output folder (default: reports/NAME, NAME the config's name or the trace's file name).")
    var out: String?

    func run() async throws {
        var config = try input.loadConfig()
        try cache.apply(to: &config)
        let progress = Progress(label: "report")
        defer { progress.done() }
        progress.step("reading input")
        let trace = try WorkloadLoader.load(config)
        progress.step("simulating, curves, reuse and fits")
        let folder = out ?? "reports/\(config.name)"
        let request = ReportRequest(configPath: input.config, tracePath: input.trace, policies: policies,
                                    capacities: capacities, out: folder)
        let (inputName, shown) = request.present(config)
        let kinds = try policies.map { try parsePolicies($0, config: config) }
        let data = try await ReportData.compute(config: shown, trace: trace, inputName: inputName, command: request.command,
                                                policies: kinds, capacities: capacities)
        try ReportWriter.write(ReportRenderer.files(data), to: folder, inputs: input.inputPaths(config))
        progress.done()
        print("wrote \(folder)/report.md (\(trace.requestCount) requests, \(data.outcomes.count) policies, \(data.curves.capacities.count) capacities)")
    }
}
