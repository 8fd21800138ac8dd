import Foundation

/// The law of a synthetic length (MODEL 7.2): a draw from a continuous `Distribution`,
/// rounded to the nearest integer (halves away from zero, Swift's `rounded()`), redrawn while
/// outside [minimum, maximum] (defaults 1 and unbounded).
///
/// Its mass at an integer k in range is P(k) = (F(k + 0.5) - F(k - 0.5)) / Z with
/// Z = F(max + 0.5) - F(min - 0.5), and 0 outside; a `fixed` law is a point mass at its rounded
/// value. Each query is O(1) CDF evaluations. Building one throws when the law's parameters
/// are invalid, min > max, or the law puts no mass on the range (the generator would never
/// finish).
public struct DiscretizedLaw: Sendable, Equatable {
    public let law: Distribution
    public let minimum: Int
    /// nil when unbounded.
    public let maximum: Int?
    /// F(minimum - 0.5).
    let lower: Double
    /// Z, the law's mass on the range.
    let mass: Double

    public init(_ law: Distribution, minimum: Int = 1, maximum: Int? = nil) throws(GSLError) {
        if let message = law.invalidParameterMessage {
            throw GSLError("\(law.familyName) law: \(message)")
        }
        if let maximum, maximum < minimum {
            throw GSLError("length range is empty: minimum \(minimum) > maximum \(maximum)")
        }
        self.law = law
        self.minimum = minimum
        self.maximum = maximum
        if case .fixed(let v) = law {
            let point = v.rounded()
            guard point >= Double(minimum), point <= Double(maximum ?? Int.max) else {
                throw GSLError("fixed length \(v) rounds to \(point), outside [\(minimum), \(maximum.map(String.init) ?? "inf")]")
            }
            lower = 0
            mass = 1
            return
        }
        lower = law.cdf(Double(minimum) - 0.5)
        let upper = maximum.map { law.cdf(Double($0) + 0.5) } ?? 1
        mass = upper - lower
        guard mass > 0, mass.isFinite else {
            throw GSLError("\(law) puts no probability on lengths [\(minimum), \(maximum.map(String.init) ?? "inf")]")
        }
    }

    /// The largest length the generator can produce (Int.max when unbounded).
    public var upperBound: Int { maximum ?? Int.max }

    /// P(length = k).
    public func probability(_ k: Int) -> Double {
        guard k >= minimum, k <= upperBound else { return 0 }
        if case .fixed(let v) = law { return Double(k) == v.rounded() ? 1 : 0 }
        let p = (law.cdf(Double(k) + 0.5) - law.cdf(Double(k) - 0.5)) / mass
        return max(0, p)
    }

    /// P(length <= k).
    public func cdf(_ k: Int) -> Double {
        if k < minimum { return 0 }
        if k >= upperBound { return 1 }
        if case .fixed(let v) = law { return Double(k) >= v.rounded() ? 1 : 0 }
        return min(1, max(0, (law.cdf(Double(k) + 0.5) - lower) / mass))
    }

    /// The expected length, by summing k P(k) until the remaining mass is below 1e-12 (at most
    /// 10^7 terms); nil when that does not converge.
    public var mean: Double? {
        var total = 0.0
        var k = minimum
        var seen = 0.0
        while k <= upperBound && k - minimum < 10_000_000 {
            let p = probability(k)
            total += Double(k) * p
            seen += p
            if 1 - seen < 1e-12 { return total }
            k += 1
        }
        return 1 - seen < 1e-9 ? total : nil
    }

    /// Integer bins [start, end] covering the range, each with mass at least `minimumMass`
    /// except possibly the last (the remainder). Found by doubling then bisection on the CDF,
    /// O(log range) CDF evaluations per bin.
    func bins(minimumMass: Double) -> [(start: Int, end: Int, mass: Double)] {
        var result: [(start: Int, end: Int, mass: Double)] = []
        var start = minimum
        while true {
            let before = cdf(start - 1)
            if 1 - before < minimumMass || start >= upperBound {
                result.append((start, upperBound, 1 - before))
                return result
            }
            // Smallest end >= start with cdf(end) - before >= minimumMass.
            var step = 1
            var hi = start
            while cdf(hi) - before < minimumMass {
                if hi >= upperBound - step { hi = upperBound; break }
                hi = start + step
                step = step < Int.max / 4 ? step * 2 : step
            }
            var lo = start
            while lo < hi {
                let mid = lo + (hi - lo) / 2
                if cdf(mid) - before >= minimumMass { hi = mid } else { lo = mid + 1 }
            }
            result.append((start, hi, cdf(hi) - before))
            if hi >= upperBound { return result }
            start = hi + 1
        }
    }
}
