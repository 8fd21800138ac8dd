import ArgumentParser
import Foundation
import KVCacheAnalysis
import KVCacheCore
import KVCacheInput
import KVCacheRender

/// `kvcache-sim report`: one folder with report.md, its SVG plots and every table as CSV.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a report (Markdown + SVG + CSV + summary.json): policies beside the proven upper bound, the best known and the infinite cache; curves, reuse, length fits.",
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
        let folder = out ?? "reports/\(config.name)"
        try Self.refuseEnclosingFolder(folder)
        let progress = Progress(label: "report")
        defer { progress.done() }
        progress.stepReading()
        let trace = try WorkloadLoader.load(config, progress: progress.reading)
        progress.step("simulating, curves, reuse and fits")
        let request = ReportRequest(configPath: input.config, out: folder)
        let (inputName, shown) = request.present(config)
        let data = try await ReportData.compute(config: shown, trace: trace, inputName: inputName, command: request.command,
                                                folder: folder)
        try ReportWriter.write(ReportRenderer.files(data), to: folder, inputs: input.inputPaths(config))
        progress.done()
        status("wrote \(folder)/report.md (\(trace.requestCount) requests, \(data.outcomes.count) policies, \(data.curves.capacities.count) capacities)")
    }

    /// The report folder is replaced whole (MODEL 8.1), so it must not be the working folder or
    /// one holding it: `report --out .` would swap the folder the user stands in for a new one.
    static func refuseEnclosingFolder(_ folder: String) throws {
        let cwd = PathText.absolute(FileManager.default.currentDirectoryPath)
        let target = PathText.absolute(folder)
        // Symbolic links: compare real paths too when the folder exists.
        let real = (target as NSString).resolvingSymlinksInPath
        let realCwd = (cwd as NSString).resolvingSymlinksInPath
        for (t, c) in [(target, cwd), (real, realCwd)] where c == t || c.hasPrefix(t == "/" ? "/" : t + "/") {
            throw ValidationError("--out \(folder): the report folder is replaced whole, so it cannot be the working folder or a folder holding it; give a new folder such as reports/NAME")
        }
    }
}
