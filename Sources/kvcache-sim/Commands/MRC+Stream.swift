import ArgumentParser
import KVCacheAnalysis
import KVCacheCore
import KVCacheInput

extension MRC {
    /// `mrc --stream` (MODEL 3.7, 5.2): the exact one-pass curves of the listed policies (`lru`,
    /// `prefix_lru`, `belady`; default `lru`) over a trace read in chunks and never held, in
    /// memory O(distinct blocks) whatever its length. Every chunk goes through each policy's
    /// `StreamingCurve`; the capacity grid is chosen once the stream has ended. There is no upper
    /// bound (it needs the whole trace) and no simulated policy.
    func streamedCurves(_ config: SimulationConfig, progress: Progress,
                        grid: (Int) throws -> [Int]) throws -> CurveSet {
        guard case .trace(let input) = config.workload else {
            throw ValidationError("--stream reads a trace: give --trace FILE (or - for standard input), not a synthetic workload")
        }
        if config.analysis.sampling != nil {
            throw ValidationError("--stream computes exact curves; a sampled curve (--sample-rate) streams by itself: drop --stream")
        }
        let policies = config.analysis.policies ?? [.lru]
        if let other = policies.first(where: { !$0.hasOnePassCurve }) {
            throw InputError(file: config.sourcePath, field: "analysis.policies",
                             "\(other) has no one-pass curve, so it cannot stream; with --stream list lru, prefix_lru or belady (or drop --stream)")
        }
        let warmupRequests = try config.streamedWarmupRequests()
        let curves = try policies.map { try StreamingCurve(policy: $0, warmupRequests: warmupRequests) }
        progress.stepReading()
        var options = ReadOptions(skipBadLines: input.skipBadLines, sessions: input.sessions)
        options.progress = progress.reading
        try TraceLoader.stream(path: input.path, format: input.format, blockSizeTokens: config.blockSizeTokens,
                               nativeBlockSizeTokens: input.nativeBlockSizeTokens, options: options) { chunk in
            for curve in curves { curve.consume(chunk) }
        }
        let profiles = curves.map { $0.finish() }
        let unique = profiles.first?.uniqueBlocks ?? 0
        if (profiles.first?.accesses ?? 0) == 0 {
            throw InputError(file: config.sourcePath, field: "measurement.warmup",
                             "warm-up \(config.warmup) covers every request: nothing would be counted; give a smaller one")
        }
        let capacities = try grid(unique)
        return CurveSet.exact(profiles, capacities: capacities, blockBytes: config.blockBytes)
    }
}
