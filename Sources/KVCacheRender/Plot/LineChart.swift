/// Several named series of (x, y) points on linear or log axes, with optional dashed
/// horizontal reference lines (labelled on the plot), labelled vertical markers, and an optional
/// second x scale along the top (bytes beside blocks); rendered as a standalone SVG document.
///
/// Series take the palette's colours and dash patterns in order unless they carry their own
/// stroke. The axes' ranges come from the data (series, reference lines, markers) unless fixed.
public struct LineChart: Sendable, Equatable {
    public var title: String
    public var xAxis: Axis
    public var yAxis: Axis
    public var series: [LineSeries]
    public var referenceLines: [ReferenceLine]
    public var markers: [VerticalMarker]
    public var topAxis: SecondaryAxis?
    public var legend: LegendPosition
    public var size: ChartSize

    public init(
        title: String, xAxis: Axis, yAxis: Axis, series: [LineSeries],
        referenceLines: [ReferenceLine] = [], markers: [VerticalMarker] = [], topAxis: SecondaryAxis? = nil,
        legend: LegendPosition = .right, size: ChartSize = .standard
    ) {
        self.markers = markers
        self.topAxis = topAxis
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
        let xDomain = xAxis.range ?? TickGenerator.niceDomain(for: allPoints.map(\.x) + markers.map(\.x), scale: xAxis.scale, targetCount: xTarget)
        let yValues = allPoints.map(\.y) + referenceLines.map(\.y)
        let yDomain = yAxis.range ?? TickGenerator.niceDomain(for: yValues, scale: yAxis.scale, targetCount: yTarget)

        var entries = series.indices.map { LegendEntry(label: series[$0].name, swatch: .line(stroke(ofSeries: $0))) }
        entries += referenceLines.map { LegendEntry(label: $0.label, swatch: .line($0.stroke)) }
        let frame = PlotFrame(
            size: size, title: title, xTitle: xAxis.title,
            xAxis: .numeric(scale: xAxis.scale, domain: xDomain, ticks: TickGenerator.ticks(xAxis.scale, in: xDomain, targetCount: xTarget)),
            yTitle: yAxis.title, yScale: yAxis.scale, yDomain: yDomain, yTicks: TickGenerator.ticks(yAxis.scale, in: yDomain, targetCount: yTarget),
            legend: Legend(entries: entries, position: legend),
            extraTop: topAxis == nil ? 0 : Self.topAxisBand
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
        for marker in markers {
            guard let px = frame.x.pixel(marker.x) else { continue }
            doc.line(x1: px, y1: frame.plot.y, x2: px, y2: frame.plot.maxY, stroke: marker.stroke)
        }
        doc.endGroup()
        frame.drawAxes(into: &doc)
        drawLabels(into: &doc, frame: frame)
        if let topAxis { drawTopAxis(topAxis, into: &doc, frame: frame, xDomain: xDomain, targetCount: xTarget) }
        return doc.rendered()
    }

    /// Height taken above the plot by the top axis: tick labels and its title.
    static let topAxisBand = 34.0

    /// Reference lines' labels (left end, above the line), series' direct labels and markers'
    /// labels (along the line, from the top), each over a white halo.
    private func drawLabels(into doc: inout SVGDocument, frame: PlotFrame) {
        let font = PlotFrame.tickFont
        for line in referenceLines {
            guard let py = frame.y.pixel(line.y), py >= frame.plot.y, py <= frame.plot.maxY else { continue }
            doc.text(line.label, x: frame.plot.x + 6, y: py - 5, size: font, fill: line.stroke.color, halo: true)
        }
        for (index, s) in series.enumerated() {
            guard let label = s.directLabel else { continue }
            let pixels = s.points.compactMap { p -> (Double, Double)? in
                guard let px = frame.x.pixel(p.x), let py = frame.y.pixel(p.y),
                      px >= frame.plot.x - 0.5, px <= frame.plot.maxX + 0.5 else { return nil }
                return (px, py)
            }
            guard let first = pixels.first, let last = pixels.last else { continue }
            let target = first.0 + label.at * (last.0 - first.0)
            let anchor = pixels.min { abs($0.0 - target) < abs($1.0 - target) } ?? last
            let textAnchor: SVGDocument.Anchor = label.at > 0.8 ? .end : label.at < 0.2 ? .start : .middle
            let y = label.below ? anchor.1 + font + 4 : anchor.1 - 6
            doc.text(label.text, x: anchor.0, y: min(max(y, frame.plot.y + font), frame.plot.maxY - 3), size: font,
                     anchor: textAnchor, bold: true, fill: stroke(ofSeries: index).color, halo: true)
        }
        for marker in markers {
            guard let px = frame.x.pixel(marker.x), px >= frame.plot.x - 0.5, px <= frame.plot.maxX + 0.5 else { continue }
            doc.text(marker.label, x: px - 4, y: frame.plot.y + 6, size: font, anchor: .end, rotation: -90,
                     fill: marker.stroke.color, halo: true)
        }
    }

    /// The second x scale along the top: axis line, ticks at round values of its own unit,
    /// thinned labels and its title.
    private func drawTopAxis(_ axis: SecondaryAxis, into doc: inout SVGDocument, frame: PlotFrame,
                             xDomain: ClosedRange<Double>, targetCount: Int) {
        let domain = (xDomain.lowerBound * axis.factor)...(xDomain.upperBound * axis.factor)
        guard domain.lowerBound < domain.upperBound else { return }
        let pixel = { (v: Double) in frame.x.pixel(v / axis.factor) }
        let raw = axis.isBytes && xAxis.scale == .log10 ? SecondaryAxis.byteTicks(in: domain)
            : TickGenerator.ticks(xAxis.scale, in: domain, targetCount: targetCount)
        let ticks = PlotFrame.thinned(raw.filter { domain.contains($0.value) }) { tick in
            let center = pixel(tick.value) ?? 0
            let half = TextMetrics.width(tick.label ?? "", fontSize: PlotFrame.tickFont) / 2 + 4
            return (center - half, center + half)
        }
        let axisStroke = SeriesStroke(color: Palette.axis, width: 1)
        let top = frame.plot.y
        doc.line(x1: frame.plot.x, y1: top, x2: frame.plot.maxX, y2: top, stroke: axisStroke)
        for tick in ticks {
            guard let px = pixel(tick.value) else { continue }
            let length = tick.isLabelled ? PlotFrame.tickLength : PlotFrame.minorTickLength
            doc.line(x1: px, y1: top - length, x2: px, y2: top, stroke: axisStroke)
            if let label = tick.label {
                doc.text(label, x: px, y: top - PlotFrame.tickLength - 3, size: PlotFrame.tickFont, anchor: .middle)
            }
        }
        doc.text(axis.title, x: frame.plot.midX, y: top - PlotFrame.tickLength - PlotFrame.tickFont - 8,
                 size: PlotFrame.axisTitleFont, anchor: .middle)
    }
}
