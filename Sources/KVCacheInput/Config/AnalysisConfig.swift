import KVCacheCore
/// What `mrc` and `report` compute when a config drives them: the policies to compare (always
/// with `belady` beside them) and the capacity grid.
public struct AnalysisConfig: Sendable, Equatable {
    /// Policies for curves; nil means the configured policy plus `lru`, `prefix_lru`, `lfu`.
    public var policies: [PolicySpec]?
    /// A capacity grid spec (`1000:100000:log20`, `0.1,0.2`, `500,1000`); nil: the default grid.
    public var capacities: String?

    public init() {}

    static let keys = ["policies", "capacities"]

    init(_ m: ConfigMap) throws {
        if let names = try m.list("policies") {
            policies = try names.map { name in
                do { return try PolicySpec.parse(name) } catch { throw m.error("policies", "\(error)") }
            }
        }
        capacities = try m.string("capacities")
    }
}
