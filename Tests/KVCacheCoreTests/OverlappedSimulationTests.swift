import Foundation
import KVCacheCore
import KVCacheInput
import KVCacheRender
import KVCacheTestSupport
import Testing

/// MODEL 3.7: an online policy simulated while its trace is read (`OverlappedSimulation`) gives
/// the digest of a whole read's run, field for field; the chunks of a builder appended in order
/// give the trace it builds whole.
@Suite struct OverlappedSimulationTests {
    /// A request of a random trace with every optional field, each appearing only part-way.
    struct Request {
        var ids: [UInt64], length: Int, output: Int?, time: Double?, type: String?, turn: Int?, key: Int64?, parent: Int64?
    }

    static func randomRequests(seed: UInt64, count: Int) -> [Request] {
        var rng = SplitMix64(seed: seed)
        var out: [Request] = []
        let missingTimeAt = seed % 3 == 0 ? count / 2 : -1
        for r in 0 ..< count {
            let n = Int.random(in: 1 ... 5, using: &rng)
            let ids = (0 ..< n).map { _ in UInt64.random(in: 0 ... 60, using: &rng) }
            let late = r > count / 3
            out.append(Request(
                ids: ids, length: n * 4 - Int.random(in: 0 ... 3, using: &rng),
                output: late ? Int.random(in: 0 ... 9, using: &rng) : nil,
                time: r == missingTimeAt ? nil : Double(r) - (r % 7 == 0 ? 2.5 : 0),  // some decrease: warnings
                type: late && r % 3 == 0 ? ["decode", "agent"][r % 2] : nil,
                turn: r > count / 2 && r % 2 == 0 ? 1 + r % 4 : nil,
                key: r % 5 == 0 ? Int64(r / 5 % 8) : nil,                                  // repeated keys: warnings
                parent: r > 10 && r % 4 == 0 ? Int64(r % 11) : nil))                       // some unknown: warnings
        }
        return out
    }

    static func add(_ q: Request, to b: inout TraceBuilder) throws {
        try b.addRequest(rawIds: q.ids, inputLength: q.length, outputLength: q.output, timestamp: q.time,
                         requestType: q.type, turn: q.turn, key: q.key, parentKey: q.parent)
    }

    /// The chunks a builder fed by `build` hands off every `chunk` accesses, appended in order.
    static func joinedChunks(every chunk: Int, _ build: (inout TraceBuilder) throws -> Void) throws -> Trace {
        var chunks: [Trace] = []
        var b = TraceBuilder(blockSizeTokens: 4, source: "fixture")
        b.handOffChunks(every: chunk, tracksLineage: true) { chunks.append($0) }
        try build(&b)
        try b.finishChunks()
        var joined = try #require(chunks.first)
        for c in chunks.dropFirst() { joined.append(chunk: c) }
        return joined
    }

    static func expectSameTrace(_ a: Trace, _ b: Trace, _ label: String) {
        #expect(a.blockIds == b.blockIds && a.requestStarts == b.requestStarts && a.inputLengths == b.inputLengths, "\(label)")
        #expect(a.outputLengths == b.outputLengths && a.hasOutputLengths == b.hasOutputLengths, "\(label): outputs")
        #expect(a.timestamps == b.timestamps, "\(label): timestamps")
        #expect(a.requestTypes == b.requestTypes && a.requestTypeNames == b.requestTypeNames, "\(label): types")
        #expect(a.turns == b.turns && a.parents == b.parents, "\(label): turns, parents")
        #expect(a.uniqueBlocks == b.uniqueBlocks && a.warnings == b.warnings, "\(label): unique, warnings")
        #expect(a.firstMeasuredRequest == b.firstMeasuredRequest && a.source == b.source, "\(label)")
    }

