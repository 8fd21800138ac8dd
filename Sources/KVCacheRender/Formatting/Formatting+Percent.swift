extension Formatting {
    /// A ratio as a percentage: 0.36612 → "36.6%", 1 → "100.0%", -0.05 → "-5.0%".
    public static func percent(_ ratio: Double, decimals: Int = 1) -> String {
        if let special = nonFinite(ratio) { return special }
        return fixed(ratio * 100, decimals: decimals, grouping: true) + "%"
    }

    /// A difference of two ratios in percentage points, always signed: 0.023 → "+2.3 pts",
    /// -0.004 → "-0.4 pts", 0 → "0.0 pts" (no sign when it rounds to zero).
    public static func points(_ ratioDifference: Double, decimals: Int = 1) -> String {
        if let special = nonFinite(ratioDifference) { return special }
        let text = fixed(ratioDifference * 100, decimals: decimals, grouping: true)
        let isZero = !text.contains { $0 != "0" && $0 != "." && $0 != "," && $0 != "-" }
        if isZero { return text + " pts" }
        return (ratioDifference > 0 ? "+" : "") + text + " pts"
    }
}
