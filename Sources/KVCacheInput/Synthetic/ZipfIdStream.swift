import KVCacheCore
import KVCacheStats

/// The standard block-level benchmark workload as a stream (`kvcache-sim generate --zipf-ids`):
/// `accesses` independent draws of Zipf(`alpha`) over the ids 1 ... `ids` (id k has weight
/// k^-alpha), written in the `ids` format, one decimal id per line.
///
/// Draws come from GSL's Walker alias table (`gsl_ran_discrete`, through `DiscreteSampler`)
/// driven by GSL's mt19937 seeded with `seed`: O(ids) set-up and memory (16 bytes per id), O(1)
/// per draw, whatever the number of accesses, so a 10^10-access stream is written in bounded
/// memory. Deterministic per (ids, alpha, seed): the same stream on every run and platform
/// that has GSL's generators. (Not the same sequence as `PortableZipf`, whose inverse-CDF
/// binary search costs O(log ids) per draw; the same distribution.)
public struct ZipfIdStream {
    public let ids: Int
    public let alpha: Double
    public let accesses: Int
    public let seed: UInt64

    /// - Throws: an InputError naming the bad parameter.
    public init(ids: Int, alpha: Double, accesses: Int, seed: UInt64) throws {
        guard ids >= 1, ids <= 1 << 32 else { throw InputError(field: "zipf-ids", "must be in 1 ... 2^32, not \(ids)") }
        guard alpha.isFinite, alpha >= 0 else { throw InputError(field: "alpha", "must be a finite number >= 0, not \(alpha)") }
        guard accesses >= 0 else { throw InputError(field: "accesses", "must be >= 0, not \(accesses)") }
        self.ids = ids
        self.alpha = alpha
        self.accesses = accesses
        self.seed = seed
    }

    /// Writes every access to `sink`, one line each.
    public func write(to sink: ByteSink) throws {
        let sampler = try DiscreteSampler(zipfCount: ids, alpha: alpha)
        let random = RandomSource(seed: seed)
        for _ in 0 ..< accesses {
            try sink.writeLine(UInt64(sampler.draw(random)) + 1)
        }
        try sink.flush()
    }
}
