import Foundation
import Testing
@testable import KVCacheRender
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Collects element names and text while parsing, and the first error.
final class SVGParseProbe: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var attributes: [[String: String]] = []
    var text = ""
    var error: Error?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.append(elementName)
        attributes.append(attributeDict)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

    /// Parses `svg`; nil when it is not well-formed XML.
    static func parse(_ svg: String) -> SVGParseProbe? {
        let probe = SVGParseProbe()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = probe
        return parser.parse() && probe.error == nil ? probe : nil
    }
}

@Suite struct SVGTests {
    @Test func escape_replacesMarkupCharacters() {
        #expect(XMLEscaping.escape("<a & 'b' \"c\">") == "&lt;a &amp; &apos;b&apos; &quot;c&quot;&gt;")
        #expect(XMLEscaping.escape("plain ünïcode ∞") == "plain ünïcode ∞")
        #expect(XMLEscaping.escape("bell\u{07}tab\tnul\u{0}") == "belltab\tnul")
        #expect(XMLEscaping.escape("&amp;") == "&amp;amp;")
    }

    @Test func svgNumber_isFixedAndShort() {
        #expect(SVGNumber.text(0) == "0")
        #expect(SVGNumber.text(-0.001) == "0")
        #expect(SVGNumber.text(12.5) == "12.5")
        #expect(SVGNumber.text(12.345) == "12.35" || SVGNumber.text(12.345) == "12.34")
        #expect(SVGNumber.text(-3.05) == "-3.05")
        #expect(SVGNumber.text(100) == "100")
        #expect(SVGNumber.text(1e12) == "1000000000")
        #expect(SVGNumber.text(0.07) == "0.07")
    }

    @Test(arguments: ChartExamples.all.map(\.name))
    func example_isWellFormedXMLWithAnSVGRoot(_ name: String) throws {
        let svg = try #require(ChartExamples.all.first { $0.name == name }).svg()
        let probe = try #require(SVGParseProbe.parse(svg), "\(name) is not well-formed XML")
        #expect(probe.elements.first == "svg")
        #expect(probe.elements.contains("title"))
        #expect(probe.attributes.first?["viewBox"] != nil)
        // An opaque background first, so the chart reads in dark themes.
        #expect(probe.elements.dropFirst(2).first == "rect")
        #expect(probe.attributes.dropFirst(2).first?["fill"] == "#FFFFFF")
    }

    @Test(arguments: ChartExamples.all.map(\.name))
    func example_rendersByteIdenticallyTwice(_ name: String) throws {
        let example = try #require(ChartExamples.all.first { $0.name == name })
        #expect(example.svg() == example.svg())
    }

    @Test(arguments: ChartExamples.all.map(\.name))
    func example_hasNoNonFiniteNumbers(_ name: String) throws {
        let svg = try #require(ChartExamples.all.first { $0.name == name }).svg()
        for bad in ["NaN", "nan", "inf", "e+"] {
            #expect(!svg.contains(bad), "\(name) contains \(bad)")
        }
    }

    @Test func lineChart_skipsPointsTheLogAxesCannotShow() throws {
        let series = LineSeries(name: "s", points: [
            PlotPoint(0, 0.5), PlotPoint(-1, 0.7), PlotPoint(.nan, 0.8), PlotPoint(10, 0.9),
            PlotPoint(100, .infinity), PlotPoint(1000, 0.7), PlotPoint(10_000, 0), PlotPoint(100_000, -2),
        ])
        let chart = LineChart(title: "t", xAxis: Axis("x", scale: .log10), yAxis: Axis("y", scale: .log10), series: [series])
        let svg = chart.svg()
        let probe = try #require(SVGParseProbe.parse(svg))
        let paths = probe.attributes.compactMap { $0["d"] }
        #expect(paths.count == 1)
        #expect(paths.first?.split(separator: "L").count == 2, "only (10, 0.9) and (1000, 0.7) can be drawn")
        #expect(!svg.contains("NaN") && !svg.contains("inf"))
    }

    @Test func lineChart_withNothingDrawableStillRenders() throws {
        let chart = LineChart(
            title: "empty", xAxis: Axis("x", scale: .log10), yAxis: Axis("y", scale: .log10),
            series: [LineSeries(name: "bad", x: [0, -1, .nan], y: [1, 2, 3]), LineSeries(name: "none", points: [])]
        )
        let probe = try #require(SVGParseProbe.parse(chart.svg()))
        #expect(!probe.elements.contains("path"))
    }

    @Test func singlePointSeries_isADot() throws {
        let chart = LineChart(
            title: "", xAxis: Axis(), yAxis: Axis(),
            series: [LineSeries(name: "one", x: [3], y: [0.5]), LineSeries(name: "two", x: [1, 2], y: [0.1, 0.2])]
        )
        let probe = try #require(SVGParseProbe.parse(chart.svg()))
        #expect(probe.elements.filter { $0 == "circle" }.count == 1)
        #expect(probe.elements.filter { $0 == "path" }.count == 1)
    }

