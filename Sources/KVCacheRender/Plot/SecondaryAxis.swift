/// A second scale for the x values, drawn along the top of a chart: the same positions in
/// another unit (`value × factor`), such as bytes beside blocks. Its ticks are round numbers in
/// its own unit, on the primary axis's scale (log or linear).
public struct SecondaryAxis: Sendable, Equatable {
    public var title: String
    /// Secondary value per primary unit (for blocks to GiB: block bytes / 2^30).
    public var factor: Double

    public init(_ title: String, factor: Double) {
        precondition(factor.isFinite && factor > 0, "a secondary axis needs a positive factor")
        self.title = title
        self.factor = factor
    }
}
