/// A histogram of observed values with fitted probability densities drawn over it.
///
/// Bars are grey so the curves, in the palette's colours and dash patterns, stand out. The
/// x range follows the bins (the curves when there are none). The y range follows the bars
/// and is widened for the curves up to twice the tallest bar, so a density spike (a gamma
/// density with shape below 1 at zero) is cut off rather than flattening the histogram.
/// Bins and points the axes cannot show are skipped.
public struct DensityHistogramChart: Sendable, Equatable {
    public var title: String
    public var bins: [HistogramBin]
    public var curves: [LineSeries]
    public var xAxis: Axis
    public var yAxis: Axis
    /// The legend's name for the bars.
    public var binsLabel: String
    public var legend: LegendPosition
    public var size: ChartSize

    public init(
        title: String, bins: [HistogramBin], curves: [LineSeries], xAxis: Axis, yAxis: Axis = Axis("density"),
        binsLabel: String = "observed", legend: LegendPosition = .right, size: ChartSize = .standard
    ) {
        self.title = title
        self.bins = bins
        self.curves = curves
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.binsLabel = binsLabel
        self.legend = legend
        self.size = size
    }

    /// Bins the x-axis can show, with a finite height.
    private var drawableBins: [HistogramBin] {
        bins.filter { xAxis.scale.canShow($0.lower) && xAxis.scale.canShow($0.upper) && $0.height.isFinite && $0.upper > $0.lower }
    }

    /// The chart as an SVG document. The same chart always gives the same bytes.
    public func svg() -> String {
        let xTarget = max(3, Int(size.width / 110))
        let yTarget = max(3, Int(size.height / 80))
        let shown = drawableBins
        let curvePoints = curves.flatMap(\.points)
        let xValues = shown.isEmpty ? curvePoints.map(\.x) : shown.flatMap { [$0.lower, $0.upper] }
        let xDomain = xAxis.range ?? TickGenerator.niceDomain(for: xValues, scale: xAxis.scale, targetCount: xTarget)

        let yDomain: ClosedRange<Double>
        if let range = yAxis.range {
            yDomain = range
        } else {
            let barHeights = shown.map(\.height).filter(yAxis.scale.canShow)
            var curveYs = curvePoints.filter { xDomain.contains($0.x) }.map(\.y).filter(yAxis.scale.canShow)
            if let tallest = barHeights.max(), tallest > 0 { curveYs = curveYs.map { min($0, 2 * tallest) } }
            let zero: [Double] = yAxis.scale == .linear ? [0] : []
            yDomain = TickGenerator.niceDomain(for: zero + barHeights + curveYs, scale: yAxis.scale, targetCount: yTarget)
        }

        var entries: [LegendEntry] = shown.isEmpty ? [] : [LegendEntry(label: binsLabel, swatch: .box(fill: Palette.histogramBar))]
        entries += curves.indices.map { LegendEntry(label: curves[$0].name, swatch: .line(curves[$0].stroke ?? Palette.stroke(at: $0))) }
        let frame = PlotFrame(
            size: size, title: title, xTitle: xAxis.title,
            xAxis: .numeric(scale: xAxis.scale, domain: xDomain, ticks: TickGenerator.ticks(xAxis.scale, in: xDomain, targetCount: xTarget)),
            yTitle: yAxis.title, yScale: yAxis.scale, yDomain: yDomain,
            yTicks: TickGenerator.ticks(yAxis.scale, in: yDomain, targetCount: yTarget),
            legend: Legend(entries: entries, position: legend)
        )

        var doc = SVGDocument(width: size.width, height: size.height, title: title)
        frame.drawBackground(into: &doc)
        frame.drawGrid(into: &doc)
        let clip = PlotRect(x: frame.plot.x - 3, y: frame.plot.y - 3, width: frame.plot.width + 6, height: frame.plot.height + 6)
        doc.beginClippedGroup(clip, id: "plot-area")
        let base = yAxis.scale == .linear ? 0 : yDomain.lowerBound
        if let basePixel = frame.y.clampedPixel(base) {
            for bin in shown where yAxis.scale.canShow(bin.height) {
                guard let left = frame.x.pixel(bin.lower), let right = frame.x.pixel(bin.upper),
                      let top = frame.y.pixel(bin.height) else { continue }
                let y0 = min(top, basePixel), y1 = max(top, basePixel)
                doc.rect(PlotRect(x: left, y: y0, width: right - left, height: y1 - y0),
                         fill: Palette.histogramBar, stroke: Palette.background, strokeWidth: 0.75)
            }
        }
        for (index, curve) in curves.enumerated() {
            var pixels: [PathDecimator.Point] = []
            for p in curve.points {
                guard let px = frame.x.pixel(p.x), let py = frame.y.pixel(p.y) else { continue }
                pixels.append((px, py))
            }
            if curve.interpolation == .stepAfter { pixels = PathDecimator.stepAfter(pixels) }
            doc.series(PathDecimator.decimate(pixels), stroke: curve.stroke ?? Palette.stroke(at: index))
        }
        doc.endGroup()
        frame.drawAxes(into: &doc)
        return doc.rendered()
    }
}
