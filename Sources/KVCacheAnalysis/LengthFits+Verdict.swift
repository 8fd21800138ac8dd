import Foundation
import KVCacheStats

/// Whether any family fits, and why not (MODEL 7.1).
extension LengthFits {
    /// The verdict on a field's fits at level `alpha`.
    public struct Verdict: Sendable {
        /// The families the best is chosen among (by AIC): the discrete ones for counts, the
        /// continuous ones (the lognormal mixture included) for lengths.
        public var compared: [FitFamily]
        /// The compared families that no goodness-of-fit test rejects at `alpha`.
        public var accepted: [FitFamily]
        /// The largest goodness-of-fit p-value among the compared families (nil: no test ran).
        public var largestP: Double?
        /// Mode locations of the data (on a log scale), when there is more than one.
        public var modes: [Double]
        /// How much lower the mixture's AIC is than the best single family's (positive: better).
        public var mixtureAICMargin: Double?
        public var alpha: Double

        /// "No family fits at alpha": every compared family fitted is rejected by a test.
        public var noFamilyFits: Bool { accepted.isEmpty && largestP != nil }
    }

    /// The compared families: discrete for counts, continuous for lengths (MODEL 7.1).
    public var comparedFamilies: [FitFamily] { field.isCount ? FitFamily.discrete : FitFamily.continuous }

    /// A family is rejected at `alpha` when its chi-square or its KS p-value is below `alpha`.
    public func verdict(alpha: Double = 0.01) -> Verdict {
        let compared = comparedFamilies
        let fits = outcomes.compactMap(\.fit).filter { compared.contains($0.family) }
        var accepted: [FitFamily] = []
        var largest: Double?
        for f in fits {
            let ps = [f.chiSquare?.pValue, f.ks?.pValue].compactMap { $0 }
            guard let worst = ps.min() else { continue }
            largest = max(largest ?? 0, worst)
            if worst >= alpha { accepted.append(f.family) }
        }
        let single = fits.filter { $0.family != .lognormalMixture }.map(\.aic).min()
        let mixture = fits.first { $0.family == .lognormalMixture }?.aic
        let margin = single.flatMap { s in mixture.map { s - $0 } }
        let modes = field.isCount ? [] : Self.modes(values)
        return Verdict(compared: compared, accepted: accepted, largestP: largest, modes: modes.count > 1 ? modes : [],
                       mixtureAICMargin: margin, alpha: alpha)
    }

    /// The modes of positive `values` on a log scale: peaks of a histogram of ln x (about
    /// sqrt(n) bins, 10 to 40), smoothed with weights 1 2 3 2 1, that reach 10% of the highest
    /// and are separated from the previous peak by a valley below 75% of the lower of the two.
    /// Returned as values (bin centres, exp'd), in increasing order.
    public static func modes(_ values: [Double]) -> [Double] {
        let logs = values.filter { $0 > 0 }.map { log($0) }
        guard logs.count >= 20, let lo = logs.min(), let hi = logs.max(), hi > lo else { return [] }
        let bins = min(40, max(10, Int(Double(logs.count).squareRoot())))
        let width = (hi - lo) / Double(bins)
        var counts = [Double](repeating: 0, count: bins)
        for v in logs { counts[min(bins - 1, Int((v - lo) / width))] += 1 }
        let kernel = [1.0, 2, 3, 2, 1]
        let smooth = (0 ..< bins).map { i in
            (-2 ... 2).reduce(0.0) { acc, d in
                let j = i + d
                return j >= 0 && j < bins ? acc + kernel[d + 2] * counts[j] : acc
            } / 9
        }
        let top = smooth.max() ?? 0
        var peaks: [Int] = []
        for i in 0 ..< bins {
            let left = i > 0 ? smooth[i - 1] : -1, right = i < bins - 1 ? smooth[i + 1] : -1
            guard smooth[i] >= 0.1 * top, smooth[i] > left, smooth[i] >= right else { continue }
            if let previous = peaks.last {
                let valley = smooth[previous ... i].min() ?? 0
                if valley >= 0.75 * min(smooth[previous], smooth[i]) {
                    if smooth[i] > smooth[previous] { peaks[peaks.count - 1] = i }
                    continue
                }
            }
            peaks.append(i)
        }
        return peaks.map { exp(lo + (Double($0) + 0.5) * width) }
    }
}
