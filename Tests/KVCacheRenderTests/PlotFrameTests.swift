import Testing
@testable import KVCacheRender

@Suite struct PlotFrameTests {
    @Test func thinning_dropsLeastProminentLabelsFirst() {
        let ticks = TickGenerator.log10(in: 1...100)
        // Every label 30 px wide at 20 px spacing: 1-2-5 collide, decades alone do not.
        let thinned = PlotFrame.thinned(ticks) { tick in
            let position = Double(ticks.firstIndex(of: tick)!) * 20
            return (position - 15, position + 15)
        }
        #expect(thinned.compactMap(\.label) == ["1", "10", "100"])
        #expect(thinned.map(\.value) == ticks.map(\.value), "ticks stay, only labels go")
    }

    @Test func thinning_thenKeepsEveryOtherLabel() {
        let ticks = (0..<6).map { Tick(value: Double($0), label: "\($0)") }
        let thinned = PlotFrame.thinned(ticks) { (Double($0.value) * 10 - 8, Double($0.value) * 10 + 8) }
        #expect(thinned.compactMap(\.label) == ["0", "2", "4"])
    }

    static func frame(legend: Legend) -> PlotFrame {
        PlotFrame(
            size: .standard, title: "t", xTitle: "x",
            xAxis: .numeric(scale: .log10, domain: 1...200_000, ticks: TickGenerator.log10(in: 1...200_000)),
            yTitle: "y", yScale: .linear, yDomain: 0.6...1, yTicks: TickGenerator.linear(in: 0.6...1),
            legend: legend
        )
    }

    @Test func legendColumn_sitsRightOfThePlot() {
        let legend = Legend(entries: [LegendEntry(label: "LRU", swatch: .box(fill: "#000"))], position: .right)
        let frame = Self.frame(legend: legend)
        #expect(frame.legend.position == .right)
        #expect(frame.plot.maxX + 16 + legend.columnWidth <= ChartSize.standard.width)
        #expect(frame.plot.x > 0 && frame.plot.maxY < ChartSize.standard.height)
    }

    @Test func wideLegend_movesBelowThePlot() {
        let long = String(repeating: "very long series name ", count: 4)
        let frame = Self.frame(legend: Legend(entries: [LegendEntry(label: long, swatch: .box(fill: "#000"))], position: .right))
        #expect(frame.legend.position == .bottom)
        #expect(frame.plot.maxX > ChartSize.standard.width - 40)
    }

    @Test func longCategoryLabels_areTurned() {
        let labels = (0..<20).map(Bar.log2BinLabel)
        let frame = PlotFrame(
            size: .standard, title: "", xTitle: "", xAxis: .categorical(labels), yTitle: "",
            yScale: .linear, yDomain: 0...1, yTicks: TickGenerator.linear(in: 0...1), legend: Legend(entries: [], position: .hidden)
        )
        #expect(frame.rotatesXLabels)
        let short = PlotFrame(
            size: .standard, title: "", xTitle: "", xAxis: .categorical(["a", "b"]), yTitle: "",
            yScale: .linear, yDomain: 0...1, yTicks: TickGenerator.linear(in: 0...1), legend: Legend(entries: [], position: .hidden)
        )
        #expect(!short.rotatesXLabels)
    }
}
