/// Estimated text widths, for layout without a font engine.
///
/// The estimate follows DejaVu Sans (what librsvg and most Linux browsers fall back to for
/// `sans-serif`), the widest of the common sans-serif faces, so text measured here fits when
/// Helvetica or Arial draw it.
enum TextMetrics {
    /// Estimated advance width of `text` at `fontSize` pixels.
    static func width(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
        var em = 0.0
        for c in text {
            em += advance(c)
        }
        return em * fontSize * (bold ? 1.08 : 1)
    }

    private static func advance(_ c: Character) -> Double {
        switch c {
        case "i", "j", "l", "I", ".", ",", ":", ";", "'", "|", "!": return 0.30
        case " ", "f", "t", "r", "(", ")", "[", "]", "-", "/": return 0.40
        case "m", "w", "M", "W", "%", "@": return 0.95
        case "0"..."9": return 0.64
        default:
            if c.isUppercase { return 0.72 }
            if c.isASCII { return 0.60 }
            return 0.80
        }
    }
}
