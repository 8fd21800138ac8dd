import KVCacheCore
/// What `mrc` and `report` compute when a config drives them: the policies to compare (always
/// with `belady` beside them) and the capacity grid.
public struct AnalysisConfig: Sendable, Equatable {
    /// Policies for curves; nil means the configured policy plus `lru`, `prefix_lru`, `lfu`.
    public var policies: [PolicySpec]?
    /// A capacity grid spec (`1000:100000:log20`, `0.1,0.2`, `500,1000`); nil: the default grid.
    public var capacities: String?
    /// Sampled curves (MODEL 5.11): a rate in (0, 1], or a number of prefix trees; nil: exact.
    public var sampleRate: Double?
    public var sampleSize: Int?

    public init() {}

    static let keys = ["policies", "capacities", "sample_rate", "sample_size"]

    init(_ m: ConfigMap) throws {
        if let names = try m.list("policies") {
            policies = try names.map { name in
                do { return try PolicySpec.parse(name) } catch { throw m.error("policies", "\(error)") }
            }
        }
        capacities = try m.string("capacities")
        if let r = try m.double("sample_rate") {
            guard r > 0, r <= 1 else { throw m.error("sample_rate", "must be in (0, 1], got \(r)") }
            sampleRate = r
        }
        if let s = try m.int("sample_size") {
            guard s >= 1 else { throw m.error("sample_size", "must be at least 1") }
            sampleSize = s
        }
        if sampleRate != nil && sampleSize != nil { throw m.error("sample_size", "give sample_rate or sample_size, not both") }
    }
}
