import ArgumentParser
import Foundation
import KVCacheCore
import KVCacheInput
import KVCacheRender

/// `kvcache-sim generate`: writes a config's synthetic workload (MODEL 2.4) as Mooncake
/// JSONL or as a CSV of sequences, byte-identical for the same config and seed.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a config's synthetic workload as Mooncake JSONL or CSV.",
        discussion: "CSV traces (sequence_id, sequence_length) cannot express shared prefixes across sequences: use JSONL for such workloads."
    )

    @Option(name: .long, help: "YAML config with a synthetic workload.")
    var config: String

    @Option(name: .long, help: "Output file (.jsonl or .csv).")
    var out: String

    @Option(name: .long, help: "Output format: mooncake or csv (inferred from --out's extension).")
    var format: TraceFormat?

    @Option(name: .long, help: "Override the seed.")
    var seed: UInt64?

    @Option(name: .long, help: "Override the number of requests.")
    var requests: Int?

    func run() throws {
        var c = try SimulationConfig.load(path: config)
        if let seed { c.seed = seed }
        guard case .synthetic(var synthetic) = c.workload else {
            throw InputError(file: config, field: "workload.type", "generate needs a synthetic workload")
        }
        if let requests {
            guard requests >= 1 else { throw ValidationError("--requests must be at least 1") }
            synthetic.requests = requests
        }
        let format = format ?? (out.lowercased().hasSuffix(".csv") ? .csv : .mooncake)
        let output = try SyntheticGenerator(config: synthetic, blockSizeTokens: c.blockSizeTokens, seed: c.seed).generate()
        let text: String
        switch format {
        case .mooncake: text = TraceWriter.mooncakeJSONL(output.trace)
        case .csv:
            if synthetic.sharedPrefix != nil {
                throw InputError(file: config, field: "workload.shared_prefix", "CSV traces cannot express shared prefixes; write JSONL instead")
            }
            text = TraceWriter.csv(output.trace, sequence: output.conversation)
        default:
            throw ValidationError("generate writes mooncake or csv, not \(format.rawValue)")
        }
        try AtomicFile.write(text, to: out, inputs: [config])
        print("wrote \(out): \(output.trace.requestCount) requests, \(output.trace.accessCount) block accesses, \(output.trace.uniqueBlocks) unique blocks")
    }
}
