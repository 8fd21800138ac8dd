/// The frame every chart shares: white background, title, plotting area, grid, axes with
/// ticks and titles, and the legend, laid out so nothing overlaps: tick labels are thinned
/// (least prominent first) when they would collide, long category labels are turned 45°, and
/// the legend sits outside the plotting area (below it when a column to the right would take
/// more than 30% of the width).
struct PlotFrame {
    /// What runs along the x-axis.
    enum XAxisKind {
        /// Numbers on a scale.
        case numeric(scale: AxisScale, domain: ClosedRange<Double>, ticks: [Tick])
        /// Equal slots with names (bar charts); slot i spans i…i+1 in x.
        case categorical([String])
    }

    static let padding = 12.0
    static let tickFont = 11.0
    static let titleFont = 16.0
    static let axisTitleFont = 13.0
    static let tickLength = 5.0
    static let minorTickLength = 3.0

    let size: ChartSize
    let title: String
    let xTitle: String
    let yTitle: String
    let plot: PlotRect
    let x: AxisMapping
    let y: AxisMapping
    let xTicks: [Tick]
    let yTicks: [Tick]
    let isCategorical: Bool
    let rotatesXLabels: Bool
    let xLabelBand: Double
    let legend: Legend
    /// The title, wrapped at spaces to fit the width.
    let titleLines: [String]
    let titleFontSize: Double

    init(
        size: ChartSize, title: String, xTitle: String, xAxis: XAxisKind, yTitle: String,
        yScale: AxisScale, yDomain: ClosedRange<Double>, yTicks rawYTicks: [Tick],
        legend: Legend, extraTop: Double = 0
    ) {
        let pad = Self.padding
        self.size = size
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        // A column wider than 30% of the chart would squeeze the plot: put it below instead.
        var legend = legend
        if legend.position == .right && legend.columnWidth > 0.3 * size.width {
            legend.position = .bottom
        }
        self.legend = legend

        let yLabelWidth = rawYTicks.compactMap(\.label).map { TextMetrics.width($0, fontSize: Self.tickFont) }.max() ?? 0
        var left = pad + (yTitle.isEmpty ? 0 : 22) + yLabelWidth + 10
        var right = pad + 8
        if legend.isShown && legend.position == .right {
            right = legend.columnWidth + 16 + pad
        }

        var xTicks: [Tick]
        var rotates = false
        var band = Self.tickFont + 2
        let xMapping: AxisMapping
        switch xAxis {
        case .numeric(let scale, let domain, let ticks):
            if !(legend.isShown && legend.position == .right), let last = ticks.last(where: \.isLabelled)?.label {
                right = max(right, TextMetrics.width(last, fontSize: Self.tickFont) / 2 + 4)
            }
            xMapping = AxisMapping(scale: scale, domain: domain, pixelStart: left, pixelEnd: size.width - right)
            xTicks = Self.thinned(ticks.filter { domain.contains($0.value) }) { tick in
                let center = xMapping.pixel(tick.value) ?? 0
                let half = TextMetrics.width(tick.label ?? "", fontSize: Self.tickFont) / 2 + 4
                return (center - half, center + half)
            }
            isCategorical = false
        case .categorical(let labels):
            let count = max(1, labels.count)
            let widths = labels.map { TextMetrics.width($0, fontSize: Self.tickFont) }
            let widest = widths.max() ?? 0
            var slot = (size.width - left - right) / Double(count)
            rotates = widest > slot - 6
            if rotates, let first = widths.first {
                left = max(left, first * 0.71 - slot / 2 + pad)
                slot = (size.width - left - right) / Double(count)
                band = (widest + Self.tickFont) * 0.71 - 2
            }
            let spacing = rotates ? Self.tickFont + 4 : widest + 6
            let stride = max(1, Int((spacing / slot).rounded(.up)))
            xMapping = AxisMapping(scale: .linear, domain: 0...Double(count), pixelStart: left, pixelEnd: size.width - right)
            xTicks = labels.enumerated().map { i, label in
                Tick(value: Double(i) + 0.5, label: i % stride == 0 ? label : nil)
            }
            isCategorical = true
        }
        self.x = xMapping
        self.xTicks = xTicks
        self.rotatesXLabels = rotates
        self.xLabelBand = band

        var bottom = 8 + band + (xTitle.isEmpty ? 0 : 24) + pad
        if legend.isShown && legend.position == .bottom {
            bottom += legend.rowsHeight(within: size.width - left - pad) + 6
        }
        (titleLines, titleFontSize) = Self.fitTitle(title, width: size.width - 2 * pad)
        let titleBand = title.isEmpty ? 0 : 30 + Double(titleLines.count - 1) * (titleFontSize + 4)
        let top = pad + titleBand + extraTop + 6
        let height = max(40, size.height - top - bottom)
        self.plot = PlotRect(x: left, y: top, width: size.width - left - right, height: height)
        let yMapping = AxisMapping(scale: yScale, domain: yDomain, pixelStart: top + height, pixelEnd: top)
        self.y = yMapping
        self.yTicks = Self.thinned(rawYTicks.filter { yDomain.contains($0.value) }) { tick in
            let center = yMapping.pixel(tick.value) ?? 0
            return (center - 8, center + 8)
        }
    }

