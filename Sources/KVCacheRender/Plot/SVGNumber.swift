/// Coordinates as SVG text: at most two decimals, trailing zeros dropped, never "-0", never
/// exponent notation; so the same chart always gives the same bytes.
enum SVGNumber {
    static func text(_ value: Double) -> String {
        guard value.isFinite else {
            assertionFailure("non-finite SVG coordinate")
            return "0"
        }
        let clamped = min(max(value, -1e9), 1e9)
        let hundredths = Int((clamped * 100).rounded())
        if hundredths == 0 { return "0" }
        let sign = hundredths < 0 ? "-" : ""
        let m = hundredths.magnitude
        let whole = m / 100, frac = m % 100
        if frac == 0 { return "\(sign)\(whole)" }
        if frac % 10 == 0 { return "\(sign)\(whole).\(frac / 10)" }
        return "\(sign)\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }
}
