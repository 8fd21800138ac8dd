import Foundation
import Testing
@testable import KVCacheRender

/// Markers, the top byte axis, labels on the plot, dash patterns and log axes, checked on the
/// parsed SVG (issue 13, plots a person reads at a glance).
@Suite struct ChartAnnotationTests {
    /// (attributes, text) of every `<text>` element.
    static func texts(_ probe: SVGParseProbe, in svg: String) -> [String] {
        // XMLParser gives the concatenated text; split the document itself for per-element text.
        svg.components(separatedBy: "<text ").dropFirst().compactMap { chunk in
            guard let open = chunk.firstIndex(of: ">"), let close = chunk.range(of: "</text>") else { return nil }
            return String(chunk[chunk.index(after: open)..<close.lowerBound])
        }
    }

    static func chart(markers: [VerticalMarker] = [], topAxis: SecondaryAxis? = nil) -> LineChart {
        let xs = [1.0, 10, 100, 1000, 10000]
        return LineChart(
            title: "t", xAxis: Axis("blocks", scale: AxisScale.suggested(for: xs)), yAxis: Axis("miss ratio"),
            series: [
                LineSeries(name: "a", x: xs, y: [1, 0.8, 0.6, 0.4, 0.3]),
                LineSeries(name: "b", x: xs, y: [1, 0.8, 0.6, 0.4, 0.3]),
                LineSeries(name: "bound", x: xs, y: [0.9, 0.5, 0.3, 0.25, 0.2], directLabel: DirectLabel("the bound", at: 0.5, below: true)),
            ],
            referenceLines: [ReferenceLine(label: "compulsory floor", y: 0.2)],
            markers: markers, topAxis: topAxis)
    }

    @Test func markers_drawALabelledVerticalLineEach() throws {
        let svg = Self.chart(markers: [VerticalMarker(x: 300, label: "configured: 18.8 GiB"),
                                       VerticalMarker(x: 2000, label: "90% of achievable")]).svg()
        let probe = try #require(SVGParseProbe.parse(svg))
        let texts = Self.texts(probe, in: svg)
        #expect(texts.contains("configured: 18.8 GiB"))
        #expect(texts.contains("90% of achievable"))
        // Vertical lines in the marker's stroke: x1 == x2, spanning the plot.
        let vertical = probe.attributes.filter { $0["stroke-dasharray"] == "10 3 2 3" && $0["x1"] != nil && $0["x1"] == $0["x2"] }
        #expect(vertical.count == 2)
        // The labels run along their lines.
        #expect(probe.attributes.filter { ($0["transform"] ?? "").hasPrefix("rotate(-90") && $0["fill"] == Palette.marker.color }.count == 2)
    }

    @Test func topAxis_showsTheSecondUnitWithItsTitleAndTicks() throws {
        // 1 block = 64 MiB = 1/16 GiB: 1…10,000 blocks is 0.0625…625 GiB.
        let svg = Self.chart(topAxis: SecondaryAxis("cache capacity (GiB)", factor: 1.0 / 16)).svg()
        let probe = try #require(SVGParseProbe.parse(svg))
        let texts = Self.texts(probe, in: svg)
        #expect(texts.contains("cache capacity (GiB)"))
        #expect(texts.contains("1") && texts.contains("10") && texts.contains("100"))
        #expect(texts.contains("0.1"))
        let without = try #require(SVGParseProbe.parse(Self.chart().svg()))
        #expect(!Self.texts(without, in: Self.chart().svg()).contains("cache capacity (GiB)"))
    }

    @Test func referenceLinesAndBoundsAreLabelledOnThePlot() throws {
        let svg = Self.chart().svg()
        let probe = try #require(SVGParseProbe.parse(svg))
        let texts = Self.texts(probe, in: svg)
        // In the legend once and on the plot once.
        #expect(texts.filter { $0 == "compulsory floor" }.count == 2)
        #expect(texts.filter { $0 == "the bound" }.count == 1)
        #expect(texts.filter { $0 == "bound" }.count == 1)
        // Labels on the plot carry a white halo.
        #expect(probe.attributes.contains { $0["paint-order"] == "stroke" })
    }

    @Test func everySeriesHasItsOwnDashPattern() throws {
        let svg = Self.chart().svg()
        let probe = try #require(SVGParseProbe.parse(svg))
        let paths = probe.attributes.filter { $0["d"] != nil }
        let styles = paths.map { "\($0["stroke"] ?? "") \($0["stroke-dasharray"] ?? "solid")" }
        #expect(paths.count == 3)
        #expect(Set(paths.map { $0["stroke-dasharray"] ?? "solid" }).count == 3)
        #expect(Set(styles).count == 3)
    }

    @Test(arguments: [([1.0, 99], AxisScale.linear), ([1.0, 101], .log10), ([0.0, 1e6], .linear), ([500.0, 120_000], .log10), ([], .linear)])
    func suggestedScale_isLogBeyondTwoDecades(_ values: [Double], _ expected: AxisScale) {
        #expect(AxisScale.suggested(for: values) == expected)
    }

    @Test func logAxisOverDecades_labelsEveryDecade() throws {
        let svg = Self.chart().svg()
        let texts = Self.texts(try #require(SVGParseProbe.parse(svg)), in: svg)
        for label in ["1", "10", "100", "1k", "10k"] { #expect(texts.contains(label), "missing x tick \(label)") }
    }

    @Test func byteTopAxis_labelsBinaryUnits() throws {
        // 64 MiB blocks, 1…10,000 blocks: 64 MiB … 625 GiB.
        let ticks = SecondaryAxis.byteTicks(in: 67_108_864 ... 671_088_640_000)
        #expect(ticks.compactMap(\.label) == ["100 MiB", "1 GiB", "10 GiB", "100 GiB"])
        #expect(ticks.contains { $0.label == nil && $0.value == 2 * 1_073_741_824 })
        let svg = Self.chart(topAxis: SecondaryAxis("cache capacity (bytes of KV)", factor: 67_108_864, isBytes: true)).svg()
        let texts = Self.texts(try #require(SVGParseProbe.parse(svg)), in: svg)
        #expect(texts.contains("1 GiB") && texts.contains("100 GiB"))
    }
}
