extension Formatting {
    /// The binary units, each 1024 times the previous.
    static let binaryByteUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]

    /// A byte count with binary units and up to three significant digits: 512 → "512 B",
    /// 1536 → "1.5 KiB", 524288 → "512 KiB", 1.5 × 2³⁰ → "1.5 GiB". Below 1 KiB the count is
    /// whole bytes.
    public static func bytes(_ count: Double) -> String {
        if let special = nonFinite(count) { return special }
        var value = count.magnitude
        var unit = 0
        while value >= 1024 && unit < binaryByteUnits.count - 1 {
            value /= 1024
            unit += 1
        }
        var text = unit == 0 ? fixed(value, decimals: 0, grouping: true) : compact(value)
        // 1023.9 KiB rounds to "1,024": say "1 MiB" instead.
        if unit < binaryByteUnits.count - 1, text == "1,024" {
            text = "1"
            unit += 1
        }
        let sign = count < 0 && text != "0" ? "-" : ""
        return "\(sign)\(text) \(binaryByteUnits[unit])"
    }

    /// A byte count with binary units; see `bytes(_: Double)`.
    public static func bytes<T: BinaryInteger>(_ count: T) -> String {
        bytes(Double(count))
    }
}
