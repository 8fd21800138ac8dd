import CGSL
import Foundation

/// Draws indices 0..<K with given weights, through GSL's Walker alias tables
/// (`gsl_ran_discrete_preproc`/`gsl_ran_discrete`): O(K) set-up, O(1) per draw.
public final class DiscreteSampler {
    private let table: UnsafeMutablePointer<gsl_ran_discrete_t>
    public let count: Int

    /// - Throws: `GSLError` when the weights are empty, negative or all zero.
    public init(weights: [Double]) throws {
        GSL.configure()
        guard !weights.isEmpty, weights.allSatisfy({ $0 >= 0 && $0.isFinite }), weights.contains(where: { $0 > 0 }) else {
            throw GSLError("discrete sampler: weights must be non-negative, finite and not all zero")
        }
        guard let table = weights.withUnsafeBufferPointer({ gsl_ran_discrete_preproc(weights.count, $0.baseAddress) }) else {
            throw GSLError("gsl_ran_discrete_preproc failed")
        }
        self.table = table
        count = weights.count
    }

    /// Zipf popularity over `count` items: weight of rank k (1-based) is k^-alpha.
    public convenience init(zipfCount count: Int, alpha: Double) throws {
        try self.init(weights: (1 ... max(1, count)).map { pow(Double($0), -alpha) })
    }

    deinit { gsl_ran_discrete_free(table) }

    public func draw(_ random: RandomSource) -> Int {
        Int(gsl_ran_discrete(random.rng, table))
    }
}

