import CGSL

/// A seeded Mersenne Twister (GSL's `mt19937`). Same seed, same stream on every platform:
/// everything random in kvcache-sim draws from one of these, passed in explicitly.
public final class RandomSource {
    let rng: UnsafeMutablePointer<gsl_rng>

    public let seed: UInt64

    public init(seed: UInt64) {
        GSL.configure()
        // gsl_rng_alloc only fails when out of memory; that is not recoverable.
        guard let rng = gsl_rng_alloc(kvcache_rng_mt19937()) else {
            preconditionFailure("gsl_rng_alloc failed (out of memory)")
        }
        self.rng = rng
        self.seed = seed
        gsl_rng_set(rng, UInt(truncatingIfNeeded: seed))
    }

    deinit { gsl_rng_free(rng) }

    /// A uniform double in [0, 1).
    public func uniform() -> Double { gsl_rng_uniform(rng) }

    /// A uniform double in (0, 1).
    public func uniformPositive() -> Double { gsl_rng_uniform_pos(rng) }

    /// A uniform integer in [0, n); `n` must be at least 1.
    public func integer(below n: Int) -> Int {
        precondition(n >= 1)
        if n <= Int(UInt32.max) {
            return Int(gsl_rng_uniform_int(rng, UInt(n)))
        }
        return Int(uniform() * Double(n)) % n
    }

    /// A standard normal variate (GSL's ziggurat).
    public func gaussian(sigma: Double = 1) -> Double { gsl_ran_gaussian_ziggurat(rng, sigma) }

    /// An exponential variate with the given mean.
    public func exponential(mean: Double) -> Double { gsl_ran_exponential(rng, mean) }

    /// A lognormal variate: exp(N(mu, sigma)).
    public func lognormal(mu: Double, sigma: Double) -> Double { gsl_ran_lognormal(rng, mu, sigma) }

    /// A gamma variate with shape `a` and `scale`.
    public func gamma(shape: Double, scale: Double) -> Double { gsl_ran_gamma(rng, shape, scale) }

    /// A Weibull variate with `shape` and `scale` (GSL takes scale first).
    public func weibull(shape: Double, scale: Double) -> Double { gsl_ran_weibull(rng, scale, shape) }

    /// A uniform variate in [a, b).
    public func flat(_ a: Double, _ b: Double) -> Double { gsl_ran_flat(rng, a, b) }

    /// A Poisson count with the given mean.
    public func poisson(mean: Double) -> Int { Int(gsl_ran_poisson(rng, mean)) }
}
