/// |a - b| <= relative * max(|a|, |b|), or both within `absolute` of each other (for values
/// near zero). Never `==` on floating point (STYLE "Tests").
func isClose(_ a: Double, _ b: Double, relative: Double, absolute: Double = 0) -> Bool {
    if a.isNaN || b.isNaN { return false }
    if a.isInfinite || b.isInfinite { return a == b }
    let diff = abs(a - b)
    return diff <= absolute || diff <= relative * max(abs(a), abs(b))
}

/// Relative difference |a - b| / max(|a|, |b|) (0 when both are 0).
func relativeDifference(_ a: Double, _ b: Double) -> Double {
    let scale = max(abs(a), abs(b))
    return scale == 0 ? 0 : abs(a - b) / scale
}
