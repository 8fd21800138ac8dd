/// A minimal SVG writer: elements appended in order, attributes in a fixed order, numbers
/// through `SVGNumber` and text through `XMLEscaping`, so output is byte-for-byte repeatable.
struct SVGDocument {
    let width: Double
    let height: Double
    let title: String
    private var elements: [String] = []
    private var depth = 1

    static let fontFamily = "Helvetica, Arial, 'DejaVu Sans', sans-serif"

    init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        self.title = title
    }

    private static func n(_ v: Double) -> String { SVGNumber.text(v) }

    private mutating func emit(_ element: String) {
        elements.append(String(repeating: "  ", count: depth) + element)
    }

    mutating func rect(_ r: PlotRect, fill: String, stroke: String? = nil, strokeWidth: Double = 1) {
        var s = "<rect x=\"\(Self.n(r.x))\" y=\"\(Self.n(r.y))\" width=\"\(Self.n(r.width))\" height=\"\(Self.n(r.height))\" fill=\"\(fill)\""
        if let stroke { s += " stroke=\"\(stroke)\" stroke-width=\"\(Self.n(strokeWidth))\"" }
        emit(s + "/>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: SeriesStroke) {
        var s = "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\""
        s += " stroke=\"\(stroke.color)\" stroke-width=\"\(Self.n(stroke.width))\""
        if let dash = stroke.dashAttribute { s += " stroke-dasharray=\"\(dash)\"" }
        emit(s + "/>")
    }

    /// A filled dot, for a series with a single drawable point.
    mutating func dot(x: Double, y: Double, radius: Double, fill: String) {
        emit("<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"\(Self.n(radius))\" fill=\"\(fill)\"/>")
    }

    /// The series through `points` (pixels): a path, or a dot when there is a single point.
    mutating func series(_ points: [(x: Double, y: Double)], stroke: SeriesStroke) {
        if points.count == 1 {
            dot(x: points[0].x, y: points[0].y, radius: stroke.width + 1.5, fill: stroke.color)
        } else {
            polyline(points, stroke: stroke)
        }
    }

    /// A polyline through `points` (pixels); nothing when fewer than two.
    mutating func polyline(_ points: [(x: Double, y: Double)], stroke: SeriesStroke) {
        guard points.count >= 2 else { return }
        var d = ""
        d.reserveCapacity(points.count * 14)
        for (i, p) in points.enumerated() {
            d += (i == 0 ? "M" : " L") + Self.n(p.x) + " " + Self.n(p.y)
        }
        var s = "<path d=\"\(d)\" fill=\"none\" stroke=\"\(stroke.color)\" stroke-width=\"\(Self.n(stroke.width))\""
        if let dash = stroke.dashAttribute { s += " stroke-dasharray=\"\(dash)\"" }
        emit(s + " stroke-linejoin=\"round\" stroke-linecap=\"butt\"/>")
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(
        _ content: String, x: Double, y: Double, size: Double, anchor: Anchor = .start,
        bold: Bool = false, rotation: Double? = nil, fill: String = Palette.ink, halo: Bool = false
    ) {
        var s = "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\""
        if anchor != .start { s += " text-anchor=\"\(anchor.rawValue)\"" }
        if bold { s += " font-weight=\"bold\"" }
        if let rotation { s += " transform=\"rotate(\(Self.n(rotation)) \(Self.n(x)) \(Self.n(y)))\"" }
        // A white outline under the glyphs keeps a label on the plot readable over lines.
        if halo { s += " stroke=\"\(Palette.background)\" stroke-width=\"3\" paint-order=\"stroke\"" }
        s += " fill=\"\(fill)\">\(XMLEscaping.escape(content))</text>"
        emit(s)
    }

    /// Starts a group clipped to `rect` (the clip path is defined inline with a fixed id).
    mutating func beginClippedGroup(_ rect: PlotRect, id: String) {
        emit("<clipPath id=\"\(id)\"><rect x=\"\(Self.n(rect.x))\" y=\"\(Self.n(rect.y))\" width=\"\(Self.n(rect.width))\" height=\"\(Self.n(rect.height))\"/></clipPath>")
        emit("<g clip-path=\"url(#\(id))\">")
        depth += 1
    }

    mutating func endGroup() {
        depth -= 1
        emit("</g>")
    }

    /// The whole document, ending in a newline.
    func rendered() -> String {
        let w = Self.n(width), h = Self.n(height)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\""
        out += " font-family=\"\(Self.fontFamily)\" role=\"img\" aria-label=\"\(XMLEscaping.escape(title))\">\n"
        out += "  <title>\(XMLEscaping.escape(title))</title>\n"
        out += elements.joined(separator: "\n")
        out += "\n</svg>\n"
        return out
    }
}
