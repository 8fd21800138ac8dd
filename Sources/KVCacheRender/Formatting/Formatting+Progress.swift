extension Formatting {
    /// A progress line: "report: reading input 42% (12 s elapsed, about 17 s left)" when the
    /// phase's fraction done is known, else "report: computing curves (12 s elapsed)". The time
    /// left assumes the rest goes at the pace so far: elapsed × (1 - f) / f, from the phase's
    /// own start; no estimate before 1% is done.
    public static func progressLine(label: String, phase: String, fraction: Double?, elapsed: Double, phaseElapsed: Double) -> String {
        let total = "\(Int(elapsed)) s elapsed"
        guard let f = fraction, f.isFinite, f > 0 else { return "\(label): \(phase) (\(total))" }
        let percent = Int((min(1, f) * 100).rounded(.down))
        guard f >= 0.01, f < 1 else { return "\(label): \(phase) \(percent)% (\(total))" }
        let left = phaseElapsed * (1 - f) / f
        return "\(label): \(phase) \(percent)% (\(total), about \(clock(left)) left)"
    }

    /// Whole seconds as "45 s", "3 min 05 s" or "2 h 07 min".
    static func clock(_ seconds: Double) -> String {
        let s = max(0, Int(seconds.rounded()))
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min \(s % 60 < 10 ? "0" : "")\(s % 60) s" }
        let minutes = (s % 3600) / 60
        return "\(s / 3600) h \(minutes < 10 ? "0" : "")\(minutes) min"
    }
}
