/// A chart's legend, laid out outside the plotting area: a framed column to the right, or
/// rows that wrap below.
struct Legend: Sendable, Equatable {
    var entries: [LegendEntry]
    var position: LegendPosition

    var isShown: Bool { position != .hidden && !entries.isEmpty }

    /// Width of the framed column (position `.right`).
    var columnWidth: Double {
        (entries.map(\.width).max() ?? 0) + 2 * LegendEntry.padding
    }

    var columnHeight: Double {
        Double(entries.count) * LegendEntry.rowHeight + 2 * LegendEntry.padding - 4
    }

    /// Entries of each row when wrapping within `width` (position `.bottom`).
    func rows(within width: Double) -> [[LegendEntry]] {
        var rows: [[LegendEntry]] = []
        var current: [LegendEntry] = []
        var used = 0.0
        for entry in entries {
            let w = entry.width + 24
            if !current.isEmpty && used + entry.width > width {
                rows.append(current)
                current = []
                used = 0
            }
            current.append(entry)
            used += w
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    func rowsHeight(within width: Double) -> Double {
        Double(rows(within: width).count) * LegendEntry.rowHeight
    }

    /// Draws the framed column with its top-left corner at (x, y).
    func drawColumn(into doc: inout SVGDocument, x: Double, y: Double) {
        doc.rect(PlotRect(x: x, y: y, width: columnWidth, height: columnHeight), fill: Palette.background, stroke: Palette.legendBorder)
        for (i, entry) in entries.enumerated() {
            entry.draw(into: &doc, x: x + LegendEntry.padding, y: y + LegendEntry.padding - 2 + Double(i) * LegendEntry.rowHeight)
        }
    }

    /// Draws wrapped rows starting at (x, y), each row at most `width` wide.
    func drawRows(into doc: inout SVGDocument, x: Double, y: Double, width: Double) {
        for (r, row) in rows(within: width).enumerated() {
            var cx = x
            for entry in row {
                entry.draw(into: &doc, x: cx, y: y + Double(r) * LegendEntry.rowHeight)
                cx += entry.width + 24
            }
        }
    }
}
