/// A GitHub-flavoured Markdown table, rendered as a pure function of its cells.
///
/// Columns are padded so the raw text lines up too; number columns are right-aligned unless
/// `alignments` says otherwise (`ColumnAlignment.inferred(from:)`). A "|" inside a cell is
/// escaped and a line break becomes a space, so a cell can never break the table.
///
/// ```
/// | policy | miss ratio |
/// | :----- | ---------: |
/// | LRU    |     0.3661 |
/// ```
public struct MarkdownTable: Sendable, Equatable {
    public var headers: [String]
    /// Rows of cells; a short row is padded with empty cells. A row longer than `headers` is a
    /// programming error.
    public var rows: [[String]]
    /// One per column, or nil to infer each column's alignment from its cells.
    public var alignments: [ColumnAlignment]?

    public init(headers: [String], rows: [[String]], alignments: [ColumnAlignment]? = nil) {
        self.headers = headers
        self.rows = rows
        self.alignments = alignments
    }

    /// The table as Markdown, one line per row, each line ending in "\n".
    public func render() -> String {
        let columns = headers.count
        precondition(columns > 0, "a Markdown table needs at least one column")
        precondition(rows.allSatisfy { $0.count <= columns }, "a row has more cells than the table has columns")
        if let alignments { precondition(alignments.count == columns, "one alignment per column") }

        let head = headers.map(Self.escapeCell)
        let body = rows.map { row in (0..<columns).map { $0 < row.count ? Self.escapeCell(row[$0]) : "" } }
        let align = alignments ?? (0..<columns).map { c in ColumnAlignment.inferred(from: body.map { $0[c] }) }
        let widths = (0..<columns).map { c in
            max(3, ([head[c]] + body.map { $0[c] }).map(\.count).max() ?? 0)
        }

        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { c, cell in Self.pad(cell, to: widths[c], align[c]) }
            return "| " + padded.joined(separator: " | ") + " |\n"
        }
        let rule = (0..<columns).map { c -> String in
            switch align[c] {
            case .left: ":" + String(repeating: "-", count: widths[c] - 1)
            case .right: String(repeating: "-", count: widths[c] - 1) + ":"
            case .center: ":" + String(repeating: "-", count: widths[c] - 2) + ":"
            }
        }
        return line(head) + "| " + rule.joined(separator: " | ") + " |\n" + body.map(line).joined()
    }

    static func escapeCell(_ cell: String) -> String {
        var out = ""
        for c in cell {
            switch c {
            case "|": out += "\\|"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }

    static func pad(_ cell: String, to width: Int, _ alignment: ColumnAlignment) -> String {
        let gap = max(0, width - cell.count)
        switch alignment {
        case .left: return cell + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + cell
        case .center:
            let before = gap / 2
            return String(repeating: " ", count: before) + cell + String(repeating: " ", count: gap - before)
        }
    }
}
