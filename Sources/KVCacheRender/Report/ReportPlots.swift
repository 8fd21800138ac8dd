import Foundation
import KVCacheAnalysis
import KVCacheCore
import KVCacheInput
import KVCacheStats

/// The report's charts, as SVG text.
enum ReportPlots {
    /// Miss ratio against capacity (log x), every policy in the configured semantics, `belady`'s
    /// block bound and its own prefix curve, and the compulsory floor.
    static func missRatio(_ data: ReportData) -> String {
        let semantics = data.config.hitSemantics
        var series: [LineSeries] = []
        for curve in data.curves.curves where curve.policy != .belady && curve.semantics == semantics {
            series.append(LineSeries(name: "\(curve.policy.description) (\(curve.method.rawValue))",
                                     x: curve.points.map { Double($0.capacityBlocks) },
                                     y: curve.points.map { curve.missRatio($0) }, interpolation: .linear))
        }
        for curve in data.curves.curves where curve.policy == .belady {
            let name = curve.semantics == .block ? "belady bound (block hits)" : "belady's own prefix hits"
            if curve.semantics == .prefix, semantics == .block { continue }
            series.append(LineSeries(name: name, x: curve.points.map { Double($0.capacityBlocks) },
                                     y: curve.points.map { curve.missRatio($0) }, interpolation: .linear))
        }
        let floor = data.curves.curves.first { $0.policy != .belady && $0.semantics == semantics }
        let refs = floor.map { c in
            [ReferenceLine(label: "compulsory floor", y: Double(c.compulsoryMisses) / Double(max(1, c.accesses)))]
        } ?? []
        let gib = Double(data.config.blockBytes) / Double(1 << 30)
        return LineChart(
            title: "Miss ratio by cache size (\(semantics.rawValue) hits)",
            xAxis: Axis("cache capacity (blocks; 1 block = \(Formatting.bytes(data.config.blockBytes)) = \(Formatting.significant(gib, digits: 3)) GiB)", scale: .log10),
            yAxis: Axis("miss ratio"),
            series: series, referenceLines: refs, legend: .bottom
        ).svg()
    }

    static func histogram(_ h: ReuseAnalysis.Log2Histogram, title: String, unit: String) -> String {
        var bars = Bar.log2Bins(h.counts)
        bars.append(Bar(label: "first", value: Double(h.infinite)))
        return BarChart(title: title, bars: bars, xTitle: unit, yTitle: "accesses", yScale: .log10).svg()
    }

    /// A histogram of a length field with the three best fitted densities.
    static func lengths(_ fits: LengthFits) -> String {
        let sorted = fits.values.sorted()
        let upper = max(1, Statistics.quantile(sorted: sorted, 0.995))
        let binCount = 40
        let width = upper / Double(binCount)
        var counts = [Int](repeating: 0, count: binCount)
        for v in sorted where v <= upper {
            counts[min(binCount - 1, Int(v / width))] += 1
        }
        let n = Double(max(1, sorted.count))
        let bins = counts.enumerated().map { k, c in
            HistogramBin(lower: Double(k) * width, upper: Double(k + 1) * width, height: Double(c) / (n * width))
        }
        let ranked = fits.outcomes.compactMap(\.fit).filter { !$0.family.isDiscrete }.sorted { $0.aic < $1.aic }.prefix(3)
        let xs = (0 ... 200).map { upper * Double($0) / 200 }
        let curves = ranked.compactMap { f -> LineSeries? in
            guard let d = f.distribution else { return nil }
            return LineSeries(name: "\(f.family.rawValue)\(fits.best?.family == f.family ? " (best)" : "")",
                              x: xs, y: xs.map { exp(d.logDensity($0)) })
        }
        return DensityHistogramChart(title: "\(fits.field.rawValue): histogram and fitted densities (99.5% of values shown)",
                                     bins: bins, curves: curves, xAxis: Axis("\(fits.field.rawValue) (tokens)")).svg()
    }
}
