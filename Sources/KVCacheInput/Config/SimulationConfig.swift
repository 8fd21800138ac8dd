import KVCacheCore
import Foundation
import Yams

/// The whole configuration of a run, a tree of value types whose defaults live here and in the
/// nested types, and nowhere else (STYLE: config saved beside every result). Building one has no
/// side effects; `load(path:)` reads YAML with the checks of MODEL 1.2: unknown keys (with a
/// suggestion), wrong types, bad values and conflicting capacities are `InputError`s that name
/// the key path.
public struct SimulationConfig: Sendable, Equatable {
    public var name = "run"
    public var seed: UInt64 = 42
    public var policy: PolicySpec = .lru
    public var hitSemantics: HitSemantics = .prefix
    public var blockSizeTokens = 512
    public var model: ModelShape = .llama3_8b
    /// MODEL 1.2: from `model_kv_bytes_per_token`, else from the model shape.
    public var kvBytesPerToken: Int
    /// The single cache's size; nil means 10% of the unique blocks (`capacityDefaulted`).
    public var capacity: CapacitySpec?
    public var l1Capacity: CapacitySpec?
    public var l2Capacity: CapacitySpec?
    public var workload: WorkloadConfig = .synthetic(SyntheticConfig())
    public var timeModel = TimeModelConfig()
    public var analysis = AnalysisConfig()
    /// Requests that warm the cache up without being counted (MODEL 3.6), from
    /// `measurement.warmup*` or `--warmup`.
    public var warmup: Warmup = .none
    /// The file this config came from, if any.
    public var sourcePath: String?

    public init() {
        kvBytesPerToken = model.kvBytesPerToken
    }

    /// MODEL 1.2: `block_bytes = block_size_tokens x kv_bytes_per_token`.
    public var blockBytes: Int { blockSizeTokens * kvBytesPerToken }

    /// The capacity used when none is configured.
    public static let defaultCapacity = CapacitySpec.fraction(0.1)

    static let keys = [
        "name", "seed", "policy", "hit_semantics", "block_size_tokens", "model", "model_kv_bytes_per_token",
        "cache_capacity_bytes", "cache_capacity_blocks", "cache_capacity_fraction", "trace_cache_capacity_fraction",
        "l1_cache_capacity_bytes", "l1_cache_capacity_blocks", "l2_cache_capacity_bytes", "l2_cache_capacity_blocks",
        "workload", "time_model", "analysis", "measurement",
    ]
    static let measurementKeys = ["warmup", "warmup_fraction", "warmup_requests", "warmup_seconds"]
    static let traceKeys = ["trace_path", "path", "format", "skip_bad_lines", "trace_block_size_tokens", "replay",
                            "session_rate_per_s", "concurrent_sessions"]
    static let workloadKeys = ["type", "cache_capacity_fraction"] + traceKeys
        + SyntheticConfig.keys

    /// Reads and checks a YAML config file.
    public static func load(path: String) throws -> SimulationConfig {
        try parse(yaml: YAMLDocument.text(at: path, what: "config file"), file: path)
    }

    /// Parses YAML text; `file` names it in errors and anchors relative trace paths.
    public static func parse(yaml: String, file: String = "<config>") throws -> SimulationConfig {
        let root = try YAMLDocument.root(yaml, file: file)
        var config = SimulationConfig()
        config.sourcePath = file
        config.name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        guard let root else { return config }
        let m = try ConfigMap(root, path: "", file: file, known: keys)
        try config.read(m)
        return config
    }

    private mutating func read(_ m: ConfigMap) throws {
        if let v = try m.string("name") { name = v }
        if let v = try m.int("seed") {
            guard v >= 0 else { throw m.error("seed", "must not be negative") }
            seed = UInt64(v)
        }
        if let text = try m.string("policy") {
            do { policy = try PolicySpec.parse(text) } catch { throw m.error("policy", "\(error)") }
        }
        hitSemantics = try m.choice("hit_semantics", HitSemantics.self) ?? hitSemantics
        if let v = try m.int("block_size_tokens") {
            guard v >= 1 else { throw m.error("block_size_tokens", "must be at least 1") }
            blockSizeTokens = v
        }
        try readModel(m)
        try readCapacities(m)
        if let w = try m.map("workload", known: Self.workloadKeys) { try readWorkload(w) }
        if let t = try m.map("time_model", known: TimeModelConfig.keys) { timeModel = try TimeModelConfig(t) }
        if let a = try m.map("analysis", known: AnalysisConfig.keys) { analysis = try AnalysisConfig(a) }
        if let w = try m.map("measurement", known: Self.measurementKeys) { try readMeasurement(w) }
        try checkCapacities(m)
    }

