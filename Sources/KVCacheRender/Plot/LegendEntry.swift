/// One row of a legend: a swatch and a name.
struct LegendEntry: Sendable, Equatable {
    enum Swatch: Sendable, Equatable {
        /// A short line drawn with the series' stroke.
        case line(SeriesStroke)
        /// A filled square, for bars.
        case box(fill: String)
    }

    var label: String
    var swatch: Swatch

    static let fontSize = 12.0
    static let swatchWidth = 28.0
    static let rowHeight = 20.0
    static let padding = 8.0

    /// Width of the row: swatch, gap, label.
    var width: Double { Self.swatchWidth + 8 + TextMetrics.width(label, fontSize: Self.fontSize) }

    /// Draws the row with its top-left corner at (x, y).
    func draw(into doc: inout SVGDocument, x: Double, y: Double) {
        let mid = y + Self.rowHeight / 2
        switch swatch {
        case .line(let stroke):
            doc.line(x1: x, y1: mid, x2: x + Self.swatchWidth, y2: mid, stroke: stroke)
        case .box(let fill):
            doc.rect(PlotRect(x: x + 7, y: mid - 7, width: 14, height: 14), fill: fill, stroke: Palette.axis, strokeWidth: 0.5)
        }
        doc.text(label, x: x + Self.swatchWidth + 8, y: mid + 4, size: Self.fontSize)
    }
}
