import Foundation
import KVCacheCore
import Yams

/// `sweep.yaml` (MODEL 9.5): inputs (traces or configs) x policies over one capacity grid,
/// cut into tasks that shards run independently and a merge combines.
public struct SweepSpec: Sendable, Equatable {
    /// One input of the sweep: a trace file or a config file.
    public struct Input: Sendable, Equatable {
        public enum Kind: String, Sendable { case trace, config }
        public var kind: Kind
        /// The path as written in the spec (what task ids and outputs show).
        public var label: String
        /// The path resolved against the spec's folder.
        public var path: String
        /// `traces:` entries may name their format.
        public var format: TraceFormat?
    }

    public var inputs: [Input] = []
    public var policies: [PolicySpec] = []
    /// Capacity grid, the `--capacities` syntax (MODEL 9.3).
    public var capacities = ""
    public var warmup: Warmup?
    public var blockSizeTokens: Int?
    /// Model text (a preset or a shape) and its shape.
    public var modelText: String?
    public var model: ModelShape?
    /// Whether each input also gets an `upper_bound` task (default true).
    public var upperBound = true
    public var sourcePath = "<spec>"

    public init() {}

    static let keys = ["traces", "configs", "policies", "capacities", "warmup", "block_size_tokens", "model", "upper_bound"]
    static let traceKeys = ["path", "format"]

    /// Reads and checks a spec file.
    public static func load(path: String) throws -> SweepSpec {
        try parse(yaml: YAMLDocument.text(at: path, what: "sweep spec"), file: path)
    }

    /// Parses YAML text; `file` names it in errors and anchors relative paths (MODEL 8.3).
    public static func parse(yaml: String, file: String = "<spec>") throws -> SweepSpec {
        guard let root = try YAMLDocument.root(yaml, file: file) else { throw InputError(file: file, "empty sweep spec: give traces or configs, policies and capacities") }
        let m = try ConfigMap(root, path: "", file: file, known: keys)
        var spec = SweepSpec()
        spec.sourcePath = file
        let folder = (file as NSString).deletingLastPathComponent
        if let node = m.node["traces"] {
            guard let items = node.sequence else { throw m.error("traces", "expected a list of trace paths") }
            for (i, item) in items.enumerated() {
                let where_ = "traces[\(i)]"
                if let text = item.string, item.scalar != nil {
                    spec.inputs.append(Input(kind: .trace, label: text, path: PathText.resolve(text, in: folder)))
                } else {
                    let t = try ConfigMap(item, path: where_, file: file, known: traceKeys)
                    guard let text = try t.string("path") else { throw InputError(file: file, line: item.line, field: where_ + ".path", "missing: the trace's path") }
                    let format = try t.choice("format", TraceFormat.self)
                    spec.inputs.append(Input(kind: .trace, label: text, path: PathText.resolve(text, in: folder), format: format))
                }
            }
        }
        if let names = try m.list("configs") {
            spec.inputs += names.map { Input(kind: .config, label: $0, path: PathText.resolve($0, in: folder)) }
        }
        guard !spec.inputs.isEmpty else {
            throw InputError(file: file, field: "traces", "give at least one input under traces or configs")
        }
        guard let names = try m.list("policies"), !names.isEmpty else {
            throw InputError(file: file, field: "policies", "give at least one policy, e.g. [lru, prefix_lru]")
        }
        for name in names {
            do { spec.policies.append(try PolicySpec.parse(name)) } catch { throw m.error("policies", "\(error)") }
        }
        if Set(spec.policies).count != spec.policies.count { throw m.error("policies", "a policy is listed twice") }
        guard let grid = try m.string("capacities") else {
            throw InputError(file: file, field: "capacities", "give the capacity grid, e.g. 100:8000:log20 or 0.05,0.1")
        }
        spec.capacities = grid
        if let text = try m.string("warmup") {
            do { spec.warmup = try Warmup.parse(text) } catch { throw m.error("warmup", error.description) }
        }
        if let b = try m.int("block_size_tokens") {
            guard b >= 1 else { throw m.error("block_size_tokens", "must be at least 1") }
            spec.blockSizeTokens = b
        }
        if let text = try m.string("model") {
            do { spec.model = try ModelSpec.parse(text) } catch let e as InputError { throw m.error("model", e.message) }
            spec.modelText = text
        }
        spec.upperBound = try m.bool("upper_bound") ?? true
        return spec
    }

    /// The tasks, in plan order: for each input, its policies, then its upper bound.
    public func tasks() -> [SweepTask] {
        var out = [SweepTask]()
        for (i, input) in inputs.enumerated() {
            let policyNames: [PolicySpec?] = policies.map { $0 } + (upperBound ? [nil] : [])
            for p in policyNames {
                var text = "input=\(input.kind.rawValue):\(input.label)"
                if let f = input.format { text += ";format=\(f.rawValue)" }
                text += ";policy=\(p?.description ?? "upper_bound");capacities=\(capacities)"
                text += ";warmup=\(warmup?.description ?? "default");block_size_tokens=\(blockSizeTokens.map(String.init) ?? "default")"
                text += ";model=\(modelText ?? "default")"
                out.append(SweepTask(index: out.count, input: i, policy: p, canonical: text))
            }
        }
        return out
    }

    /// The sweep's identity: the hash of every task's canonical text, in order. Partial results
    /// of different sweeps never merge.
    public func digest() -> String {
        SweepTask(index: 0, input: 0, policy: nil, canonical: tasks().map(\.canonical).joined(separator: "\n")).id
    }

    /// The simulation config of one input: a trace with the defaults, or the config file; the
    /// spec's warm-up, block size and model override either.
    public func config(for input: Input) throws -> SimulationConfig {
        var c: SimulationConfig
        switch input.kind {
        case .config:
            c = try SimulationConfig.load(path: input.path)
        case .trace:
            guard FileManager.default.fileExists(atPath: input.path) else {
                throw InputError(file: input.label, "trace file not found (from \(sourcePath))")
            }
            c = SimulationConfig()
            c.workload = .trace(.init(path: input.path, format: input.format, label: input.label))
            c.name = input.label
        }
        if let warmup { c.warmup = warmup }
        if let blockSizeTokens { c.blockSizeTokens = blockSizeTokens }
        if let model {
            c.model = model
            c.kvBytesPerToken = model.kvBytesPerToken
        }
        return c
    }
}