    /// `measurement:` takes one of `warmup` (the `--warmup` text: `0.5`, `6000r`, `600s`),
    /// `warmup_fraction`, `warmup_requests` or `warmup_seconds` (MODEL 3.6).
    private mutating func readMeasurement(_ m: ConfigMap) throws {
        let given = Self.measurementKeys.filter { m.has($0) }
        guard given.count <= 1 else {
            throw m.error(given[1], "give one warm-up, not \(given.joined(separator: " and "))")
        }
        func parsed(_ key: String, _ text: String) throws -> Warmup {
            do { return try Warmup.parse(text) } catch { throw m.error(key, error.description) }
        }
        if let text = try m.string("warmup") { warmup = try parsed("warmup", text) }
        if let f = try m.double("warmup_fraction") {
            guard f >= 0, f < 1 else { throw m.error("warmup_fraction", "must be in [0, 1), got \(f)") }
            warmup = f == 0 ? .none : .fraction(f)
        }
        if let n = try m.int("warmup_requests") {
            guard n >= 0 else { throw m.error("warmup_requests", "must not be negative") }
            warmup = n == 0 ? .none : .requests(n)
        }
        if let s = try m.double("warmup_seconds") {
            guard s >= 0 else { throw m.error("warmup_seconds", "must not be negative") }
            warmup = s == 0 ? .none : .milliseconds(s * 1000)
        }
    }

    private mutating func readModel(_ m: ConfigMap) throws {
        if let node = m.node["model"] {
            if let name = node.string, node.scalar != nil {
                guard let preset = ModelShape.presets[name] else {
                    throw m.error("model", Suggestion.notOneOf(name, ModelShape.presets.keys.sorted(), what: "model preset"))
                }
                model = preset
            } else {
                let s = try ConfigMap(node, path: "model", file: m.file, known: ModelShape.shapeKeys)
                var values: [String: Double] = [:]
                for key in ModelShape.shapeKeys where key != "name" {
                    if let v = try s.double(key) { values[key] = v }
                }
                switch ModelShape.shape(name: try s.string("name") ?? "custom", values: values) {
                case .success(let shape): model = shape
                case .failure(let e): throw s.error(e.key, e.message)
                }
            }
        }
        kvBytesPerToken = model.kvBytesPerToken
        if let v = try m.int("model_kv_bytes_per_token") {
            guard v >= 1 else { throw m.error("model_kv_bytes_per_token", "must be at least 1") }
            kvBytesPerToken = v
        }
    }

    /// MODEL 1.3: one way to give each cache's size; two is an error naming the key.
    private mutating func readCapacities(_ m: ConfigMap) throws {
        func one(_ prefix: String, fractionKeys: [String]) throws -> CapacitySpec? {
            var found: (String, CapacitySpec)?
            func set(_ key: String, _ spec: CapacitySpec) throws {
                if let (other, _) = found {
                    throw m.error(key, "gives the same cache's size as '\(other)': give only one of them")
                }
                found = (key, spec)
            }
            if let v = try m.int(prefix + "cache_capacity_blocks") {
                guard v >= 1 else { throw m.error(prefix + "cache_capacity_blocks", "must be at least 1 block") }
                try set(prefix + "cache_capacity_blocks", .blocks(v))
            }
            if let v = try m.bytes(prefix + "cache_capacity_bytes") {
                guard v >= 0 else { throw m.error(prefix + "cache_capacity_bytes", "must not be negative") }
                try set(prefix + "cache_capacity_bytes", .bytes(v))
            }
            for key in fractionKeys {
                if let v = try m.double(key) {
                    guard v > 0, v <= 1 else { throw m.error(key, "must be in (0, 1] (a fraction of the trace's unique blocks)") }
                    try set(key, .fraction(v))
                }
            }
            return found?.1
        }
        capacity = try one("", fractionKeys: ["cache_capacity_fraction", "trace_cache_capacity_fraction"])
        l1Capacity = try one("l1_", fractionKeys: [])
        l2Capacity = try one("l2_", fractionKeys: [])
    }

