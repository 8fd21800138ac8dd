/// A named line on a `LineChart`.
///
/// Points are joined in the order given. A point the axes cannot show (NaN, infinite, or not
/// positive on a log axis) is skipped and its neighbours are joined. A series with a single
/// drawable point shows as a dot.
public struct LineSeries: Sendable, Equatable {
    /// How consecutive points are joined.
    public enum Interpolation: Sendable, Equatable {
        /// Straight segments.
        case linear
        /// Each y holds until the next point's x, then jumps: a miss-ratio curve sampled at
        /// cache sizes, where the ratio at size c holds for every size up to the next sample.
        case stepAfter
    }

    public var name: String
    public var points: [PlotPoint]
    public var interpolation: Interpolation
    /// nil: the palette's colour and dash for the series' position in the chart.
    public var stroke: SeriesStroke?

    public init(name: String, points: [PlotPoint], interpolation: Interpolation = .linear, stroke: SeriesStroke? = nil) {
        self.name = name
        self.points = points
        self.interpolation = interpolation
        self.stroke = stroke
    }

    /// A series from parallel arrays of x and y values, which must have the same length.
    public init(name: String, x: [Double], y: [Double], interpolation: Interpolation = .linear, stroke: SeriesStroke? = nil) {
        precondition(x.count == y.count, "a series needs as many x values as y values")
        self.init(name: name, points: zip(x, y).map { PlotPoint($0, $1) }, interpolation: interpolation, stroke: stroke)
    }
}
