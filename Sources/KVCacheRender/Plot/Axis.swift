/// One axis of a chart: its title, its scale and, optionally, a fixed range.
public struct Axis: Sendable, Equatable {
    public var title: String
    public var scale: AxisScale
    /// The values shown at the two ends. nil: chosen from the data and widened to round
    /// numbers (1-2-5 steps; on a log scale to 1, 2 or 5 times a power of ten). Data outside a
    /// fixed range is clipped. On a log scale the lower bound must be positive.
    public var range: ClosedRange<Double>?

    public init(_ title: String = "", scale: AxisScale = .linear, range: ClosedRange<Double>? = nil) {
        self.title = title
        self.scale = scale
        self.range = range
    }
}
