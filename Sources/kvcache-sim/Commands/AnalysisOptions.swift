import ArgumentParser
import KVCacheAnalysis
import KVCacheCore
import KVCacheInput

/// What `mrc` and `report` compare; folded into the config's `analysis` section, so that the
/// resolved config records them.
struct AnalysisOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Policies to compare, comma-separated, each NAME or NAME(key=value,...).",
                                            discussion: "Default: the config's analysis.policies, else the configured policy plus lru, prefix_lru, radix_lru and lfu. The offline references belady, belady_bypass and radix_belady are always added, and the upper bound is computed."))
    var policies: String?

    @Option(name: .long, help: "Capacity grid: blocks (500,1000), bytes (80GiB,160GiB; mixed with blocks too), fractions of the unique blocks (0.05,0.1), or a range (1000:100000:log20, 1GiB:1TiB:log20, 100:1000:lin10).")
    var capacities: String?

    @Option(name: .long, help: "Sampled curves (SHARDS for stack policies, miniature caches for the rest): keep the blocks whose hash falls below this rate, in (0, 1], and scale back; the output states the error measured on the run. An ids or oracle-general trace (a file, or - with --format) is sampled as it is read, in memory proportional to the sample.")
    var sampleRate: Double?

    @Option(name: .long, help: "Sampled curves keeping this many distinct blocks (instead of --sample-rate).")
    var sampleSize: Int?

    func apply(to c: inout SimulationConfig) throws {
        if sampleRate != nil && sampleSize != nil { throw ValidationError("give --sample-rate or --sample-size, not both") }
        if let r = sampleRate {
            guard r > 0, r <= 1 else { throw ValidationError("--sample-rate must be in (0, 1]") }
            c.analysis.sampleRate = r
            c.analysis.sampleSize = nil
        }
        if let n = sampleSize {
            guard n >= 1 else { throw ValidationError("--sample-size must be at least 1") }
            c.analysis.sampleSize = n
            c.analysis.sampleRate = nil
        }
        if let policies {
            c.analysis.policies = try PolicySpec.splitList(policies).map { text in
                do { return try PolicySpec.parse(text) } catch { throw ValidationError("--policies: \(error)") }
            }
        }
        if let capacities { c.analysis.capacities = capacities }
        // Sizes in bytes become blocks of this run's model and block size.
        if let spec = c.analysis.capacities {
            do { c.analysis.capacities = try CapacityGrid.inBlocks(spec, blockBytes: c.blockBytes) } catch let e as InputError {
                throw ValidationError("--capacities: \(e.message)")
            }
        }
    }
}
