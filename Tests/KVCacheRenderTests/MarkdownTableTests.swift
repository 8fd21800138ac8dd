import Testing
import KVCacheRender

@Suite struct MarkdownTableTests {
    @Test func render_rightAlignsNumberColumnsAndPads() {
        let table = MarkdownTable(
            headers: ["policy", "miss ratio", "hits", "gain"],
            rows: [["LRU", "0.3661", "1,234,567", "+2.3 pts"], ["Belady (OPT)", "0.3012", "12", "—"]]
        )
        #expect(table.render() == """
            | policy       | miss ratio |      hits |     gain |
            | :----------- | ---------: | --------: | -------: |
            | LRU          |     0.3661 | 1,234,567 | +2.3 pts |
            | Belady (OPT) |     0.3012 |        12 |        — |

            """)
    }

    @Test func render_escapesPipesAndLineBreaks() {
        let table = MarkdownTable(headers: ["a|b"], rows: [["x\ny"], ["p|q"]])
        #expect(table.render() == "| a\\|b |\n| :--- |\n| x y  |\n| p\\|q |\n")
    }

    @Test func render_padsShortRowsAndHonoursExplicitAlignment() {
        let table = MarkdownTable(headers: ["k", "v"], rows: [["only"]], alignments: [.center, .right])
        #expect(table.render() == "|  k   |   v |\n| :--: | --: |\n| only |     |\n")
    }

    @Test(arguments: [
        (["1", "2.5", "-3"], ColumnAlignment.right), (["36.6%", "1.5 GiB", ".5"], .right),
        (["LRU", "1"], .left), (["", "—", "n/a"], .left), (["NaN", "12"], .right), (["-", "+"], .left),
    ])
    func inferredAlignment(_ cells: [String], _ expected: ColumnAlignment) {
        #expect(ColumnAlignment.inferred(from: cells) == expected)
    }

    @Test func render_isEmptyBodyForNoRows() {
        #expect(MarkdownTable(headers: ["x"], rows: []).render() == "| x   |\n| :-- |\n")
    }
}
