import Foundation
import KVCacheCore
import KVCacheInput
import KVCacheTestSupport
import Testing

/// MODEL 3.7: a streamed run equals the in-memory run exactly, for every online policy, with
/// chunks small enough that requests, new blocks and the universe's growth cross chunk
/// boundaries many times.
@Suite struct StreamingSimulationTests {
    static let online = PolicyKind.allCases.filter(\.isStreamable)

    /// Feeds `trace`'s requests to a streaming builder with `chunk` accesses per chunk.
    static func streamed(_ trace: Trace, policy: PolicySpec, capacity: Int, chunk: Int, warmup: Int = 0,
                         timeModel: TimeModel? = nil, checked: Bool = false) throws -> StreamSummary {
        let sim = try StreamingSimulation(policy: policy, capacity: capacity, source: "fixture", warmupRequests: warmup,
                                          timeModel: timeModel, checkInvariants: checked)
        var builder = TraceBuilder(blockSizeTokens: trace.blockSizeTokens, source: "fixture")
        builder.handOffChunks(every: chunk, to: sim.consume)
        for r in 0 ..< trace.requestCount {
            // Dense ids as raw ids: the builder re-interns them to the same dense ids.
            let ids = trace.blockRange(of: r).map { UInt64(trace.blockIds[$0]) }
            try builder.addRequest(rawIds: ids, inputLength: Int(trace.inputLengths[r]), outputLength: nil, timestamp: nil)
        }
        try builder.finishChunks()
        return sim.finish()
    }

    static func expectEqual(_ s: StreamSummary, _ trace: Trace, _ r: SimulationResult, _ label: String) {
        #expect(s.totalRequests == trace.requestCount, "\(label)")
        #expect(s.requests == r.requests && s.accesses == r.accesses && s.inputTokens == r.inputTokens, "\(label)")
        #expect(s.hitsBlock == r.hitsBlock && s.hitsPrefix == r.hitsPrefix, "\(label): hits \(s.hitsBlock)/\(s.hitsPrefix) vs \(r.hitsBlock)/\(r.hitsPrefix)")
        #expect(s.hitTokensBlock == r.hitTokensBlock && s.hitTokensPrefix == r.hitTokensPrefix, "\(label)")
        #expect(s.accessHits == r.accessHits, "\(label): access hits")
        #expect(s.tierBlockHits == r.tierBlockHits && s.tierPrefixHits == r.tierPrefixHits, "\(label): tiers")
        #expect(s.evictions == r.evictions && s.promotions == r.promotions && s.demotions == r.demotions, "\(label)")
        #expect(s.definitions == HitDefinitions(trace: trace, result: r), "\(label): definitions")
        #expect(s.uniqueBlocks == trace.uniqueBlocks, "\(label)")
    }

    @Test("streamed = in memory, every online policy, random multi-block traces, chunks of 1 to 64 accesses")
    func everyOnlinePolicy() throws {
        for seed: UInt64 in 1 ... 6 {
            let trace = TraceFixture.random(seed: seed, requests: 120, universe: 40 + Int(seed) * 30, maxBlocks: 6,
                                            allowRepeats: seed % 2 == 0)
            for kind in Self.online {
                let policy = PolicySpec(kind)
                for capacity in [1, 3, 17, 60] {
                    let r = try Simulator.run(trace: trace, policy: policy, capacity: capacity)
                    for chunk in [1, 5, 64] {
                        let s = try Self.streamed(trace, policy: policy, capacity: capacity, chunk: chunk)
                        #expect(s.chunks >= (trace.accessCount + chunk - 1) / chunk / 6)
                        Self.expectEqual(s, trace, r, "\(kind) seed \(seed) C=\(capacity) chunk \(chunk)")
                    }
                }
            }
        }
    }

