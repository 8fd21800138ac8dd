import ArgumentParser
import Foundation
import KVCacheCore
import KVCacheInput
import KVCacheRender

/// `kvcache-sim simulate` (the default): one policy at one capacity, hits under both semantics,
/// TTFT and throughput (MODEL 3, 4, 6, 9.2).
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a workload through one KV cache and report hits, TTFT and throughput.",
        discussion: "Policies:\n" + PolicyKind.allCases.map { "  \($0.rawValue): \($0.summary)" }.joined(separator: "\n")
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var cache: CacheOptions

    @Flag(name: .long, help: "Print one JSON object instead of the readable summary.")
    var json = false

    @Option(name: .long, help: "Also write summary.json and config.resolved.yaml into this folder.")
    var out: String?

    func run() throws {
        var config = try input.loadConfig()
        try cache.apply(to: &config)
        let progress = Progress(label: "simulate")
        defer { progress.done() }
        progress.stepReading()
        let trace = try WorkloadLoader.load(config, progress: progress.reading)
        progress.step("simulating \(config.policy)")
        let run = try SimulationRun.execute(config: config, trace: trace)
        progress.done()
        let summary = RunSummary.json(run).render()
        if json { print(summary) } else { print(SummaryText.render(run)) }
        if let out {
            let inputs = input.inputPaths(config)
            try AtomicFile.write(summary + "\n", to: out + "/summary.json", inputs: inputs)
            try AtomicFile.write(config.resolvedYAML(folder: out), to: out + "/config.resolved.yaml", inputs: inputs)
            status("wrote \(out)/summary.json, \(out)/config.resolved.yaml")
        }
    }
}
