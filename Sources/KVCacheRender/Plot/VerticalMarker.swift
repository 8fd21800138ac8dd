/// A labelled vertical line across a chart at a fixed x, such as the configured cache capacity
/// or a target capacity ("90% of achievable"). The label is written along the line, at the top
/// of the plotting area, so several markers never share a legend slot.
public struct VerticalMarker: Sendable, Equatable {
    public var x: Double
    public var label: String
    public var stroke: SeriesStroke

    public init(x: Double, label: String, stroke: SeriesStroke = Palette.marker) {
        self.x = x
        self.label = label
        self.stroke = stroke
    }
}
