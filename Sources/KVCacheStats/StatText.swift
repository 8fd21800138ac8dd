import Foundation

/// Numbers in the statistics' sentences: four significant digits (`0.08600`, `401.4`,
/// `2.000e-13`), never a 16-digit float. The CLI's tables use KVCacheRender's `Formatting`.
public enum StatText {
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if magnitude >= 1e-3 && magnitude < 1e6 {
            // Four significant digits, trailing zeros after the point dropped.
            let decimals = max(0, 3 - Int(floor(log10(magnitude))))
            var s = String(format: "%.\(decimals)f", x)
            if s.contains(".") {
                while s.hasSuffix("0") { s.removeLast() }
                if s.hasSuffix(".") { s.removeLast() }
            }
            return s
        }
        return String(format: "%.3e", x)
    }
}
