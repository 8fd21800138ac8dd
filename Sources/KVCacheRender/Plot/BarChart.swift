/// Bars over named categories (a histogram over bins such as "1", "2-3", "4-7"), on a linear
/// or log y-axis, with each bar's value written above it when there is room.
///
/// On a linear axis bars grow from zero (down for negative values); on a log axis they grow
/// from the bottom of the axis, one 1-2-5 step below the smallest bar, and bars with no
/// positive value are left out. Labels that do
/// not fit under their bars are turned 45°, and thinned if still too dense.
public struct BarChart: Sendable, Equatable {
    public var title: String
    public var bars: [Bar]
    public var xTitle: String
    public var yTitle: String
    public var yScale: AxisScale
    /// Writes each value above its bar, when every value fits its slot.
    public var showsValues: Bool
    public var size: ChartSize

    public init(
        title: String, bars: [Bar], xTitle: String = "", yTitle: String = "",
        yScale: AxisScale = .linear, showsValues: Bool = true, size: ChartSize = .standard
    ) {
        self.title = title
        self.bars = bars
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.yScale = yScale
        self.showsValues = showsValues
        self.size = size
    }

    static let valueFont = 10.0

    /// A bar's value as printed above it: whole numbers with separators below 10,000, then
    /// "12.3k", "4.56M"; other numbers with three significant digits.
    static func valueLabel(_ v: Double) -> String {
        guard v.isFinite else { return Formatting.nonFinite(v) ?? "" }
        let m = v.magnitude
        if m >= 1e4 {
            for (unit, suffix) in [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")] where m >= unit {
                return (v < 0 ? "-" : "") + Formatting.compact(m / unit) + suffix
            }
        }
        if v == v.rounded() { return Formatting.thousands(v) }
        return Formatting.trimmingFractionZeros(Formatting.significant(v, digits: 3))
    }

    /// The chart as an SVG document. The same chart always gives the same bytes.
    public func svg() -> String {
        let yTarget = max(3, Int(size.height / 80))
        let values = bars.map(\.value)
        let yDomain: ClosedRange<Double>
        switch yScale {
        case .linear:
            let finite = values.filter(\.isFinite)
            let lo = min(0, finite.min() ?? 0), hi = max(0, finite.max() ?? 0)
            yDomain = lo == hi ? 0...1 : TickGenerator.niceDomain(for: [lo, hi], scale: .linear, targetCount: yTarget)
        case .log10:
            // Start one 1-2-5 step below the smallest bar, so a bar at that value still shows.
            let domain = TickGenerator.niceDomain(for: values, scale: .log10)
            let smallest = values.filter(AxisScale.log10.canShow).min() ?? domain.lowerBound
            let lower = domain.lowerBound >= smallest * (1 - 1e-9)
                ? TickGenerator.roundDown125(domain.lowerBound * 0.999) : domain.lowerBound
            yDomain = lower...domain.upperBound
        }

        let slotEstimate = (size.width - 80) / Double(max(1, bars.count))
        let labels = bars.map { Self.valueLabel($0.value) }
        let valuesFit = showsValues && !bars.isEmpty
            && labels.allSatisfy { TextMetrics.width($0, fontSize: Self.valueFont) <= slotEstimate - 2 }

        let frame = PlotFrame(
            size: size, title: title, xTitle: xTitle, xAxis: .categorical(bars.map(\.label)),
            yTitle: yTitle, yScale: yScale, yDomain: yDomain,
            yTicks: TickGenerator.ticks(yScale, in: yDomain, targetCount: yTarget),
            legend: Legend(entries: [], position: .hidden), extraTop: valuesFit ? 14 : 0
        )
        let slot = frame.plot.width / Double(max(1, bars.count))
        let showValues = valuesFit && labels.allSatisfy { TextMetrics.width($0, fontSize: Self.valueFont) <= slot - 2 }

        var doc = SVGDocument(width: size.width, height: size.height, title: title)
        frame.drawBackground(into: &doc)
        frame.drawGrid(into: &doc)
        let base = yScale == .linear ? 0 : yDomain.lowerBound
        guard let basePixel = frame.y.clampedPixel(base) else { return doc.rendered() }
        var valueTexts: [(String, Double, Double)] = []
        doc.beginClippedGroup(frame.plot, id: "plot-area")
        for (i, bar) in bars.enumerated() {
            guard yScale.canShow(bar.value), let top = frame.y.pixel(bar.value) else { continue }
            if yScale == .log10 && bar.value < yDomain.lowerBound { continue }
            guard let left = frame.x.pixel(Double(i) + 0.1), let right = frame.x.pixel(Double(i) + 0.9) else { continue }
            let y0 = min(top, basePixel), y1 = max(top, basePixel)
            doc.rect(PlotRect(x: left, y: y0, width: right - left, height: y1 - y0), fill: Palette.bar)
            let labelY = bar.value >= base ? top - 4 : top + Self.valueFont + 2
            valueTexts.append((labels[i], (left + right) / 2, labelY))
        }
        doc.endGroup()
        if showValues {
            for (text, x, y) in valueTexts {
                doc.text(text, x: x, y: y, size: Self.valueFont, anchor: .middle)
            }
        }
        frame.drawAxes(into: &doc)
        return doc.rendered()
    }
}
