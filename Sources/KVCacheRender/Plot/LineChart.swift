/// Several named series of (x, y) points on linear or log axes, with optional dashed
/// horizontal reference lines; rendered as a standalone SVG document.
///
/// Series take the palette's colours and dash patterns in order unless they carry their own
/// stroke. The axes' ranges come from the data (series and reference lines) unless fixed.
public struct LineChart: Sendable, Equatable {
    public var title: String
    public var xAxis: Axis
    public var yAxis: Axis
    public var series: [LineSeries]
    public var referenceLines: [ReferenceLine]
    public var legend: LegendPosition
    public var size: ChartSize

    public init(
        title: String, xAxis: Axis, yAxis: Axis, series: [LineSeries],
        referenceLines: [ReferenceLine] = [], legend: LegendPosition = .right, size: ChartSize = .standard
    ) {
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.series = series
        self.referenceLines = referenceLines
        self.legend = legend
        self.size = size
    }

    /// The stroke series `index` is drawn with.
    func stroke(ofSeries index: Int) -> SeriesStroke {
        series[index].stroke ?? Palette.stroke(at: index)
    }

    /// The chart as an SVG document (UTF-8 text ending in a newline). The same chart always
    /// gives the same bytes.
    public func svg() -> String {
        let xTarget = max(3, Int(size.width / 110))
        let yTarget = max(3, Int(size.height / 80))
        let allPoints = series.flatMap(\.points)
        let xDomain = xAxis.range ?? TickGenerator.niceDomain(for: allPoints.map(\.x), scale: xAxis.scale, targetCount: xTarget)
        let yValues = allPoints.map(\.y) + referenceLines.map(\.y)
        let yDomain = yAxis.range ?? TickGenerator.niceDomain(for: yValues, scale: yAxis.scale, targetCount: yTarget)

        var entries = series.indices.map { LegendEntry(label: series[$0].name, swatch: .line(stroke(ofSeries: $0))) }
        entries += referenceLines.map { LegendEntry(label: $0.label, swatch: .line($0.stroke)) }
        let frame = PlotFrame(
            size: size, title: title, xTitle: xAxis.title,
            xAxis: .numeric(scale: xAxis.scale, domain: xDomain, ticks: TickGenerator.ticks(xAxis.scale, in: xDomain, targetCount: xTarget)),
            yTitle: yAxis.title, yScale: yAxis.scale, yDomain: yDomain, yTicks: TickGenerator.ticks(yAxis.scale, in: yDomain, targetCount: yTarget),
            legend: Legend(entries: entries, position: legend)
        )

        var doc = SVGDocument(width: size.width, height: size.height, title: title)
        frame.drawBackground(into: &doc)
        frame.drawGrid(into: &doc)
        let clip = PlotRect(x: frame.plot.x - 3, y: frame.plot.y - 3, width: frame.plot.width + 6, height: frame.plot.height + 6)
        doc.beginClippedGroup(clip, id: "plot-area")
        for line in referenceLines {
            guard let py = frame.y.pixel(line.y) else { continue }
            doc.line(x1: frame.plot.x, y1: py, x2: frame.plot.maxX, y2: py, stroke: line.stroke)
        }
        for (index, s) in series.enumerated() {
            var pixels: [PathDecimator.Point] = []
            pixels.reserveCapacity(s.points.count)
            for p in s.points {
                guard let px = frame.x.pixel(p.x), let py = frame.y.pixel(p.y) else { continue }
                pixels.append((px, py))
            }
            if s.interpolation == .stepAfter { pixels = PathDecimator.stepAfter(pixels) }
            doc.series(PathDecimator.decimate(pixels), stroke: stroke(ofSeries: index))
        }
        doc.endGroup()
        frame.drawAxes(into: &doc)
        return doc.rendered()
    }
}