    @Test("streamed = in memory with invariants checked after every access, parameters, warm-up in requests and the mean TTFT")
    func warmupParametersAndTTFT() throws {
        let trace0 = TraceFixture.random(seed: 99, requests: 200, universe: 150, maxBlocks: 5)
        let tm = TimeModel(config: TimeModelConfig(), model: try #require(ModelShape.presets["llama-3-8b"]), kvBytesPerToken: 131_072)
        for policy in [PolicySpec.s3fifo(smallRatio: 0.25, ghostRatio: 0.5, moveToMainThreshold: 1),
                       .hierarchicalLRU(l1Share: 0.3), .lru, .prefixLRU, .arc] {
            var trace = trace0
            trace.measure(from: 37)
            let r = try policy.simulateChecked(trace: trace, capacity: 12)
            let timing = tm.evaluate(trace: trace, result: r)
            let s = try Self.streamed(trace0, policy: policy, capacity: 12, chunk: 7, warmup: 37, timeModel: tm, checked: true)
            Self.expectEqual(s, trace, r, "\(policy) warm-up 37")
            let mean = try #require(s.ttftMeanMs)
            #expect(abs(mean - timing.mean) <= 1e-9 * max(1, abs(timing.mean)), "\(policy): TTFT mean \(mean) vs \(timing.mean)")
        }
    }

    @Test("single-block batches split at chunk boundaries; ids and oracle-general files stream through TraceLoader")
    func readersStream() throws {
        var rng = SplitMix64(seed: 7)
        let raw = (0 ..< 5_000).map { _ in UInt64(Int.random(in: 0 ..< 700, using: &rng)) * 1_000_003 }  // hashed ids
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = dir.appendingPathComponent("t.txt")
        try Data(raw.map { "\($0)\n" }.joined().utf8).write(to: text)
        var binary = Data()
        for id in raw {
            withUnsafeBytes(of: UInt32(0).littleEndian) { binary.append(contentsOf: $0) }
            withUnsafeBytes(of: id.littleEndian) { binary.append(contentsOf: $0) }
            withUnsafeBytes(of: UInt32(1).littleEndian) { binary.append(contentsOf: $0) }
            withUnsafeBytes(of: Int64(-1).littleEndian) { binary.append(contentsOf: $0) }
        }
        let bin = dir.appendingPathComponent("t.oracleGeneral.bin")
        try binary.write(to: bin)
        for path in [text.path, bin.path] {
            let trace = try TraceLoader.load(path: path, blockSizeTokens: 512)
            for kind in [PolicyKind.lru, .fifo, .clock, .sieve, .s3fifo, .arc, .lfu] {
                let r = try Simulator.run(trace: trace, policy: PolicySpec(kind), capacity: 100)
                let sim = try StreamingSimulation(policy: PolicySpec(kind), capacity: 100, source: path)
                var chunks = 0
                let n = try TraceLoader.stream(path: path, blockSizeTokens: 512, chunkAccesses: 333) { chunk in
                    chunks += 1
                    #expect(chunk.accessCount <= 333)
                    try sim.consume(chunk)
                }
                #expect(n == raw.count && chunks == (raw.count + 332) / 333)
                Self.expectEqual(sim.finish(), trace, r, "\(kind) \(path)")
            }
        }
    }

    @Test("a bad line mid-stream is an error naming file and line, after the chunks before it; a consumer's error stops the reader")
    func errorsMidStream() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stream-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bad.txt").path
        // Past the reader's batch of 2^16 ids, so some chunks go out before the bad line.
        var lines = (0 ..< 200_000).map { "\($0 % 97)" }
        lines[150_000] = "12x"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        for concurrent in [true, false] {
            var seen = 0
            do {
                try TraceLoader.stream(path: path, blockSizeTokens: 512, chunkAccesses: 1_000, concurrent: concurrent) { seen += $0.requestCount }
                Issue.record("no error")
            } catch let e as InputError {
                #expect(e.description.contains("bad.txt:150001"), "\(e)")
                #expect(seen <= 150_000 && seen >= 65_536, "concurrent \(concurrent): \(seen) requests before the error")
            }
            struct Stop: Error {}
            var calls = 0
            #expect(throws: Stop.self) {
                try TraceLoader.stream(path: path, blockSizeTokens: 512, chunkAccesses: 10, concurrent: concurrent) { _ in
                    calls += 1
                    if calls == 3 { throw Stop() }
                }
            }
            #expect(calls == 3)
        }
    }

    @Test("offline policies and radix_lru are refused in stream mode, naming the policy")
    func offlineRefused() {
        for kind in [PolicyKind.belady, .beladyBypass, .radixBelady, .radixLRU] {
            #expect(!kind.isStreamable)
            do {
                _ = try StreamingSimulation(policy: PolicySpec(kind), capacity: 10, source: "x")
                Issue.record("\(kind) was accepted")
            } catch let e as InputError {
                #expect(e.description.contains("\(kind.rawValue) cannot run on a stream"))
            } catch {
                Issue.record("\(kind): unexpected \(error)")
            }
        }
    }
}
