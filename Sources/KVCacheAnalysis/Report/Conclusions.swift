import Foundation
import KVCacheCore
import KVCacheInput

/// What a capacity planner reads first (MODEL 5.10): for each share of the achievable hit
/// tokens (those of an infinite cache), the capacity each policy needs, the best known policy's,
/// and the capacity below which the proven bound rules every policy out; the ideal prefill
/// speed-up `1 / (1 - token hit ratio)` there; and the knee of the configured policy's curve.
public struct Conclusions: Sendable {
    public static let shares = [0.5, 0.9, 0.95, 0.99]

    /// A capacity in blocks and how it is known.
    public struct Need: Sendable, Equatable {
        public var blocks: Int
        /// `exact` (a one-pass profile: the smallest capacity) or `grid` (the first grid
        /// capacity reaching the share: the smallest is at most this).
        public var exact: Bool
        /// The token hit ratio reached there.
        public var tokenHitRatio: Double
    }

    public struct Target: Sendable {
        public var share: Double
        /// Hit tokens that make the share.
        public var tokens: Int
        /// Per policy of the report, in its order; nil when the grid never reaches the share.
        public var needs: [(policy: PolicySpec, need: Need?)]
        /// The policy needing the least capacity, and that capacity.
        public var best: (policy: PolicySpec, need: Need)?
        /// The bound is below the target at this grid capacity: no policy reaches the share with
        /// this many blocks or fewer (nil when the bound reaches it at the grid's first point).
        public var ruledOutAtOrBelow: Int?
    }

    /// Hit tokens of the infinite cache (the ceiling) and the counted input tokens.
    public var ceilingTokens: Int
    public var inputTokens: Int
    public var targets: [Target]
    /// The knee of the configured policy's token-hit curve (Kneedle on log capacity), in blocks.
    public var knee: Int?

    public var ceilingRatio: Double { inputTokens == 0 ? 0 : Double(ceilingTokens) / Double(inputTokens) }

    /// `1 / (1 - r)`: prefill work divided by the uncached share, if compute is all that counts.
    public static func speedup(_ tokenHitRatio: Double) -> Double { tokenHitRatio >= 1 ? .infinity : 1 / (1 - tokenHitRatio) }

    public static func compute(curves: CurveSet, references: References, semantics: HitSemantics, configured: PolicySpec) -> Conclusions {
        let inputTokens = references.inputTokens
        let ceiling = references.ceiling.hitTokens
        func ratio(_ t: Int) -> Double { inputTokens == 0 ? 0 : Double(t) / Double(inputTokens) }
        let profiles = Dictionary(curves.profiles.map { ($0.policy, $0.cumulative(semantics).hitTokens) }, uniquingKeysWith: { a, _ in a })
        let policyCurves = curves.curves.filter { $0.semantics == semantics }
        var targets: [Target] = []
        for share in shares {
            let goal = Int((share * Double(ceiling)).rounded(.up))
            var needs: [(policy: PolicySpec, need: Need?)] = []
            for curve in policyCurves {
                if let tokens = profiles[curve.policy] {
                    // Exact: the smallest capacity (hit tokens never fall as capacity grows).
                    var lo = 1, hi = tokens.count - 1
                    if hi < 1 || tokens[hi] < goal { needs.append((curve.policy, nil)); continue }
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if tokens[mid] >= goal { hi = mid } else { lo = mid + 1 }
                    }
                    needs.append((curve.policy, Need(blocks: lo, exact: true, tokenHitRatio: ratio(tokens[lo]))))
                } else {
                    let p = curve.points.first { $0.hitTokens >= goal }
                    needs.append((curve.policy, p.map { Need(blocks: $0.capacityBlocks, exact: false, tokenHitRatio: ratio($0.hitTokens)) }))
                }
            }
            let best = needs.compactMap { n in n.need.map { (policy: n.policy, need: $0) } }.min { $0.need.blocks < $1.need.blocks }
            let ruledOut = curves.bound?.points.last { $0.hitTokens < goal }?.capacityBlocks
            targets.append(Target(share: share, tokens: goal, needs: needs, best: best, ruledOutAtOrBelow: ruledOut))
        }
        var knee: Int?
        if let curve = policyCurves.first(where: { $0.policy == configured }) {
            knee = Self.knee(curve.points.map { (Double($0.capacityBlocks), Double($0.hitTokens)) })
        }
        return Conclusions(ceilingTokens: ceiling, inputTokens: inputTokens, targets: targets, knee: knee)
    }

    /// Kneedle (Satopää, Albrecht, Irwin and Raghavan, "Finding a 'kneedle' in a haystack",
    /// ICDCSW 2011) on (log capacity, hits): both normalised to [0, 1], the knee is the point
    /// farthest above the diagonal. Nil for a flat curve or fewer than three points.
    public static func knee(_ points: [(Double, Double)]) -> Int? {
        let pts = points.filter { $0.0 >= 1 }
        guard pts.count >= 3, let x0 = pts.first?.0, let x1 = pts.last?.0, x1 > x0 else { return nil }
        let ys = pts.map(\.1)
        guard let y0 = ys.min(), let y1 = ys.max(), y1 > y0 else { return nil }
        let lx0 = log(x0), lx1 = log(x1)
        var best: (Double, Double)?
        for (x, y) in pts {
            let d = (y - y0) / (y1 - y0) - (log(x) - lx0) / (lx1 - lx0)
            if best == nil || d > best!.0 { best = (d, x) }
        }
        guard let b = best, b.0 > 0 else { return nil }
        return Int(b.1)
    }
}