    static func expectSameResult(_ a: SimulationResult, _ b: SimulationResult, _ label: String) {
        #expect(a.policyName == b.policyName && a.spec == b.spec && a.capacityBlocks == b.capacityBlocks, "\(label)")
        #expect(a.tierCapacities == b.tierCapacities, "\(label)")
        #expect(a.requests == b.requests && a.accesses == b.accesses && a.inputTokens == b.inputTokens, "\(label)")
        #expect(a.measuredFrom == b.measuredFrom && a.accessHits == b.accessHits, "\(label): access hits")
        #expect(a.evictions == b.evictions && a.promotions == b.promotions && a.demotions == b.demotions, "\(label)")
        #expect(a.blockHits == b.blockHits && a.blockHitTokens == b.blockHitTokens, "\(label): block hits")
        #expect(a.prefixHits == b.prefixHits && a.prefixHitTokens == b.prefixHitTokens, "\(label): prefix hits")
        #expect(a.lowerTierPrefixHitTokens == b.lowerTierPrefixHitTokens, "\(label): lower tier")
        #expect(a.tierBlockHits == b.tierBlockHits && a.tierPrefixHits == b.tierPrefixHits, "\(label): tiers")
    }

    @Test("chunks appended in order = the trace built whole: labels, outputs, turns, lineage, times and warnings appearing part-way")
    func chunksAppended() throws {
        for seed: UInt64 in 1 ... 6 {
            let requests = Self.randomRequests(seed: seed, count: 90)
            var whole = TraceBuilder(blockSizeTokens: 4, source: "fixture")
            for q in requests { try Self.add(q, to: &whole) }
            for chunk in [1, 2, 7, 40, 1000] {
                let joined = try Self.joinedChunks(every: chunk) { b in for q in requests { try Self.add(q, to: &b) } }
                Self.expectSameTrace(joined, whole.build(), "seed \(seed) chunk \(chunk)")
            }
        }
    }

    @Test("chunks appended = whole for single-block batches whose all-zero times turn real part-way (oracle-general)")
    func zeroTimesTurningReal() throws {
        let ids: [UInt64] = (0 ..< 50).map { UInt64($0 * 7 % 13) }
        func build(_ b: inout TraceBuilder) throws {
            try ids[0 ..< 20].withUnsafeBufferPointer { try b.addSingleBlockRequests($0, inputLength: 4) }
            b.startTimestampsAtZero()
            let times = (20 ..< 50).map { Double($0) }
            try ids[20...].withUnsafeBufferPointer { i in
                try times.withUnsafeBufferPointer { try b.addSingleBlockRequests(i, inputLength: 4, timestamps: $0) }
            }
        }
        var whole = TraceBuilder(blockSizeTokens: 4, source: "fixture")
        try build(&whole)
        for chunk in [1, 6, 25] {
            Self.expectSameTrace(try Self.joinedChunks(every: chunk, build), whole.build(), "chunk \(chunk)")
        }
    }

    static func timeModel(overlap: Bool = false) -> TimeModel {
        var config = TimeModelConfig()
        config.overheadMs = 1.5
        config.prefillTokensPerSecond = 3_000
        config.overlapLoad = overlap
        return TimeModel(config: config, model: ModelShape.presets["llama-3-8b"]!, kvBytesPerToken: 1 << 17)
    }

    /// The digest of `policy` over `trace` read whole, as `simulate` makes it in memory.
    static func wholeDigest(_ trace: Trace, policy: PolicySpec, capacity: Int, warmup: Int, model: TimeModel) throws -> RunDigest {
        var measured = trace
        measured.measure(from: warmup)
        let result = try Simulator.run(trace: measured, policy: policy, capacity: capacity)
        return RunDigest(trace: measured, result: result, timing: model.evaluate(trace: measured, result: result))
    }

    /// The digest of `policy` over `trace` handed over in chunks of `chunk` accesses.
    static func overlappedDigest(_ requests: [Request], policy: PolicySpec, capacity: Int, warmup: Int, chunk: Int,
                                 model: TimeModel) throws -> RunDigest {
        let sim = try OverlappedSimulation(policy: policy, capacity: capacity, warmupRequests: warmup, timeModel: model)
        var b = TraceBuilder(blockSizeTokens: 4, source: "fixture")
        b.handOffChunks(every: chunk, tracksLineage: true, to: sim.consume)
        for q in requests { try add(q, to: &b) }
        try b.finishChunks()
        return sim.finish()
    }

