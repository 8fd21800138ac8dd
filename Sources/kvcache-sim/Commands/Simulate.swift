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

    @Flag(name: .long, help: ArgumentHelp(
        "Simulate while reading, in chunks, holding no trace and no per-request value: memory follows the distinct blocks, not the trace's length (MODEL 3.7).",
        discussion: "Online policies only (\(PolicyKind.allCases.filter(\.isStreamable).map(\.rawValue).joined(separator: ", "))). Needs a trace (a file or - for standard input; not a sessions directory, no re-blocking), a capacity in blocks or bytes, and a warm-up, if any, in requests (6000r). Exact: hits, hit tokens and every hit definition, tiers, evictions, the mean TTFT without queueing. Not kept: TTFT percentiles, queueing, throughput, per-type and per-turn breakdowns. Without --stream, simulate on a trace file also reads while it simulates (online policies holding no trace; belady and belady_bypass learning the future) and reports everything, TTFT percentiles from a multiset of distinct values; not with prefill_servers."))
    var stream = false

    func run() throws {
        var config = try input.loadConfig()
        try cache.apply(to: &config)
        if stream { return try runStream(config) }
        let progress = Progress(label: "simulate")
        defer { progress.done() }
        progress.stepReading()
        // An online policy on a trace file is simulated while the file is read (same run).
        let run: SimulationOutcome
        if let overlapped = try SimulationOutcome.executeOverlapped(config: config, progress: progress.reading) {
            run = overlapped
        } else {
            let trace = try WorkloadLoader.load(config, progress: progress.reading)
            progress.step("simulating \(config.policy)")
            run = try SimulationOutcome.execute(config: config, trace: trace)
        }
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
