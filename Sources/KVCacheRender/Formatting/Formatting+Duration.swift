extension Formatting {
    /// A duration in milliseconds below one second and in seconds from one second up, with up
    /// to three significant digits: 0.0123 → "12.3 ms", 0.5 → "500 ms", 1.5 → "1.5 s",
    /// 3600 → "3,600 s", 0 → "0 ms".
    public static func duration(seconds: Double) -> String {
        if let special = nonFinite(seconds) { return special }
        let magnitude = seconds.magnitude
        // Round first so 0.9996 s prints as "1 s", not "1,000 ms".
        if magnitude < 1, compact(magnitude * 1000) != "1,000" {
            return signed(seconds, compact(magnitude * 1000)) + " ms"
        }
        return signed(seconds, compact(magnitude)) + " s"
    }

    /// A duration given in milliseconds; see `duration(seconds:)`.
    public static func duration(milliseconds: Double) -> String {
        duration(seconds: milliseconds / 1000)
    }

    private static func signed(_ x: Double, _ magnitudeText: String) -> String {
        x < 0 && magnitudeText != "0" ? "-" + magnitudeText : magnitudeText
    }
}
