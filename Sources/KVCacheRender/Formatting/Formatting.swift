/// Numbers for people: deterministic and locale-independent (no `NumberFormatter`, no user
/// locale), so a report renders byte-identically on every machine.
///
/// Conventions shared by every helper:
/// - ASCII hyphen-minus for negatives, "," between thousands, "." before decimals.
/// - Rounding is half away from zero on the shortest decimal that round-trips the `Double`
///   (1.005 → "1.01").
/// - A value that rounds to zero prints without a sign ("0.0", never "-0.0").
/// - Non-finite values print as "NaN", "∞" or "-∞", without any unit.
public enum Formatting {
    /// "NaN", "∞", "-∞" for non-finite values, nil for finite ones.
    static func nonFinite(_ x: Double) -> String? {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-∞" : "∞" }
        return nil
    }

    /// An integer with thousands separators: 1234567 → "1,234,567".
    public static func thousands<T: BinaryInteger>(_ n: T) -> String {
        let grouped = DecimalDigits.grouped(String(n.magnitude))
        return n < 0 ? "-" + grouped : grouped
    }

    /// A real number with thousands separators and a fixed number of decimals:
    /// `thousands(1234.5, decimals: 1)` → "1,234.5".
    public static func thousands(_ x: Double, decimals: Int = 0) -> String {
        fixed(x, decimals: decimals, grouping: true)
    }

    /// Fixed-point text with exactly `decimals` places (at least 0): `fixed(0.5, decimals: 2)`
    /// → "0.50".
    public static func fixed(_ x: Double, decimals: Int, grouping: Bool = false) -> String {
        if let special = nonFinite(x) { return special }
        guard let d = DecimalDigits(x) else { return "NaN" }
        let places = max(0, decimals)
        return d.rounded(decimals: places).fixedText(decimals: places, grouping: grouping)
    }

    /// `digits` significant digits, trailing zeros kept because they carry precision:
    /// 0.36612 → "0.3661", 12.34 (3) → "12.3", 0.5 → "0.5000", 123456 → "123,500".
    /// Magnitudes at or above 1e15 or below 1e-4 use scientific notation: "1.235e15".
    public static func significant(_ x: Double, digits: Int = 4) -> String {
        if let special = nonFinite(x) { return special }
        guard let d = DecimalDigits(x) else { return "NaN" }
        let n = max(1, digits)
        if d.isZero { return n > 1 ? "0." + String(repeating: "0", count: n - 1) : "0" }
        let r = d.rounded(significant: n)
        let exponent = r.leadingExponent
        if exponent >= 15 || exponent < -4 {
            var mantissa = r
            mantissa.pointPosition = 1
            let text = mantissa.fixedText(decimals: n - 1, grouping: false)
            return "\(text)e\(exponent)"
        }
        return r.fixedText(decimals: max(0, n - 1 - exponent), grouping: true)
    }

    /// Up to three significant digits with trailing zeros dropped, whole numbers from 100 up
    /// (grouped): 1.5 → "1.5", 512 → "512", 12.34 → "12.3", 1234.5 → "1,235". Used for
    /// quantities with a unit after them.
    static func compact(_ x: Double) -> String {
        if let special = nonFinite(x) { return special }
        guard let d = DecimalDigits(x), !d.isZero else { return "0" }
        let r = d.rounded(significant: 3)
        if r.leadingExponent >= 2 {
            return d.rounded(decimals: 0).fixedText(decimals: 0, grouping: true)
        }
        let places = max(0, 2 - r.leadingExponent)
        let text = r.fixedText(decimals: places, grouping: false)
        return trimmingFractionZeros(text)
    }

    /// "1.50" → "1.5", "2.00" → "2"; text without a point is returned unchanged.
    static func trimmingFractionZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var t = Substring(text)
        while t.last == "0" { t = t.dropLast() }
        if t.last == "." { t = t.dropLast() }
        return String(t)
    }
}
