import KVCacheCore
import KVCacheInput

/// A miss-ratio curve (MODEL 5.5, 9.3): for one policy and semantics, hits and hit tokens
/// at each capacity, with how they were obtained.
public struct MissRatioCurve: Sendable {
    /// `exact`: one-pass stack distances; `simulated`: one run per capacity; `sampled`: computed
    /// on a spatial sample and scaled (MODEL 5.11, 9.3).
    public enum Method: String, Sendable { case exact, simulated, sampled }

    public struct Point: Sendable, Equatable {
        public var capacityBlocks: Int
        public var hits: Int
        public var hitTokens: Int
    }

    public var policy: PolicySpec
    public var semantics: HitSemantics
    public var method: Method
    public var accesses: Int
    public var inputTokens: Int
    /// Misses at every capacity (MODEL 5.4).
    public var compulsoryMisses: Int
    public var points: [Point]

    public func missRatio(_ p: Point) -> Double { accesses == 0 ? 0 : 1 - Double(p.hits) / Double(accesses) }
    public func hitRatio(_ p: Point) -> Double { accesses == 0 ? 0 : Double(p.hits) / Double(accesses) }

    /// The exact curve of a stack policy at `capacities` from its profile.
    public static func exact(_ profile: StackDistanceProfile, semantics: HitSemantics, capacities: [Int]) -> MissRatioCurve {
        let (hits, tokens) = profile.cumulative(semantics)
        let points = capacities.map { c in
            let i = min(c, profile.uniqueBlocks)
            return Point(capacityBlocks: c, hits: hits[i], hitTokens: tokens[i])
        }
        return MissRatioCurve(policy: profile.policy, semantics: semantics, method: .exact, accesses: profile.accesses,
                              inputTokens: profile.inputTokens, compulsoryMisses: profile.compulsoryMisses(semantics), points: points)
    }

    /// The smallest capacity whose hit count reaches `fraction` of the infinite-cache hits
    /// (the capacity needed for 50/90/99%), from a profile (exact, every size).
    public static func capacityNeeded(_ profile: StackDistanceProfile, semantics: HitSemantics, fraction: Double) -> Int? {
        let (hits, _) = profile.cumulative(semantics)
        guard let total = hits.last, total > 0 else { return nil }
        let target = Double(total) * fraction
        var lo = 0, hi = hits.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if Double(hits[mid]) >= target { hi = mid } else { lo = mid + 1 }
        }
        return max(1, lo)
    }
}
