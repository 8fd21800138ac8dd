/// A second scale for the x values, drawn along the top of a chart: the same positions in
/// another unit (`value × factor`), such as bytes beside blocks. Its ticks are round numbers in
/// its own unit, on the primary axis's scale (log or linear).
public struct SecondaryAxis: Sendable, Equatable {
    public var title: String
    /// Secondary value per primary unit (for blocks to GiB: block bytes / 2^30).
    public var factor: Double

    /// The secondary values are bytes: on a log axis, ticks at 1, 10 and 100 KiB, MiB, GiB,
    /// TiB, PiB, labelled with their unit ("100 GiB", "1 TiB"), minor ticks at 2 and 5 times those.
    public var isBytes: Bool

    public init(_ title: String, factor: Double, isBytes: Bool = false) {
        precondition(factor.isFinite && factor > 0, "a secondary axis needs a positive factor")
        self.title = title
        self.factor = factor
        self.isBytes = isBytes
    }

    /// Byte ticks inside `domain` (bytes): see `isBytes`.
    static func byteTicks(in domain: ClosedRange<Double>) -> [Tick] {
        let units = [("KiB", 1024.0), ("MiB", 1_048_576.0), ("GiB", 1_073_741_824.0),
                     ("TiB", 1_099_511_627_776.0), ("PiB", 1_125_899_906_842_624.0)]
        var ticks: [Tick] = []
        for (name, size) in units {
            for m in [1.0, 2, 5, 10, 20, 50, 100, 200, 500] {
                let v = m * size
                guard domain.contains(v) else { continue }
                let labelled = m == 1 || m == 10 || m == 100
                ticks.append(Tick(value: v, label: labelled ? "\(Int(m)) \(name)" : nil, prominence: m == 1 ? 0 : labelled ? 1 : 2))
            }
        }
        return ticks
    }
}
