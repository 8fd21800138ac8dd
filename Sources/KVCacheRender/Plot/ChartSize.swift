/// The size of a chart in SVG pixels.
public struct ChartSize: Sendable, Equatable {
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
        precondition(width >= 200 && height >= 150, "a chart needs at least 200 × 150 pixels")
        self.width = width
        self.height = height
    }

    /// 760 × 460: fits GitHub's Markdown column without scaling text down much.
    public static let standard = ChartSize(width: 760, height: 460)
}
