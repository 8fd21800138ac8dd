import Foundation
import KVCacheCore

/// The sampling error of a sampled curve set, measured on the run itself (MODEL 5.11).
///
/// Rule: the sample (hashes below `R x 2^64`) is split by hash into `slices` equal ranges;
/// each slice is itself a SHARDS sample at rate `R / slices`, independent of the others, and
/// gives its own scaled curve. The full sample's estimate is close to the mean of the slices'
/// (they partition it), so its standard error at a capacity is estimated by the slices' sample
/// standard deviation divided by `sqrt(slices)`. It measures the variance (which keys happen to
/// be sampled), not a bias such as the prefix approximation or the unresolved sizes below
/// `1 / R` blocks. For normal errors the expected absolute error is `sqrt(2 / pi)` times the
/// standard error. Capacities whose slice-scaled size `C x R / slices` is below one block have
/// no estimate. Cost: about one more computation on the sample.
public struct SampledError: Sendable {
    /// One curve's estimate, parallel to the curve set's curves.
    public struct Curve: Sendable {
        public var policy: PolicySpec
        public var semantics: HitSemantics
        /// Standard error of the miss ratio at each capacity, nil where there is no estimate.
        public var standardErrors: [Double?]

        /// Mean standard error over the capacities that have one.
        public var meanStandardError: Double? {
            let known = standardErrors.compactMap { $0 }
            return known.isEmpty ? nil : known.reduce(0, +) / Double(known.count)
        }

        /// The expected mean absolute error, `sqrt(2 / pi)` x the mean standard error.
        public var expectedMeanAbsoluteError: Double? { meanStandardError.map { $0 * (2 / Double.pi).squareRoot() } }
    }

    public var slices: Int
    public var curves: [Curve]

    public init(slices: Int, curves: [Curve]) {
        self.slices = slices
        self.curves = curves
    }

    /// The estimate from the full curves and each slice's curves (same policies, semantics
    /// and capacities, in the same order); `usable[j]` says whether capacity j has one.
    public static func measure(full: [MissRatioCurve], slices: [[MissRatioCurve]], usable: [Bool]) -> SampledError {
        let k = slices.count
        let curves = full.enumerated().map { i, curve -> Curve in
            let errors = curve.points.indices.map { j -> Double? in
                guard k >= 2, usable[j] else { return nil }
                let values = slices.map { $0[i].missRatio($0[i].points[j]) }
                let mean = values.reduce(0, +) / Double(k)
                let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(k - 1)
                return (variance / Double(k)).squareRoot()
            }
            return Curve(policy: curve.policy, semantics: curve.semantics, standardErrors: errors)
        }
        return SampledError(slices: k, curves: curves)
    }
}
