import KVCacheAnalysis
import KVCacheCore
import KVCacheInput

/// The result of one sweep task (MODEL 9.5): its `mrc.csv` rows, exactly as `mrc` writes them,
/// and the numbers behind them for `summary.json`.
public struct SweepResult: Codable, Sendable, Equatable {
    /// Hits at each capacity under one semantics.
    public struct Curve: Codable, Sendable, Equatable {
        public var semantics: String
        public var hits: [Int]
        public var hitTokens: [Int]
    }

    public var index: Int
    public var id: String
    public var input: String
    public var policy: String
    /// `exact`, `simulated` or `bound` (MODEL 9.3).
    public var method: String
    public var uniqueBlocks: Int
    public var blockBytes: Int
    public var accesses: Int
    public var inputTokens: Int
    public var capacityBlocks: [Int]
    public var curves: [Curve]
    /// `mrc.csv` rows without the header (MODEL 9.3).
    public var rows: [String]

    /// From the curves of one policy (or only the bound) computed by `CurveSet.compute`.
    public init(task: SweepTask, input: String, set: CurveSet) {
        index = task.index
        id = task.id
        self.input = input
        policy = task.policyName
        uniqueBlocks = set.uniqueBlocks
        blockBytes = set.blockBytes
        capacityBlocks = set.capacities
        rows = set.csv().split(separator: "\n", omittingEmptySubsequences: true).dropFirst().map(String.init)
        if task.policy == nil, let bound = set.bound {
            method = "bound"
            accesses = bound.accesses
            inputTokens = bound.inputTokens
            curves = HitSemantics.allCases.map {
                Curve(semantics: $0.rawValue, hits: bound.points.map(\.hits), hitTokens: bound.points.map(\.hitTokens))
            }
        } else {
            method = set.curves.first?.method.rawValue ?? "exact"
            accesses = set.curves.first?.accesses ?? 0
            inputTokens = set.curves.first?.inputTokens ?? 0
            curves = set.curves.map {
                Curve(semantics: $0.semantics.rawValue, hits: $0.points.map(\.hits), hitTokens: $0.points.map(\.hitTokens))
            }
        }
    }

    /// The task's entry in `summary.json`.
    func summary() -> JSONValue {
        .object([
            ("index", .int(index)), ("id", .string(id)), ("input", .string(input)), ("policy", .string(policy)),
            ("method", .string(method)), ("unique_blocks", .int(uniqueBlocks)), ("block_bytes", .int(blockBytes)),
            ("accesses", .int(accesses)), ("input_tokens", .int(inputTokens)),
            ("capacity_blocks", .array(capacityBlocks.map { .int($0) })),
            ("curves", .array(curves.map { c in
                .object([
                    ("semantics", .string(c.semantics)),
                    ("hits", .array(c.hits.map { .int($0) })),
                    ("hit_tokens", .array(c.hitTokens.map { .int($0) })),
                    ("miss_ratio", .array(c.hits.map { .double(accesses == 0 ? 0 : 1 - Double($0) / Double(accesses)) })),
                ])
            })),
        ])
    }
}