    private mutating func checkCapacities(_ m: ConfigMap) throws {
        if policy.kind == .hierarchicalLRU {
            if capacity != nil, l1Capacity != nil {
                throw m.error("cache_capacity_bytes", "hierarchical_lru takes l1_cache_capacity_* and l2_cache_capacity_*, not cache_capacity_*")
            }
            if l1Capacity != nil, l2Capacity == nil { throw m.error("l2_cache_capacity_bytes", "required with l1_cache_capacity_* (or l2_cache_capacity_blocks)") }
        }
        if case .bytes(let b) = capacity, b / max(1, blockBytes) < 1 {
            throw m.error("cache_capacity_bytes", "is below one block (\(blockBytes) bytes = \(blockSizeTokens) tokens x \(kvBytesPerToken) bytes per token)")
        }
        for (key, spec) in [("l1_cache_capacity_bytes", l1Capacity), ("l2_cache_capacity_bytes", l2Capacity)] {
            if case .bytes(let b) = spec, b / max(1, blockBytes) < 1 {
                throw m.error(key, "is below one block (\(blockBytes) bytes)")
            }
        }
    }

    private mutating func readWorkload(_ w: ConfigMap) throws {
        let type = try w.string("type") ?? (w.has("trace_path") || w.has("path") ? "trace" : "synthetic")
        if let v = try w.double("cache_capacity_fraction") {
            guard capacity == nil else {
                throw w.error("cache_capacity_fraction", "the cache's size is already given at the top level: give only one")
            }
            guard v > 0, v <= 1 else { throw w.error("cache_capacity_fraction", "must be in (0, 1]") }
            capacity = .fraction(v)
        }
        switch type {
        case "synthetic":
            for key in Self.traceKeys where w.has(key) {
                throw w.error(key, "applies to workload.type trace, not synthetic")
            }
            workload = .synthetic(try SyntheticConfig(w))
        case "trace":
            for key in SyntheticConfig.keys where w.has(key) {
                throw w.error(key, "applies to workload.type synthetic, not trace")
            }
            if w.has("trace_path"), w.has("path") { throw w.error("path", "give trace_path or path, not both") }
            let key = w.has("path") ? "path" : "trace_path"
            guard let raw = try w.string(key) else { throw w.error("trace_path", "required for workload.type trace") }
            let path = Self.resolve(raw, relativeTo: w.file)
            guard FileManager.default.fileExists(atPath: path) else {
                throw w.error(key, "trace file not found: \(raw)")
            }
            var input = WorkloadConfig.TraceInput(path: path, format: try w.choice("format", TraceFormat.self),
                                                  skipBadLines: try w.bool("skip_bad_lines") ?? false, label: raw)
            if let n = try w.int("trace_block_size_tokens") {
                guard n >= 1 else { throw w.error("trace_block_size_tokens", "must be at least 1") }
                input.nativeBlockSizeTokens = n
            }
            input.sessions.order = try w.choice("replay", SessionsOptions.ReplayOrder.self) ?? .concatenate
            input.sessions.sessionRatePerSecond = try w.double("session_rate_per_s")
            input.sessions.concurrentSessions = try w.double("concurrent_sessions")
            do { try input.sessions.validate() } catch let e as InputError {
                throw InputError(file: w.file, line: nil, field: e.field, e.message)
            }
            workload = .trace(input)
        default:
            throw w.error("type", Suggestion.notOneOf(type, ["synthetic", "trace"]))
        }
    }

    /// MODEL 8.3: a relative path in a config is taken from the config file's folder, never
    /// from the working directory (a config given as text with no file keeps the path as is).
    static func resolve(_ path: String, relativeTo configFile: String) -> String {
        PathText.resolve(path, in: (configFile as NSString).deletingLastPathComponent)
    }
}
