/// CSV text with RFC 4180 quoting, as pure functions.
///
/// A field is quoted when it contains a comma, a double quote, a carriage return or a line
/// feed; a double quote inside a quoted field is doubled. Other fields, including empty ones
/// and ones with spaces, are written as they are. Lines end in "\n" by default (every CSV
/// reader accepts it, and diffs stay clean); pass `.crlf` for the RFC's CRLF.
public enum CSV {
    public enum LineEnding: String, Sendable {
        case lf = "\n"
        case crlf = "\r\n"
    }

    /// One field, quoted only when it must be: `a,b` → `"a,b"`, `say "hi"` → `"say ""hi"""`.
    public static func field(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
        }
        return out + "\""
    }

    /// One record, without its line ending.
    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    /// A header record and data records, every record (the last too) followed by `lineEnding`.
    /// Records with a different field count from the header are a programming error.
    public static func document(header: [String], rows: [[String]], lineEnding: LineEnding = .lf) -> String {
        precondition(rows.allSatisfy { $0.count == header.count }, "every CSV row needs one field per header column")
        let end = lineEnding.rawValue
        return ([header] + rows).map { row($0) + end }.joined()
    }
}