    @Test func text_isEscapedAndSurvivesParsing() throws {
        let chart = LineChart(
            title: "A <b> & \"c\"", xAxis: Axis("x & y"), yAxis: Axis("<y>"),
            series: [LineSeries(name: "it's", x: [0, 1], y: [0, 1])]
        )
        let svg = chart.svg()
        #expect(svg.contains("A &lt;b&gt; &amp; &quot;c&quot;"))
        let probe = try #require(SVGParseProbe.parse(svg))
        #expect(probe.text.contains("A <b> & \"c\""))
        #expect(probe.text.contains("it's"))
    }

    @Test func stepAfter_holdsEachValueUntilTheNextX() throws {
        let chart = LineChart(
            title: "", xAxis: Axis(range: 0...2), yAxis: Axis(range: 0...1),
            series: [LineSeries(name: "s", x: [0, 1, 2], y: [1, 0.5, 0], interpolation: .stepAfter)]
        )
        let probe = try #require(SVGParseProbe.parse(chart.svg()))
        let d = try #require(probe.attributes.compactMap { $0["d"] }.first)
        #expect(d.split(separator: "L").count == 5, "two steps: start, corner, point, corner, point")
    }

    @Test func denseSeries_isDecimatedToAFewPointsPerPixel() throws {
        let xs = (1...200_000).map(Double.init)
        let ys = xs.map { 0.62 + 0.38 / (1 + pow($0 / 9_000, 0.8)) }
        let chart = LineChart(
            title: "dense", xAxis: Axis("x", scale: .log10), yAxis: Axis("y"),
            series: [LineSeries(name: "LRU", x: xs, y: ys, interpolation: .stepAfter)]
        )
        let svg = chart.svg()
        #expect(svg.utf8.count < 100_000, "SVG is \(svg.utf8.count) bytes")
        #expect(SVGParseProbe.parse(svg) != nil)
    }

    @Test func decimator_keepsEndsAndExtremesOfEachColumn() {
        let points: [PathDecimator.Point] = [(0, 5), (0.1, 1), (0.2, 9), (0.3, 4), (3, 4), (3.1, 4), (5, 4)]
        let reduced = PathDecimator.decimate(points)
        #expect(reduced.first! == (0, 5))
        #expect(reduced.contains { $0 == (0.1, 1) })
        #expect(reduced.contains { $0 == (0.2, 9) })
        #expect(reduced.last! == (5, 4))
        #expect(!reduced.contains { $0 == (3.1, 4) }, "the middle of a horizontal run is dropped")
    }

    @Test func barChart_logScaleLeavesOutNonPositiveBars() throws {
        let chart = BarChart(title: "h", bars: Bar.log2Bins([10, 0, 5, -1]), yScale: .log10)
        let probe = try #require(SVGParseProbe.parse(chart.svg()))
        let bars = probe.attributes.filter { $0["fill"] == Palette.bar }
        #expect(bars.count == 2)
    }

    @Test func barChart_linearScaleDrawsNegativeBarsDownwards() throws {
        let chart = BarChart(title: "h", bars: [Bar(label: "a", value: 3), Bar(label: "b", value: -2)])
        let svg = chart.svg()
        #expect(SVGParseProbe.parse(svg) != nil)
        #expect(svg.contains(">-2</text>"))
    }

    @Test func log2BinLabels() {
        #expect((0..<4).map(Bar.log2BinLabel) == ["1", "2-3", "4-7", "8-15"])
        #expect(Bar.log2BinLabel(10) == "1,024-2,047")
        #expect(Bar.log2Bins([3, 4]).map(\.value) == [3, 4])
    }

    @Test func barValueLabels() {
        #expect(BarChart.valueLabel(5_234) == "5,234")
        #expect(BarChart.valueLabel(15_020) == "15k")
        #expect(BarChart.valueLabel(1_234_567) == "1.23M")
        #expect(BarChart.valueLabel(0.123456) == "0.123")
        #expect(BarChart.valueLabel(-20_000) == "-20k")
    }

    @Test func densityChart_skipsBinsTheLogAxisCannotShow() throws {
        let chart = DensityHistogramChart(
            title: "d",
            bins: [HistogramBin(lower: 0, upper: 1, height: 0.5), HistogramBin(lower: 1, upper: 10, height: 0.3),
                   HistogramBin(lower: 10, upper: 100, height: .nan)],
            curves: [LineSeries(name: "fit", x: [0, 1, 10, 100], y: [1, 0.5, 0.1, 0.01])],
            xAxis: Axis("x", scale: .log10)
        )
        let svg = chart.svg()
        let probe = try #require(SVGParseProbe.parse(svg))
        #expect(probe.attributes.filter { $0["fill"] == Palette.histogramBar && $0["stroke"] == Palette.background }.count == 1)
        #expect(!svg.contains("NaN"))
    }

    @Test func palette_firstSeriesStrokesAllDiffer() {
        let strokes = (0..<24).map(Palette.stroke(at:))
        for i in strokes.indices {
            for j in strokes.indices where j > i {
                #expect(strokes[i] != strokes[j])
            }
        }
    }
}
