/// A labelled horizontal line across a chart at a fixed y, such as the compulsory-miss floor.
/// It is drawn dashed, named in the legend and labelled on the plot at its right end.
public struct ReferenceLine: Sendable, Equatable {
    public var label: String
    public var y: Double
    public var stroke: SeriesStroke

    public init(label: String, y: Double, stroke: SeriesStroke = Palette.reference) {
        self.label = label
        self.y = y
        self.stroke = stroke
    }
}
