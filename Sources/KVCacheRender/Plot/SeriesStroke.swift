/// How a line is drawn: colour, dash pattern and width.
public struct SeriesStroke: Sendable, Equatable {
    /// A CSS colour, e.g. "#0072B2".
    public var color: String
    /// SVG `stroke-dasharray` lengths in pixels; empty for a solid line.
    public var dash: [Double]
    public var width: Double

    public init(color: String, dash: [Double] = [], width: Double = 2) {
        self.color = color
        self.dash = dash
        self.width = width
    }

    /// The dash pattern as an SVG attribute value, nil when solid.
    var dashAttribute: String? {
        dash.isEmpty ? nil : dash.map(SVGNumber.text).joined(separator: " ")
    }
}
