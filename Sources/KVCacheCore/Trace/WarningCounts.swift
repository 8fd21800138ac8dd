/// Counts of non-fatal input problems by kind (e.g. `block_count_mismatch`,
/// `timestamp_decrease`, `skipped_bad_line`), reported in summaries (MODEL 9.2).
public struct WarningCounts: Sendable, Equatable {
    public private(set) var counts: [String: Int] = [:]
    /// The first message seen for each kind, to show the user one example.
    public private(set) var examples: [String: String] = [:]

    public init() {}

    public mutating func add(_ kind: String, example: @autoclosure () -> String) {
        if counts[kind] == nil { examples[kind] = example() }
        counts[kind, default: 0] += 1
    }

    /// Adds `other`'s counts; for a kind both have, the example stays this one's (the earlier,
    /// when chunks of one stream are merged in order).
    public mutating func merge(_ other: WarningCounts) {
        for (kind, n) in other.counts {
            if counts[kind] == nil, let e = other.examples[kind] { examples[kind] = e }
            counts[kind, default: 0] += n
        }
    }

    public var total: Int { counts.values.reduce(0, +) }
    public var isEmpty: Bool { counts.isEmpty }
    /// Kinds in a stable order.
    public var sortedKinds: [String] { counts.keys.sorted() }
}