    static func requests(of trace: Trace) -> [Request] {
        (0 ..< trace.requestCount).map { r in
            Request(ids: trace.blockRange(of: r).map { UInt64(trace.blockIds[$0]) }, length: Int(trace.inputLengths[r]),
                    output: nil, time: nil, type: nil, turn: nil, key: nil, parent: nil)
        }
    }

    @Test("overlapped = in memory, every online policy, multi- and single-block traces, warm-up, tiers, chunks of 1 to 64 accesses")
    func everyOnlinePolicy() throws {
        let online = PolicyKind.allCases.filter(\.isStreamable)
        let model = Self.timeModel()
        for seed: UInt64 in 1 ... 4 {
            let fixture = TraceFixture.random(seed: seed, requests: 100, universe: 40 + Int(seed) * 30,
                                              maxBlocks: seed == 4 ? 1 : 6, allowRepeats: seed % 2 == 0)
            var b = TraceBuilder(blockSizeTokens: 4, source: "fixture")
            let requests = Self.requests(of: fixture)
            for q in requests { try Self.add(q, to: &b) }
            let trace = b.build()
            for kind in online {
                let policy = PolicySpec(kind)
                for capacity in [2, 17, 60] {
                    for warmup in [0, 13] {
                        let expected = try Self.wholeDigest(trace, policy: policy, capacity: capacity, warmup: warmup, model: model)
                        for chunk in [1, 5, 64] {
                            let digest = try Self.overlappedDigest(requests, policy: policy, capacity: capacity, warmup: warmup,
                                                                   chunk: chunk, model: model)
                            #expect(digest == expected, "\(kind) seed \(seed) C=\(capacity) warm-up \(warmup) chunk \(chunk)")
                        }
                    }
                }
            }
        }
    }

    @Test("belady and belady_bypass over chunks kept with their future = in memory, warm-up, chunks of 1 to 64 accesses")
    func offlinePoliciesOverTheirFuture() throws {
        let model = Self.timeModel()
        for seed: UInt64 in 1 ... 4 {
            let fixture = TraceFixture.random(seed: seed, requests: 120, universe: 30 + Int(seed) * 25,
                                              maxBlocks: seed == 4 ? 1 : 6, allowRepeats: seed % 2 == 0)
            let requests = Self.requests(of: fixture)
            var b = TraceBuilder(blockSizeTokens: 4, source: "fixture")
            for q in requests { try Self.add(q, to: &b) }
            let trace = b.build()
            for policy in [PolicySpec.belady, .beladyBypass] {
                for capacity in [2, 17, 60] {
                    for warmup in [0, 13] {
                        let expected = try Self.wholeDigest(trace, policy: policy, capacity: capacity, warmup: warmup, model: model)
                        for chunk in [1, 5, 64] {
                            let future = FutureCollector()
                            var builder = TraceBuilder(blockSizeTokens: 4, source: "fixture")
                            builder.handOffChunks(every: chunk, tracksLineage: true, to: future.consume)
                            for q in requests { try Self.add(q, to: &builder) }
                            try builder.finishChunks()
                            #expect(future.stream == trace.blockIds && future.nextAccess == NextAccess.compute(trace))
                            let sim = try OverlappedSimulation(offline: policy, capacity: capacity, future: future,
                                                               warmupRequests: warmup, timeModel: model)
                            for c in future.takeChunks() { try sim.consume(c) }
                            #expect(sim.finish() == expected, "\(policy) seed \(seed) C=\(capacity) warm-up \(warmup) chunk \(chunk)")
                        }
                    }
                }
            }
        }
    }

