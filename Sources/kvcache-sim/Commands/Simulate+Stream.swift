import ArgumentParser
import Foundation
import KVCacheCore
import KVCacheInput
import KVCacheRender

extension Simulate {
    /// `simulate --stream` (MODEL 3.7): reads the trace in chunks and simulates as it reads,
    /// holding no trace. Needs a trace input, a capacity in blocks or bytes (not a fraction of
    /// the unique blocks, unknown until the end), no warm-up or a warm-up in requests, and an
    /// online policy.
    /// About 256 KB of ids a chunk: a few in flight cost little memory, and a chunk's
    /// per-request hits stay in the caches while they are summed.
    static let streamChunkAccesses = 1 << 16

    func runStream(_ config: SimulationConfig) throws {
        guard case .trace(let input) = config.workload else {
            throw ValidationError("--stream reads a trace: give --trace FILE (or - for standard input), not a synthetic workload")
        }
        // What a stream cannot know before its end: a fraction of the unique blocks, and the
        // default capacity (10% of them). The rest is the in-memory rule (MODEL 1.3).
        for (spec, prefix) in [(config.capacity, ""), (config.l1Capacity, "l1_"), (config.l2Capacity, "l2_")] {
            if let spec, case .fraction = spec {
                throw InputError(file: config.sourcePath, field: spec.key(prefix: prefix),
                                 "\(spec): a fraction of the unique blocks is unknown until a stream ends; give --capacity-blocks or --capacity-bytes with --stream")
            }
        }
        guard config.capacity != nil || config.l1Capacity != nil else {
            throw InputError(file: config.sourcePath, field: "cache_capacity_blocks",
                             "--stream needs a capacity in blocks or bytes (the default, 10% of the unique blocks, is unknown until a stream ends)")
        }
        let total = try config.resolveCapacity(uniqueBlocks: 0).total
        let policy = config.runPolicy(uniqueBlocks: 0)
        let warmupRequests = try config.streamedWarmupRequests()
        let timeModel = TimeModel(config: config.timeModel, model: config.model, kvBytesPerToken: config.kvBytesPerToken)
        let simulation = try StreamingSimulation(policy: policy, capacity: total, source: input.path,
                                                 warmupRequests: warmupRequests, timeModel: timeModel)
        let progress = Progress(label: "simulate --stream")
        defer { progress.done() }
        progress.stepReading()
        var options = ReadOptions(skipBadLines: input.skipBadLines, sessions: input.sessions)
        options.progress = progress.reading
        // Served on this thread, digested on a third (`ServeAndFold`), read on a second.
        try ServeAndFold.run(serve: simulation.serve, fold: simulation.fold) { consume in
            try TraceLoader.stream(path: input.path, format: input.format, blockSizeTokens: config.blockSizeTokens,
                                   nativeBlockSizeTokens: input.nativeBlockSizeTokens, options: options,
                                   chunkAccesses: Self.streamChunkAccesses, consume: consume)
        }
        progress.done()
        let summary = simulation.finish()
        if summary.requests == 0 {
            throw InputError(file: config.sourcePath, field: "measurement.warmup",
                             "warm-up \(config.warmup) covers all \(summary.totalRequests) requests: nothing would be counted; give a smaller one")
        }
        let json = RunSummary.json(stream: summary, config: config).render()
        if self.json { print(json) } else { print(RunSummary.text(stream: summary)) }
        if let out {
            let inputs = self.input.inputPaths(config)
            try AtomicFile.write(json + "\n", to: out + "/summary.json", inputs: inputs)
            try AtomicFile.write(config.resolvedYAML(folder: out), to: out + "/config.resolved.yaml", inputs: inputs)
            status("wrote \(out)/summary.json, \(out)/config.resolved.yaml")
        }
    }
}

extension SimulationConfig {
    /// The warm-up of a stream (MODEL 3.7), which must be a number of requests: a fraction or a
    /// time needs the whole trace (an error naming `measurement.warmup`).
    func streamedWarmupRequests() throws -> Int {
        switch warmup {
        case .none: return 0
        case .requests(let k): return k
        case .fraction, .milliseconds:
            throw InputError(file: sourcePath, field: "measurement.warmup",
                             "warm-up \(warmup) needs the whole trace; with --stream give it in requests (e.g. 6000r)")
        }
    }
}