    /// Removes labels until no two labelled ticks' extents overlap: first from the least
    /// prominent ticks, then from every other remaining label.
    static func thinned(_ ticks: [Tick], extent: (Tick) -> (Double, Double)) -> [Tick] {
        var ticks = ticks
        func collides() -> Bool {
            let spans = ticks.filter(\.isLabelled).map(extent).sorted { $0.0 < $1.0 }
            return zip(spans, spans.dropFirst()).contains { $0.1 > $1.0 }
        }
        while collides() {
            let labelledProminence = ticks.filter(\.isLabelled).map(\.prominence)
            if let worst = labelledProminence.max(), worst > (labelledProminence.min() ?? 0) {
                ticks = ticks.map { $0.prominence == worst ? Tick(value: $0.value, label: nil, prominence: $0.prominence) : $0 }
                continue
            }
            var keep = true
            ticks = ticks.map { tick in
                guard tick.isLabelled else { return tick }
                defer { keep.toggle() }
                return keep ? tick : Tick(value: tick.value, label: nil, prominence: tick.prominence)
            }
        }
        return ticks
    }

    /// The title's lines and font size: shrunk from 16 px down to 13 px to fit on one line,
    /// then wrapped at spaces.
    static func fitTitle(_ title: String, width: Double) -> ([String], Double) {
        guard !title.isEmpty else { return ([], titleFont) }
        for size in stride(from: titleFont, through: 13, by: -1)
        where TextMetrics.width(title, fontSize: size, bold: true) <= width {
            return ([title], size)
        }
        let size = 13.0
        var lines: [String] = []
        var current = ""
        for word in title.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if !current.isEmpty && TextMetrics.width(candidate, fontSize: size, bold: true) > width {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return (lines, size)
    }

    /// Background and title.
    func drawBackground(into doc: inout SVGDocument) {
        doc.rect(PlotRect(x: 0, y: 0, width: size.width, height: size.height), fill: Palette.background)
        for (i, line) in titleLines.enumerated() {
            let baseline = Self.padding + 18 + Double(i) * (titleFontSize + 4)
            doc.text(line, x: size.width / 2, y: baseline, size: titleFontSize, anchor: .middle, bold: true)
        }
    }

    /// Grid lines at the ticks: faint at minor ticks, light grey at labelled ones.
    func drawGrid(into doc: inout SVGDocument) {
        let minor = SeriesStroke(color: Palette.minorGrid, width: 1)
        let major = SeriesStroke(color: Palette.grid, width: 1)
        for pass in [false, true] {
            for tick in yTicks where tick.isLabelled == pass {
                guard let py = y.pixel(tick.value) else { continue }
                doc.line(x1: plot.x, y1: py, x2: plot.maxX, y2: py, stroke: pass ? major : minor)
            }
            if isCategorical { continue }
            for tick in xTicks where tick.isLabelled == pass {
                guard let px = x.pixel(tick.value) else { continue }
                doc.line(x1: px, y1: plot.y, x2: px, y2: plot.maxY, stroke: pass ? major : minor)
            }
        }
    }

    /// Axis lines, tick marks, tick labels, axis titles and the legend.
    func drawAxes(into doc: inout SVGDocument) {
        let axisStroke = SeriesStroke(color: Palette.axis, width: 1)
        doc.line(x1: plot.x, y1: plot.y, x2: plot.x, y2: plot.maxY, stroke: axisStroke)
        doc.line(x1: plot.x, y1: plot.maxY, x2: plot.maxX, y2: plot.maxY, stroke: axisStroke)

        for tick in yTicks {
            guard let py = y.pixel(tick.value) else { continue }
            let length = tick.isLabelled ? Self.tickLength : Self.minorTickLength
            doc.line(x1: plot.x - length, y1: py, x2: plot.x, y2: py, stroke: axisStroke)
            if let label = tick.label {
                doc.text(label, x: plot.x - length - 3, y: py + 4, size: Self.tickFont, anchor: .end)
            }
        }
        for tick in xTicks {
            guard let px = x.pixel(tick.value) else { continue }
            if !isCategorical {
                let length = tick.isLabelled ? Self.tickLength : Self.minorTickLength
                doc.line(x1: px, y1: plot.maxY, x2: px, y2: plot.maxY + length, stroke: axisStroke)
            }
            guard let label = tick.label else { continue }
            if rotatesXLabels {
                doc.text(label, x: px + 4, y: plot.maxY + 12, size: Self.tickFont, anchor: .end, rotation: -45)
            } else {
                doc.text(label, x: px, y: plot.maxY + 8 + Self.tickFont, size: Self.tickFont, anchor: .middle)
            }
        }

        let xTitleBaseline = plot.maxY + 8 + xLabelBand + 18
        if !xTitle.isEmpty {
            doc.text(xTitle, x: plot.midX, y: xTitleBaseline, size: Self.axisTitleFont, anchor: .middle)
        }
        if !yTitle.isEmpty {
            doc.text(yTitle, x: Self.padding + 12, y: plot.midY, size: Self.axisTitleFont, anchor: .middle, rotation: -90)
        }

        guard legend.isShown else { return }
        switch legend.position {
        case .right:
            legend.drawColumn(into: &doc, x: plot.maxX + 16, y: plot.y)
        case .bottom:
            let top = plot.maxY + 8 + xLabelBand + (xTitle.isEmpty ? 0 : 24) + 6
            legend.drawRows(into: &doc, x: plot.x, y: top, width: size.width - plot.x - Self.padding)
        case .hidden:
            break
        }
    }
}