    @Test("overlapped = in memory with labels, turns and timestamps appearing part-way, and load overlapped with compute")
    func breakdownsAndThroughput() throws {
        for seed: UInt64 in 1 ... 6 {
            let requests = Self.randomRequests(seed: seed, count: 90)
            var b = TraceBuilder(blockSizeTokens: 4, source: "fixture")
            for q in requests { try Self.add(q, to: &b) }
            let trace = b.build()
            for policy in [PolicySpec.lru, .hierarchicalLRU(l1Share: 0.5), PolicySpec(.arc)] {
                for warmup in [0, 7, 60] {
                    let model = Self.timeModel(overlap: seed % 2 == 0)
                    let expected = try Self.wholeDigest(trace, policy: policy, capacity: 12, warmup: warmup, model: model)
                    #expect(expected.byType.count == trace.requestTypeNames.count && expected.hasTurns == trace.hasTurns)
                    for chunk in [1, 3, 40, 1000] {
                        let digest = try Self.overlappedDigest(requests, policy: policy, capacity: 12, warmup: warmup,
                                                               chunk: chunk, model: model)
                        #expect(digest == expected, "\(policy) seed \(seed) warm-up \(warmup) chunk \(chunk)")
                    }
                }
            }
        }
    }

    @Test("the digest of a whole run = the timing's summaries, the per-type selection, the hit definitions (independent paths)")
    func digestAgainstTheWholeRun() throws {
        for seed: UInt64 in 1 ... 6 {
            var b = TraceBuilder(blockSizeTokens: 4, source: "fixture")
            for q in Self.randomRequests(seed: seed, count: 300) { try Self.add(q, to: &b) }
            var trace = b.build()
            trace.measure(from: Int(seed) * 5)
            var config = TimeModelConfig()
            config.prefillServers = seed % 3 == 0 ? 2 : 0  // a queue: TTFTs taken from the timing
            let model = TimeModel(config: config, model: ModelShape.presets["llama-3-8b"]!, kvBytesPerToken: 64)
            let result = try Simulator.run(trace: trace, policy: .hierarchicalLRU(l1Share: 0.5), capacity: 20)
            let timing = model.evaluate(trace: trace, result: result)
            let d = RunDigest(trace: trace, result: result, timing: timing)
            #expect(d.ttft.mean == timing.mean && d.ttftP50Ms == timing.percentile(0.5), "seed \(seed)")
            #expect(d.ttftP90Ms == timing.percentile(0.9) && d.ttftP99Ms == timing.percentile(0.99), "seed \(seed)")
            #expect(d.throughputTokensPerSecond == timing.throughputTokensPerSecond && d.throughputBasis == timing.throughputBasis)
            #expect(d.definitions == HitDefinitions(trace: trace, result: result))
            #expect(d.requests == result.requests && d.hitsPrefix == result.hitsPrefix && d.hitTokensBlock == result.hitTokensBlock)
            let lower = result.lowerTierPrefixHitTokens[0][trace.firstMeasuredRequest...].reduce(0) { $0 + Int($1) }
            #expect(d.tierHitTokens == [result.hitTokensPrefix - lower, lower], "bytes loaded count the counted requests only")
            let types = RequestGroupStats.of(trace: trace, result: result, timing: timing)
            #expect(d.byType == types, "seed \(seed)")
        }
    }

