/// How a Markdown table column is aligned.
public enum ColumnAlignment: Sendable, Equatable, CaseIterable {
    case left
    case center
    case right

    /// Right for a column of numbers, left otherwise. A cell counts as a number when it starts
    /// with a digit, or a sign or point followed by one ("1,234", "-0.5", "+2.3 pts", "36.6%",
    /// "1.5 GiB", ".5"); empty cells and placeholders ("-", "—", "n/a", "NaN", "∞") are ignored.
    /// A column with no numeric cell is left-aligned.
    public static func inferred(from cells: [String]) -> ColumnAlignment {
        let placeholders: Set<String> = ["", "-", "—", "–", "n/a", "N/A", "NaN", "nan", "∞", "-∞", "+∞"]
        var sawNumber = false
        for cell in cells {
            let text = cell.trimmingWhitespace
            if placeholders.contains(text) { continue }
            guard looksNumeric(text) else { return .left }
            sawNumber = true
        }
        return sawNumber ? .right : .left
    }

    private static func looksNumeric(_ text: String) -> Bool {
        var chars = Substring(text)
        if let first = chars.first, first == "-" || first == "+" || first == "−" { chars = chars.dropFirst() }
        if chars.first == "." { chars = chars.dropFirst() }
        guard let first = chars.first else { return false }
        return first.isASCII && first.isNumber
    }
}
