import ArgumentParser
import Foundation
import KVCacheCore
import KVCacheInput

/// Where a command's requests come from, shared by every subcommand.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: "YAML config file (see README for the schema).")
    var config: String?

    @Option(name: .long, help: "Trace file, - for standard input, or a directory of sessions files; gzip and zstd are read as such (recognised by their first bytes). Overrides the config's workload.")
    var trace: String?

    @Option(name: .long, help: "Trace format: \(TraceFormat.allCases.map(\.rawValue).joined(separator: ", ")) (inferred from the extension or first bytes when omitted).")
    var format: TraceFormat?

    @Flag(name: .long, help: "Count malformed trace lines as warnings instead of failing.")
    var skipBadLines = false

    @Option(name: .long, help: "Tokens per KV block of the analysis (default 512); a trace with smaller blocks is re-blocked to it (a multiple of the trace's own).")
    var blockSizeTokens: Int?

    @Option(name: .long, help: "The trace's own tokens per block, when not the format's (sessions: 64, bailian: 16, else --block-size-tokens).")
    var traceBlockSizeTokens: Int?

    @Option(name: .long, help: "sessions traces: concatenate (one session after another, default) or interleave (sessions overlap, Poisson session arrivals).")
    var replay: SessionsOptions.ReplayOrder?

    @Option(name: .long, help: "sessions traces with --replay interleave: session arrivals per second.")
    var sessionRate: Double?

    @Option(name: .long, help: "sessions traces with --replay interleave: target number of concurrent sessions (instead of --session-rate).")
    var concurrentSessions: Double?

    @Option(name: .long, help: "Warm-up that is simulated but not counted: a fraction of the requests (0.5), a number of requests (6000r) or trace time (600s, 250ms). Default: none.")
    var warmup: String?

    @Option(name: .long, help: "Seed for synthetic workloads and for the hash of sampled curves (default 42).")
    var seed: UInt64?

    @Option(name: .long, help: "Model whose KV the blocks hold: a preset (\(ModelShape.presets.keys.sorted().joined(separator: ", "))) or a shape, layers=32,kv_heads=8,head_dim=128[,dtype_bytes=2] (MLA: layers=61,kv_lora_rank=512,qk_rope_head_dim=64). Default: the config's, else llama-3-8b.")
    var model: String?

    /// The config after command-line overrides.
    func loadConfig() throws -> SimulationConfig {
        var c = try config.map { try SimulationConfig.load(path: $0) } ?? SimulationConfig()
        if config == nil, trace == nil {
            throw ValidationError("give --config FILE or --trace FILE")
        }
        if let trace {
            // "-" is standard input (only from the command line: a config's trace_path names a file).
            if trace != "-" {
                guard FileManager.default.fileExists(atPath: trace) else { throw InputError(file: trace, "trace file not found") }
            }
            c.workload = .trace(.init(path: trace, format: format, skipBadLines: skipBadLines))
            if config == nil { c.name = trace == "-" ? "stdin" : Self.traceName(trace) }
        }
        if case .trace(var input) = c.workload {
            if let format { input.format = format }
            if skipBadLines { input.skipBadLines = true }
            if let n = traceBlockSizeTokens {
                guard n >= 1 else { throw ValidationError("--trace-block-size-tokens must be at least 1") }
                input.nativeBlockSizeTokens = n
            }
            if let replay { input.sessions.order = replay }
            if let sessionRate { input.sessions.sessionRatePerSecond = sessionRate; input.sessions.concurrentSessions = nil }
            if let concurrentSessions { input.sessions.concurrentSessions = concurrentSessions; input.sessions.sessionRatePerSecond = nil }
            do { try input.sessions.validate() } catch let e as InputError {
                throw ValidationError("--replay: \(e.message)")
            }
            c.workload = .trace(input)
        } else if traceBlockSizeTokens != nil || replay != nil || sessionRate != nil || concurrentSessions != nil {
            throw ValidationError("--trace-block-size-tokens, --replay, --session-rate and --concurrent-sessions apply to a trace, not a synthetic workload")
        }
        if let b = blockSizeTokens {
            guard b >= 1 else { throw ValidationError("--block-size-tokens must be at least 1") }
            c.blockSizeTokens = b
        }
        if let seed { c.seed = seed }
        if let warmup {
            do { c.warmup = try Warmup.parse(warmup) } catch { throw ValidationError("--\(error.description)") }
        }
        if let model { try Self.apply(model: model, to: &c) }
        return c
    }

    /// `--model`: the shape, and the bytes per token it gives (replacing the config's
    /// `model_kv_bytes_per_token`).
    static func apply(model text: String, to c: inout SimulationConfig) throws {
        do { c.model = try ModelSpec.parse(text) } catch let e as InputError { throw ValidationError("--model: \(e.field.map { "\($0): " } ?? "")\(e.message)") }
        c.kvBytesPerToken = c.model.kvBytesPerToken
    }

    /// A run's name from its trace file: the file name without its extension, nor a `.gz`,
    /// `.zst` or `.zstd` before it (`t.jsonl.gz` is `t`).
    static func traceName(_ path: String) -> String {
        var name = (path as NSString).lastPathComponent
        for suffix in [".gz", ".zst", ".zstd"] where name.lowercased().hasSuffix(suffix) && name.count > suffix.count {
            name.removeLast(suffix.count)
            break
        }
        return (name as NSString).deletingPathExtension
    }

    /// The inputs a run must never overwrite (MODEL 8.1); standard input ("-") is no file.
    func inputPaths(_ c: SimulationConfig) -> [String] {
        var paths = [String]()
        if let config { paths.append(config) }
        if case .trace(let input) = c.workload, input.path != "-" { paths.append(input.path) }
        return paths
    }
}