    /// Requests of one length (an ids or oracle-general trace: one block each): the overlapped
    /// run folds them in the digest's own loop (`foldOneLength`, TTFTs from the time model), the
    /// run in memory through the general walk with the timing's TTFTs; the digests are equal,
    /// the TTFT sums to the bit. Also with several blocks per request, as many each or not.
    @Test("overlapped = in memory for requests of one length (the digest's own loop)")
    func requestsOfOneLength() throws {
        // (seed, input length, blocks per request: 0 = 1 to 3 at random)
        for (seed, length, blocks) in [(UInt64(1), 4, 1), (2, 3, 1), (3, 9, 1), (4, 4, 1), (5, 8, 2), (6, 11, 0)] {
            var state = seed
            func next(_ n: UInt64) -> UInt64 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return (state >> 33) % n
            }
            let requests: [Request] = (0 ..< 400).map { _ in
                let n = blocks > 0 ? blocks : 1 + Int(next(3))
                return Request(ids: (0 ..< n).map { _ in next(40) }, length: length, output: nil, time: nil, type: nil,
                               turn: nil, key: nil, parent: nil)
            }
            var b = TraceBuilder(blockSizeTokens: 4, source: "fixture")
            for q in requests { try Self.add(q, to: &b) }
            let trace = b.build()
            #expect(trace.inputLengths.commonValue == Int32(length) && trace.requestStarts.isImplicit == (blocks > 0))
            let model = Self.timeModel(overlap: seed == 4)
            for policy: PolicySpec in [.lru, .fifo, try PolicySpec.parse("s3fifo")] {
                let warmup = Int(seed) * 7
                let expected = try Self.wholeDigest(trace, policy: policy, capacity: 12, warmup: warmup, model: model)
                for chunk in [1, 7, 64] {
                    let digest = try Self.overlappedDigest(requests, policy: policy, capacity: 12, warmup: warmup, chunk: chunk,
                                                           model: model)
                    #expect(digest == expected, "\(policy) seed \(seed) chunk \(chunk)")
                    #expect(digest.ttft.mean.bitPattern == expected.ttft.mean.bitPattern)
                }
            }
        }
    }

    @Test("simulate on a file: the overlapped run's JSON = the whole read's, or no overlap where it cannot")
    func overlappedRunOnAFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("overlap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var lines: [String] = []
        var rng = SplitMix64(seed: 9)
        for r in 0 ..< 3_000 {
            let n = Int.random(in: 1 ... 6, using: &rng)
            let ids = (0 ..< n).map { _ in String(Int.random(in: 0 ... 900, using: &rng)) }.joined(separator: ",")
            lines.append(#"{"timestamp":\#(r * 10),"input_length":\#(n * 512 - 100),"output_length":\#(r % 50),"hash_ids":[\#(ids)]}"#)
        }
        let path = dir.appendingPathComponent("trace.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        for policy in [PolicySpec.lru, PolicySpec(.s3fifo), .hierarchicalLRU(l1Share: 0.5), .belady, .beladyBypass] {
            for warmup in [Warmup.none, .requests(500)] {
                var config = SimulationConfig()
                config.workload = .trace(.init(path: path))
                config.policy = policy
                config.capacity = .blocks(200)
                config.warmup = warmup
                let overlapped = try #require(try SimulationOutcome.executeOverlapped(config: config))
                let whole = try SimulationRun.execute(config: config, trace: WorkloadLoader.load(config))
                let direct = try SimulationOutcome.execute(config: config, trace: WorkloadLoader.load(config))
                #expect(RunSummary.json(overlapped).render() == RunSummary.json(whole).render(), "\(policy) \(warmup)")
                #expect(RunSummary.json(direct).render() == RunSummary.json(whole).render(), "\(policy) \(warmup)")
                #expect(SummaryText.render(overlapped) == SummaryText.render(whole), "\(policy) \(warmup)")
            }
        }
        // What cannot overlap is left to the whole read, nothing consumed.
        var config = SimulationConfig()
        config.workload = .trace(.init(path: path))
        config.capacity = .blocks(200)
        config.policy = .radixBelady
        #expect(try SimulationOutcome.executeOverlapped(config: config) == nil)
        config.policy = .radixLRU
        #expect(try SimulationOutcome.executeOverlapped(config: config) == nil)
        config.policy = .lru
        config.warmup = .fraction(0.5)
        #expect(try SimulationOutcome.executeOverlapped(config: config) == nil)
        config.warmup = .none
        config.capacity = .fraction(0.1)
        #expect(try SimulationOutcome.executeOverlapped(config: config) == nil)
        config.capacity = .blocks(200)
        config.timeModel.prefillServers = 2  // a queue needs every arrival
        #expect(try SimulationOutcome.executeOverlapped(config: config) == nil)
        config.timeModel.prefillServers = 0
        // Not a regular file: a FIFO is never opened (nothing would survive a second open).
        let fifo = dir.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        config.workload = .trace(.init(path: fifo))
        #expect(try SimulationOutcome.executeOverlapped(config: config) == nil)
        var input = WorkloadConfig.TraceInput(path: path)
        input.nativeBlockSizeTokens = 512
        config.workload = .trace(input)
        config.blockSizeTokens = 1024  // re-blocking
        #expect(try SimulationOutcome.executeOverlapped(config: config) == nil)
    }
}
