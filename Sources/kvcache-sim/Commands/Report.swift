import ArgumentParser
import Foundation
import KVCacheAnalysis
import KVCacheCore
import KVCacheInput
import KVCacheRender

/// `kvcache-sim report`: one folder with report.md, its SVG plots and every table as CSV.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a report (Markdown + SVG + CSV + summary.json): policies beside the belady bound, curves, reuse, length fits.",
        discussion: "The folder is replaced whole (written to a temporary folder first). Same inputs, byte-identical files."
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var cache: CacheOptions

    @OptionGroup var analysis: AnalysisOptions

    @Option(name: .long, help: "Output folder (default: reports/NAME, NAME the config's name or the trace's file name).")
    var out: String?

    func run() async throws {
        var config = try input.loadConfig()
        try cache.apply(to: &config)
        try analysis.apply(to: &config)
        let progress = Progress(label: "report")
        defer { progress.done() }
        progress.step("reading input")
        let trace = try WorkloadLoader.load(config)
        progress.step("simulating, curves, reuse and fits")
        let folder = out ?? "reports/\(config.name)"
        let request = ReportRequest(configPath: input.config, out: folder)
        let (inputName, shown) = request.present(config)
        let data = try await ReportData.compute(config: shown, trace: trace, inputName: inputName, command: request.command,
                                                folder: folder)
        try ReportWriter.write(ReportRenderer.files(data), to: folder, inputs: input.inputPaths(config))
        progress.done()
        print("wrote \(folder)/report.md (\(trace.requestCount) requests, \(data.outcomes.count) policies, \(data.curves.capacities.count) capacities)")
    }
}
