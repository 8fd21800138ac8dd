import KVCacheCore
import KVCacheInput

extension SampledCurves {
    /// Sampled curves straight from an `ids` or `oracle-general` input (a file or standard
    /// input), in memory proportional to the sample (MODEL 5.11): the raw ids are hashed as they
    /// are parsed and only the sampled ones interned (`SampledIdStream`), then the curves are
    /// computed on the sample as `compute(sample:...)` does, with the error slices. The unique
    /// block count, which the grid and the default policies need, is estimated as the sample's
    /// distinct blocks divided by the rate. Every access is measured (no warm-up).
    ///
    /// - Parameter capacities: the grid for an estimated unique block count.
    public static func compute(stream input: ByteStream, format: TraceFormat, rate: Double, seed: UInt64,
                               blockSizeTokens: Int, blockBytes: Int,
                               policies: (Int) throws -> [PolicySpec], capacities: (Int) throws -> [Int]) async throws -> CurveSet {
        let threshold = Self.threshold(rate: rate)
        let read = try SampledIdStream.read(input, format: format, threshold: threshold, seed: seed, blockSizeTokens: blockSizeTokens)
        let actualRate = Self.rate(threshold: threshold)
        let unique = max(1, Int((Double(read.sample.uniqueBlocks) / actualRate).rounded()))
        let (tokens, overflow) = read.accesses.multipliedReportingOverflow(by: blockSizeTokens)
        guard !overflow else { throw InputError(file: input.name, "too many tokens to count: \(read.accesses) accesses x \(blockSizeTokens)") }
        return await compute(sample: read.sample, hashes: read.hashes, threshold: threshold, accesses: read.accesses,
                             inputTokens: tokens, uniqueBlocks: unique, policies: try policies(unique),
                             capacities: try capacities(unique), blockBytes: blockBytes)
    }
}
