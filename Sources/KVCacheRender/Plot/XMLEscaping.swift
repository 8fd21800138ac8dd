/// Text made safe for XML content and attribute values.
public enum XMLEscaping {
    /// Replaces `&`, `<`, `>`, `"` and `'` with entities and drops the control characters XML
    /// 1.0 forbids (everything below U+0020 except tab, line feed and carriage return, and the
    /// non-characters U+FFFE and U+FFFF).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
