#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import KVCacheCore

extension SimulationOutcome {
    /// `execute` for an online policy on a trace file, with the reading overlapped
    /// (`OverlappedSimulation`, MODEL 3.7): the file is read and interned on a second thread
    /// while the policy serves the chunks already read, no trace is kept, and the outcome is the
    /// one `execute` gives on the trace read whole, field for field. `belady` and
    /// `belady_bypass` learn the trace's future while it is read (`FutureCollector`), then serve
    /// the kept chunks. Either way a third thread digests the served chunks. Returns nil, having
    /// read nothing, when the run cannot overlap: another offline policy or `radix_lru`, a capacity that
    /// needs the unique block count (a fraction, or the default), a warm-up that needs the whole
    /// trace (a fraction or a time), a `prefill_servers` queue (its TTFTs need every arrival),
    /// an input that is not a regular file (standard input, a pipe), a sessions trace or
    /// re-blocking. Then load the trace and `execute`.
    public static func executeOverlapped(config: SimulationConfig, progress: ReadProgress? = nil) throws -> SimulationOutcome? {
        // A regular file only: a refused input (a sessions trace, re-blocking) is then read whole
        // by opening it again, which a pipe, a device or standard input would not survive.
        let model = TimeModel(config: config.timeModel, model: config.model, kvBytesPerToken: config.kvBytesPerToken)
        let future = config.policy == .belady || config.policy == .beladyBypass
        guard case .trace(let input) = config.workload, config.policy.kind.isStreamable || future, model.timesEachRequestAlone,
              config.capacity != nil || config.l1Capacity != nil,
              Self.isRegularFile(input.path)
        else { return nil }
        for spec in [config.capacity, config.l1Capacity, config.l2Capacity] {
            if let spec, case .fraction = spec { return nil }
        }
        let warmupRequests: Int
        switch config.warmup {
        case .none: warmupRequests = 0
        case .requests(let k): warmupRequests = k
        case .fraction, .milliseconds: return nil
        }
        var sessions = input.sessions
        sessions.seed = config.seed
        var options = ReadOptions(skipBadLines: input.skipBadLines, sessions: sessions)
        options.progress = progress
        let opened: TraceLoader.StreamInput
        switch try TraceLoader.openStream(path: input.path, format: input.format, blockSizeTokens: config.blockSizeTokens,
                                          nativeBlockSizeTokens: input.nativeBlockSizeTokens, options: options) {
        case .refused: return nil
        case .ready(let ready): opened = ready
        }
        let resolved = try config.resolveCapacity(uniqueBlocks: 0)  // blocks or bytes: no unique count needed
        let policy = config.runPolicy(uniqueBlocks: 0)
        // Small chunks (about 256 KB of ids): the few in flight add little to the run's memory.
        let chunkAccesses = 1 << 16
        let simulation: OverlappedSimulation
        if future {
            let collector = FutureCollector(expectedAccesses: opened.expectedAccesses)
            try TraceLoader.stream(opened, options: options, chunkAccesses: chunkAccesses, tracksLineage: true,
                                   consume: collector.consume)
            simulation = try OverlappedSimulation(offline: policy, capacity: resolved.total, future: collector,
                                                  warmupRequests: warmupRequests, timeModel: model)
            let chunks = collector.takeChunks()
            try ServeAndFold.run(serve: simulation.serve, fold: simulation.fold) { consume in
                for chunk in chunks { try consume(chunk) }
            }
        } else {
            simulation = try OverlappedSimulation(policy: policy, capacity: resolved.total, warmupRequests: warmupRequests,
                                                  timeModel: model)
            try ServeAndFold.run(serve: simulation.serve, fold: simulation.fold) { consume in
                try TraceLoader.stream(opened, options: options, chunkAccesses: chunkAccesses, tracksLineage: true, consume: consume)
            }
        }
        let digest = simulation.finish()
        if digest.requests == 0 {
            throw InputError(file: config.sourcePath, field: "measurement.warmup",
                             "warm-up \(config.warmup) covers all \(digest.requestCount) requests: nothing would be counted; give a smaller one")
        }
        return SimulationOutcome(config: config, tiers: resolved.tiers, policy: policy, capacityDefaulted: false, digest: digest)
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }
}
