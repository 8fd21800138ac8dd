import ArgumentParser
import Foundation
import KVCacheCore
import KVCacheInput
import KVCacheRender

/// `kvcache-sim generate`: writes a config's synthetic workload (MODEL 2.4) as Mooncake
/// JSONL or as a CSV of sequences, or the block-level Zipf benchmark (`--zipf-ids`) as `ids`,
/// byte-identical for the same config and seed, to a file (atomically) or to standard output.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a config's synthetic workload as Mooncake JSONL or CSV, or a Zipf id stream (--zipf-ids) as ids.",
        discussion: """
        CSV traces (sequence_id, sequence_length) cannot express shared prefixes across sequences: use JSONL for such workloads.
        --stream (or --out -) writes to standard output as it generates, the same bytes as the file. A Zipf id stream is generated in bounded memory, O(1) per access (rejection-inversion), e.g.
          kvcache-sim generate --zipf-ids 1000000 --alpha 0.9 --accesses 10000000000 --stream | kvcache-sim mrc --trace - --format ids --sample-rate 0.001
        A config's workload is generated whole first (memory grows with it), then streamed.
        """
    )

    @Option(name: .long, help: "YAML config with a synthetic workload (not with --zipf-ids).")
    var config: String?

    @Option(name: .long, help: "Output file: .jsonl (Mooncake JSONL) or .csv (.txt or .ids with --zipf-ids); another extension, which would read back as another format, is refused. - is standard output.")
    var out: String?

    @Flag(name: .long, help: "Write to standard output as the workload is generated (the same as --out -).")
    var stream = false

    @Option(name: .long, help: "Generate the block-level Zipf benchmark instead of a config's workload: this many ids (1 ... N), one single-block access per line (ids format).")
    var zipfIds: Int?

    @Option(name: .long, help: "With --zipf-ids: the Zipf exponent (default 0.9).")
    var alpha: Double?

    @Option(name: .long, help: "With --zipf-ids: the number of accesses (default 10,000,000).")
    var accesses: Int?

    @Option(name: .long, help: "Output format: mooncake or csv for a config's workload, ids for --zipf-ids (inferred from --out's extension).")
    var format: TraceFormat?

    @Option(name: .long, help: "Override the seed (--zipf-ids: default 42).")
    var seed: UInt64?

    @Option(name: .long, help: "Override the number of requests.")
    var requests: Int?

    /// Options of one mode given to the other are refused, not ignored.
    func validate() throws {
        if stream, let out, out != "-" { throw ValidationError("give --stream or --out \(out), not both") }
        if zipfIds != nil {
            if config != nil { throw ValidationError("--zipf-ids generates its own workload: give it or --config, not both") }
            if requests != nil { throw ValidationError("--requests is for a config's workload; with --zipf-ids give --accesses") }
            if let format, format != .ids { throw ValidationError("--zipf-ids writes the ids format, not \(format.rawValue)") }
        } else {
            if alpha != nil { throw ValidationError("--alpha goes with --zipf-ids (a config's workload has workload.zipf_alpha)") }
            if accesses != nil { throw ValidationError("--accesses goes with --zipf-ids (a config's workload takes --requests)") }
        }
    }

    func run() throws {
        let toStdout = stream || out == "-"
        if let zipfIds {
            guard toStdout || out != nil else { throw ValidationError("give --out FILE or --stream") }
            let alpha = alpha ?? 0.9, accesses = accesses ?? 10_000_000, seed = seed ?? 42
            let generator: ZipfIdStream
            do { generator = try ZipfIdStream(ids: zipfIds, alpha: alpha, accesses: accesses, seed: seed) } catch let e as InputError {
                throw ValidationError("--\(e.field ?? "zipf-ids"): \(e.message)")
            }
            if toStdout {
                try generator.write(to: ByteSink.standardOutput())
                return
            }
            guard let out else { return }
            let named = TraceFormat.fromName((out as NSString).lastPathComponent)
            guard named == .ids else {
                throw ValidationError("--out \(out): --zipf-ids writes the ids format; name the file .txt or .ids")
            }
            try AtomicFile.stream(to: out) { try generator.write(to: $0) }
            status("wrote \(out): \(accesses) accesses, Zipf(\(alpha)) over \(zipfIds) ids, seed \(seed)")
            return
        }
        guard let config else { throw ValidationError("give --config FILE (a synthetic workload) or --zipf-ids N") }
        guard toStdout || out != nil else { throw ValidationError("give --out FILE or --stream") }
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
        let out = toStdout ? "-" : (self.out ?? "-")
        let overwritesInput = !toStdout && PathText.absolute(out) == PathText.absolute(config)
        let format = toStdout ? (format ?? .mooncake) : overwritesInput ? (format ?? .mooncake) : try Self.checkedFormat(out: out, given: format)
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
        if toStdout {
            let sink = ByteSink.standardOutput()
            try sink.write(text)
            try sink.flush()
            return
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