/// Cache overrides shared by `simulate` and `report`.
struct CacheOptions: ParsableArguments {
    @Option(name: .long, help: "Eviction policy: NAME or NAME(key=value,...), e.g. s3fifo(small_ratio=0.2). Names: \(PolicyKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var policy: String?

    @Option(name: .long, help: "Cache capacity in blocks.")
    var capacityBlocks: Int?

    @Option(name: .long, help: "Cache capacity in bytes (units allowed: 16GiB, 500MB).")
    var capacityBytes: String?

    @Option(name: .long, help: "Cache capacity as a fraction (0, 1] of the trace's unique blocks.")
    var capacityFraction: Double?

    @Option(name: .long, help: "hierarchical_lru: L1 capacity in blocks.")
    var l1CapacityBlocks: Int?

    @Option(name: .long, help: "hierarchical_lru: L2 capacity in blocks.")
    var l2CapacityBlocks: Int?

    @Option(name: .long, help: "Hit semantics: prefix (leading run of present blocks, default) or block (every present block).")
    var hitSemantics: HitSemantics?

    func apply(to c: inout SimulationConfig) throws {
        if let policy {
            do { c.policy = try PolicySpec.parse(policy) } catch { throw ValidationError("--policy: \(error)") }
        }
        if let hitSemantics { c.hitSemantics = hitSemantics }
        let given = [capacityBlocks != nil, capacityBytes != nil, capacityFraction != nil].filter { $0 }.count
        guard given <= 1 else { throw ValidationError("give only one of --capacity-blocks, --capacity-bytes, --capacity-fraction") }
        if let n = capacityBlocks {
            guard n >= 1 else { throw ValidationError("--capacity-blocks must be at least 1") }
            c.capacity = .blocks(n)
        }
        if let text = capacityBytes {
            guard let n = ByteSize.parse(text), n >= c.blockBytes else {
                throw ValidationError("--capacity-bytes must be a size of at least one block (\(c.blockBytes) bytes), e.g. 16GiB")
            }
            c.capacity = .bytes(n)
        }
        if let f = capacityFraction {
            guard f > 0, f <= 1 else { throw ValidationError("--capacity-fraction must be in (0, 1]") }
            c.capacity = .fraction(f)
        }
        if let n = l1CapacityBlocks {
            guard n >= 1 else { throw ValidationError("--l1-capacity-blocks must be at least 1") }
            c.l1Capacity = .blocks(n)
        }
        if let n = l2CapacityBlocks {
            guard n >= 1 else { throw ValidationError("--l2-capacity-blocks must be at least 1") }
            c.l2Capacity = .blocks(n)
        }
        if c.policy.kind == .hierarchicalLRU, c.l1Capacity != nil, c.l2Capacity == nil {
            throw ValidationError("hierarchical_lru with an L1 capacity needs an L2 capacity: --l2-capacity-blocks or l2_cache_capacity_* in the config")
        }
    }
}

/// Writes to stderr.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// A status line ("wrote ..."): on stderr, so stdout carries data only.
func status(_ text: String) {
    printError(text)
}
