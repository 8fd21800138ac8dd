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
    /// A label written on the plot beside the line (besides the legend), for lines a reader
    /// must find at a glance (a bound). nil: legend only.
    public var directLabel: DirectLabel?

    public init(name: String, points: [PlotPoint], interpolation: Interpolation = .linear, stroke: SeriesStroke? = nil,
                directLabel: DirectLabel? = nil) {
        self.name = name
        self.points = points
        self.interpolation = interpolation
        self.stroke = stroke
        self.directLabel = directLabel
    }

    /// A series from parallel arrays of x and y values, which must have the same length.
    public init(name: String, x: [Double], y: [Double], interpolation: Interpolation = .linear, stroke: SeriesStroke? = nil,
                directLabel: DirectLabel? = nil) {
        precondition(x.count == y.count, "a series needs as many x values as y values")
        self.init(name: name, points: zip(x, y).map { PlotPoint($0, $1) }, interpolation: interpolation, stroke: stroke,
                  directLabel: directLabel)
    }
}

/// Text written on a chart next to its line.
public struct DirectLabel: Sendable, Equatable {
    public var text: String
    /// Where along the line's drawn width, from 0 (left end) to 1 (right end).
    public var at: Double
    /// Below the line rather than above it.
    public var below: Bool

    public init(_ text: String, at: Double = 1, below: Bool = false) {
        self.text = text
        self.at = min(1, max(0, at))
        self.below = below
    }
}
