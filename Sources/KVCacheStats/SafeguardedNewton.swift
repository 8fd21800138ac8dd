/// Newton's method kept inside a bracket: a step that leaves the bracket, or does not shrink
/// the residual's bracket, is replaced by bisection, so it always converges for a continuous
/// function with a sign change and converges quadratically near a simple root.
/// Complexity: O(iterations) evaluations, at most `maxIterations`.
struct SafeguardedNewton {
    var relativeTolerance = 1e-14
    var maxIterations = 200

    /// Solves f(x) = 0 for x in [lower, upper], where f(lower) and f(upper) have opposite
    /// signs. `f` returns the value and the derivative. Returns nil when the bracket is not a
    /// sign change, a value is not finite, or the iteration budget runs out.
    func solve(lower: Double, upper: Double, start: Double,
               _ f: (Double) -> (value: Double, derivative: Double)) -> Double? {
        var lo = lower, hi = upper
        let flo = f(lo).value, fhi = f(hi).value
        guard flo.isFinite, fhi.isFinite else { return nil }
        if flo == 0 { return lo }
        if fhi == 0 { return hi }
        guard (flo < 0) != (fhi < 0) else { return nil }
        let increasing = flo < 0
        var x = min(max(start, lo), hi)
        for _ in 0..<maxIterations {
            let (v, dv) = f(x)
            guard v.isFinite else { return nil }
            if v == 0 { return x }
            if (v < 0) == increasing { lo = x } else { hi = x }
            var next = x - v / dv
            if !next.isFinite || next <= lo || next >= hi || dv == 0 {
                next = 0.5 * (lo + hi)
            }
            if abs(next - x) <= relativeTolerance * abs(x) || hi - lo <= relativeTolerance * abs(x) {
                return next
            }
            x = next
        }
        return nil
    }
}
