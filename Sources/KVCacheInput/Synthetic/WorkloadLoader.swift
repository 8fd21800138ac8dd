import KVCacheCore
/// Turns a config's workload into a `Trace`: reads the trace file or runs the generator, then
/// applies the configured warm-up (MODEL 3.6).
public enum WorkloadLoader {
    /// `progress`, when given, follows the reading of a trace file.
    public static func load(_ config: SimulationConfig, progress: ReadProgress? = nil) throws -> Trace {
        var trace = try read(config, progress: progress)
        do { try trace.measure(after: config.warmup) } catch {
            throw InputError(file: config.sourcePath, field: "measurement.warmup", error.description)
        }
        if trace.requestCount > 0 && trace.measuredRequestCount == 0 {
            throw InputError(file: config.sourcePath, field: "measurement.warmup",
                             "warm-up \(config.warmup) covers all \(trace.requestCount) requests: nothing would be counted; give a smaller one")
        }
        return trace
    }

    private static func read(_ config: SimulationConfig, progress: ReadProgress?) throws -> Trace {
        switch config.workload {
        case .trace(let input):
            var sessions = input.sessions
            sessions.seed = config.seed
            return try TraceLoader.load(path: input.path, format: input.format, blockSizeTokens: config.blockSizeTokens,
                                        nativeBlockSizeTokens: input.nativeBlockSizeTokens,
                                        options: { var o = ReadOptions(skipBadLines: input.skipBadLines, sessions: sessions); o.progress = progress; return o }())
        case .synthetic(let synthetic):
            return try SyntheticGenerator(config: synthetic, blockSizeTokens: config.blockSizeTokens, seed: config.seed)
                .generate(source: "synthetic:\(config.name)").trace
        }
    }
}
