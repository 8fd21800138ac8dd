import Foundation
import KVCacheAnalysis
import KVCacheCore
import KVCacheInput
import KVCacheStats

/// The report's charts, as SVG text.
enum ReportPlots {
    /// Miss ratio against capacity: every policy in the configured semantics (offline references
    /// included), the proven upper bound drawn first, thick and pale, and labelled on the plot
    /// (MODEL 5.7), the compulsory floor (the infinite cache), the configured capacity and any
    /// further `markers` (in blocks) as labelled vertical lines, and the capacity in bytes along
    /// the top. The x axis is log when the capacities span more than two decades.
    static func missRatio(_ data: ReportData, markers: [VerticalMarker] = []) -> String {
        let semantics = data.config.hitSemantics
        var series: [LineSeries] = []
        if let bound = data.curves.bound {
            series.append(LineSeries(
                name: "upper bound (proven: no policy does better)",
                x: bound.points.map { Double($0.capacityBlocks) }, y: bound.points.map { 1 - bound.hitRatio($0) },
                stroke: Self.boundStroke, directLabel: DirectLabel("upper bound", at: 0.45, below: true)))
        }
        var policyIndex = 0
        for curve in data.curves.curves where curve.semantics == semantics {
            let offline = SimulationConfig.offlineReferences.contains(curve.policy)
            series.append(LineSeries(name: "\(curve.policy.description)\(offline ? " (offline)" : "") (\(curve.method.rawValue))",
                                     x: curve.points.map { Double($0.capacityBlocks) },
                                     y: curve.points.map { curve.missRatio($0) }, interpolation: .linear,
                                     stroke: curve.policy == .belady ? Self.beladyStroke : Self.policyStroke(policyIndex)))
            if curve.policy != .belady { policyIndex += 1 }
        }
        let floor = data.curves.curves.first { $0.policy != .belady && $0.semantics == semantics }
        let refs = floor.map { c in
            [ReferenceLine(label: "compulsory floor (infinite cache)", y: Double(c.compulsoryMisses) / Double(max(1, c.accesses)))]
        } ?? []
        let blockBytes = data.config.blockBytes
        let configured = VerticalMarker(
            x: Double(data.capacityBlocks),
            label: "configured: \(Formatting.bytes(data.capacityBlocks * blockBytes))")
        let capacities = series.flatMap { $0.points.map(\.x) }
        return LineChart(
            title: "Miss ratio by cache size (\(semantics.rawValue) hits)",
            xAxis: Axis("cache capacity (blocks of \(Formatting.bytes(blockBytes)))", scale: AxisScale.suggested(for: capacities)),
            yAxis: Axis("miss ratio"),
            series: series, referenceLines: refs, markers: [configured] + markers,
            topAxis: SecondaryAxis("cache capacity (bytes of KV)", factor: Double(blockBytes), isBytes: true),
            legend: .bottom
        ).svg()
    }

    /// The policies' strokes: the palette's colours without black (kept for belady), each with
    /// its own dash pattern, so curves that coincide stay visible (a dashed line over a solid one).
    static func policyStroke(_ index: Int) -> SeriesStroke {
        let colors = Palette.colors.filter { $0 != "#000000" }
        return SeriesStroke(color: colors[index % colors.count], dash: Palette.dashes[index % Palette.dashes.count])
    }

    static let boundStroke = SeriesStroke(color: "#9A9A9A", width: 5)
    static let beladyStroke = SeriesStroke(color: "#000000", dash: [2, 3], width: 2)

    static func histogram(_ h: ReuseAnalysis.Log2Histogram, title: String, unit: String) -> String {
        var bars = Bar.log2Bins(h.counts)
        bars.append(Bar(label: "first", value: Double(h.infinite)))
        return BarChart(title: title, bars: bars, xTitle: unit, yTitle: "accesses", yScale: .log10).svg()
    }

    /// A histogram of a length field with the three best fitted densities. Lengths spanning more
    /// than two decades go on a log x axis with log-spaced bins, every value shown, and densities
    /// per unit of ln(length) (`x f(x)`, the density's shape as the eye sees it on a log axis);
    /// otherwise a linear axis up to the 99.5th percentile, the title counting what lies beyond.
    static func lengths(_ fits: LengthFits) -> String {
        let sorted = fits.values.sorted()
        let positive = sorted.filter { $0 > 0 }
        let binCount = 40
        let n = Double(max(1, sorted.count))
        let ranked = fits.outcomes.compactMap(\.fit).filter { !$0.family.isDiscrete }.sorted { $0.aic < $1.aic }.prefix(3)
        func curves(_ xs: [Double], weight: (Double) -> Double) -> [LineSeries] {
            ranked.compactMap { f -> LineSeries? in
                guard let d = f.distribution else { return nil }
                return LineSeries(name: "\(f.family.rawValue)\(fits.best?.family == f.family ? " (best)" : "")",
                                  x: xs, y: xs.map { exp(d.logDensity($0)) * weight($0) })
            }
        }
        let field = fits.field.rawValue
        let verdict = fits.verdict(alpha: 0.01)
        let fitNote = verdict.noFamilyFits ? "; no family fits at alpha 0.01\(verdict.modes.count > 1 ? " (\(verdict.modes.count) modes)" : "")" : ""
        if let lo = positive.first, let hi = positive.last, AxisScale.suggested(for: [lo, hi]) == .log10 {
            let (a, b) = (log(lo), log(hi) * (1 + 1e-12))
            let step = (b - a) / Double(binCount)
            var counts = [Int](repeating: 0, count: binCount)
            for v in positive { counts[min(binCount - 1, Int((log(v) - a) / step))] += 1 }
            let bins = counts.enumerated().map { k, c in
                HistogramBin(lower: exp(a + Double(k) * step), upper: exp(a + Double(k + 1) * step), height: Double(c) / (n * step))
            }
            let xs = (0 ... 200).map { exp(a + (b - a) * Double($0) / 200) }
            let zeros = sorted.count - positive.count
            let note = zeros > 0 ? ", \(Formatting.thousands(zeros)) zero values not shown" : ""
            return DensityHistogramChart(title: "\(field): histogram and fitted densities (log scale\(note))\(fitNote)",
                                         bins: bins, curves: curves(xs) { $0 }, xAxis: Axis("\(field) (tokens, log scale)", scale: .log10),
                                         yAxis: Axis("density per unit of ln(tokens)")).svg()
        }
        let upper = max(1, Statistics.quantile(sorted: sorted, 0.995))
        let width = upper / Double(binCount)
        var counts = [Int](repeating: 0, count: binCount)
        for v in sorted where v <= upper {
            counts[min(binCount - 1, Int(v / width))] += 1
        }
        let bins = counts.enumerated().map { k, c in
            HistogramBin(lower: Double(k) * width, upper: Double(k + 1) * width, height: Double(c) / (n * width))
        }
        let xs = (0 ... 200).map { upper * Double($0) / 200 }
        let beyond = sorted.count - counts.reduce(0, +)
        let note = beyond > 0 ? "; \(Formatting.thousands(beyond)) values above \(Formatting.thousands(upper)) not shown" : ""
        return DensityHistogramChart(title: "\(field): histogram and fitted densities\(note)\(fitNote)",
                                     bins: bins, curves: curves(xs) { _ in 1 }, xAxis: Axis("\(field) (tokens)")).svg()
    }
}
