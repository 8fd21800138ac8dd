import Foundation
import KVCacheRender

/// Realistic charts shared by the SVG and rendering tests, built from closed-form curves so
/// they are the same on every run.
enum ChartExamples {
    /// Cache sizes 1 … 200,000 blocks, about 24 per decade, as a miss-ratio sweep samples them.
    static let cacheSizes: [Double] = {
        var sizes: [Double] = []
        for k in 0...127 {
            let size = (pow(10, Double(k) / 24) * 1).rounded()
            if size <= 200_000 && sizes.last != size { sizes.append(size) }
        }
        if sizes.last != 200_000 { sizes.append(200_000) }
        return sizes
    }()

    /// A falling miss-ratio curve from 1 down towards `floor`, halfway at `halfSize`.
    static func missRatio(_ size: Double, floor: Double, halfSize: Double, steepness: Double) -> Double {
        floor + (1 - floor) / (1 + pow(size / halfSize, steepness))
    }

    static let compulsoryFloor = 0.62

    /// Four policies, the Belady bound and the compulsory-miss floor, log x, linear y.
    static var missRatioCurves: LineChart {
        func curve(_ name: String, halfSize: Double, steepness: Double) -> LineSeries {
            LineSeries(
                name: name, x: cacheSizes,
                y: cacheSizes.map { missRatio($0, floor: compulsoryFloor, halfSize: halfSize, steepness: steepness) },
                interpolation: .stepAfter
            )
        }
        return LineChart(
            title: "Miss ratio by cache size (synthetic chat workload)",
            xAxis: Axis("cache size (blocks)", scale: .log10),
            yAxis: Axis("miss ratio"),
            series: [
                curve("LRU", halfSize: 9_000, steepness: 0.8),
                curve("FIFO", halfSize: 7_000, steepness: 0.75),
                curve("LFU", halfSize: 12_000, steepness: 0.7),
                curve("SIEVE", halfSize: 11_000, steepness: 0.85),
                curve("Belady (OPT)", halfSize: 2_500, steepness: 0.9),
            ],
            referenceLines: [ReferenceLine(label: "compulsory floor", y: compulsoryFloor)]
        )
    }

    /// Reuse distances in power-of-two bins.
    static let reuseCounts = [5_234, 3_120, 4_410, 6_021, 8_123, 12_034, 15_020, 14_011, 11_003, 8_040,
                              5_120, 3_010, 1_500, 800, 350, 120, 40, 12, 3, 1]

    static var log2Histogram: BarChart {
        BarChart(
            title: "Reuse distance (blocks)", bars: Bar.log2Bins(reuseCounts),
            xTitle: "reuse distance (log2 bins)", yTitle: "accesses"
        )
    }

    static var log2HistogramLogY: BarChart {
        var chart = log2Histogram
        chart.yScale = .log10
        chart.title = "Reuse distance (blocks), log scale"
        return chart
    }

    static func lognormalDensity(_ x: Double, mu: Double, sigma: Double) -> Double {
        guard x > 0 else { return 0 }
        let z = (log(x) - mu) / sigma
        return exp(-z * z / 2) / (x * sigma * (2 * Double.pi).squareRoot())
    }

    static func gammaDensity(_ x: Double, shape: Double, scale: Double) -> Double {
        guard x > 0 else { return 0 }
        return exp((shape - 1) * log(x) - x / scale - lgamma(shape) - shape * log(scale))
    }

    static func weibullDensity(_ x: Double, shape: Double, scale: Double) -> Double {
        guard x > 0 else { return 0 }
        let t = x / scale
        return shape / scale * pow(t, shape - 1) * exp(-pow(t, shape))
    }

    /// Prompt lengths: a lognormal-ish histogram with three fitted densities.
    static var promptLengths: DensityHistogramChart {
        let width = 100.0
        let bins = (0..<30).map { k -> HistogramBin in
            let lower = Double(k) * width
            let mid = lower + width / 2
            let wobble = 1 + 0.08 * sin(Double(k) * 1.7)
            return HistogramBin(lower: lower, upper: lower + width, height: lognormalDensity(mid, mu: 6.2, sigma: 0.55) * wobble)
        }
        let xs = stride(from: 5.0, through: 3000, by: 5).map { $0 }
        return DensityHistogramChart(
            title: "Prompt length with fitted densities",
            bins: bins,
            curves: [
                LineSeries(name: "lognormal", x: xs, y: xs.map { lognormalDensity($0, mu: 6.2, sigma: 0.55) }),
                LineSeries(name: "gamma", x: xs, y: xs.map { gammaDensity($0, shape: 3.4, scale: 170) }),
                LineSeries(name: "Weibull", x: xs, y: xs.map { weibullDensity($0, shape: 1.9, scale: 640) }),
            ],
            xAxis: Axis("prompt length (tokens)"),
            yAxis: Axis("density")
        )
    }

    /// Log axes on both sides, with zeros, negatives, NaN and infinities mixed in (all skipped),
    /// long series names and eight series, so the palette and dash patterns all show.
    static var logLogWithBadValues: LineChart {
        let xs = (0...40).map { pow(10, Double($0) / 8) }
        let series = (0..<8).map { k -> LineSeries in
            var ys = xs.map { pow($0, -0.9 - 0.12 * Double(k)) }
            ys[5] = 0
            ys[9] = -1
            ys[13] = .nan
            ys[17] = .infinity
            return LineSeries(name: k == 0 ? "a rather long policy name <with & markup>" : "policy \(k + 1)", x: xs, y: ys)
        }
        return LineChart(
            title: "Power laws on log-log axes", xAxis: Axis("x", scale: .log10), yAxis: Axis("P(X > x)", scale: .log10),
            series: series, size: ChartSize(width: 640, height: 400)
        )
    }

    /// Every example, named for file names.
    static var all: [(name: String, svg: () -> String)] {
        [
            ("miss-ratio-curves", { missRatioCurves.svg() }),
            ("miss-ratio-curves-legend-below", {
                var chart = missRatioCurves
                chart.legend = .bottom
                return chart.svg()
            }),
            ("miss-ratio-curves-small", {
                var chart = missRatioCurves
                chart.size = ChartSize(width: 420, height: 280)
                chart.legend = .bottom
                return chart.svg()
            }),
            ("log2-histogram", { log2Histogram.svg() }),
            ("log-log-with-bad-values", { logLogWithBadValues.svg() }),
            ("log2-histogram-log-y", { log2HistogramLogY.svg() }),
            ("prompt-length-densities", { promptLengths.svg() }),
        ]
    }
}
