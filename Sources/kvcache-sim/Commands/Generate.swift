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

    @Option(name: .long, help: "Output file: .jsonl (Mooncake JSONL) or .csv; another extension, which would read back as another format, is refused.")
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
        // Overwriting the config is refused first, by the write (MODEL 8.1), whatever the name.
        let overwritesInput = PathText.absolute(out) == PathText.absolute(config)
        let format = overwritesInput ? (format ?? .mooncake) : try Self.checkedFormat(out: out, given: format)
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
        status("wrote \(out): \(output.trace.requestCount) requests, \(output.trace.accessCount) block accesses, \(output.trace.uniqueBlocks) unique blocks")
    }

    /// The format to write to `out`: the one its name says, which must be mooncake or csv and
    /// agree with `--format`, so that the file reads back as written.
    static func checkedFormat(out: String, given: TraceFormat?) throws -> TraceFormat {
        let named = TraceFormat.fromName((out as NSString).lastPathComponent)
        let wanted = given ?? (named == .csv ? .csv : .mooncake)
        guard wanted == .mooncake || wanted == .csv else {
            throw ValidationError("generate writes mooncake or csv, not \(wanted.rawValue)")
        }
        if named != wanted {
            let base = (out as NSString).deletingPathExtension
            let suggestion = base + (wanted == .csv ? ".csv" : ".jsonl")
            let reads = named.map { "reads back as \($0.rawValue)" } ?? "has no format the readers know"
            throw ValidationError("--out \(out): a file of this name \(reads), not \(wanted.rawValue); name it \(suggestion)")
        }
        return wanted
    }
}
