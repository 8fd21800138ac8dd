import Foundation
import KVCacheCore
import KVCacheInput
import Testing

/// The loader end to end over the committed samples: format inference for sessions and Bailian,
/// directories, re-blocking to the configured block size (MODEL 2.6-2.9), and the config keys.
@Suite struct TraceLoaderIntegrationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sessions = root.appendingPathComponent("notebooks-data/sessions").path
    static let bailian = root.appendingPathComponent("notebooks-data/sample_bailian.jsonl").path

    // A directory is a sessions trace, read at its own 64-token blocks.
    @Test func sessionsDirectoryLoadsWithoutAFormat() throws {
        let t = try TraceLoader.load(path: Self.sessions, blockSizeTokens: 64)
        #expect(t.requestCount == 261)
        #expect(t.accessCount == 325_601)
        #expect(t.uniqueBlocks == 19_054)
        #expect(t.blockSizeTokens == 64)
        #expect(throws: InputError.self) { try TraceLoader.load(path: Self.sessions, format: .mooncake, blockSizeTokens: 64) }
    }

    // One session file inferred by its keys although `.json` names Mooncake.
    @Test func sessionFileIsInferredThroughGzip() throws {
        let file = Self.sessions + "/trace_0291.json.gz"
        let t = try TraceLoader.load(path: file, blockSizeTokens: 64)
        let d = try TraceLoader.load(path: file, format: .sessions, blockSizeTokens: 64)
        #expect(t.blockIds == d.blockIds && t.requestCount == d.requestCount && t.requestCount > 0)
    }

    // MODEL 2.6: the configured block is a multiple of the trace's; the loader re-blocks.
    @Test func loaderReblocksToTheConfiguredBlock() throws {
        let native = try TraceLoader.load(path: Self.sessions, blockSizeTokens: 64)
        let at512 = try TraceLoader.load(path: Self.sessions, blockSizeTokens: 512)
        let direct = try native.reblocked(factor: 8)
        #expect(at512.blockSizeTokens == 512)
        #expect(at512.blockIds == direct.blockIds && at512.requestStarts == direct.requestStarts)
        #expect(at512.accessCount == 40_573)
        let bailian = try TraceLoader.load(path: Self.bailian, blockSizeTokens: 64)
        #expect(bailian.blockIds == (try TraceLoader.load(path: Self.bailian, blockSizeTokens: 16).reblocked(factor: 4)).blockIds)
        // Another format states its own block size through the config (here: 8-token ids).
        let mooncake = Self.root.appendingPathComponent("notebooks-data/sample_mooncake.jsonl").path
        let coarse = try TraceLoader.load(path: mooncake, blockSizeTokens: 1024, nativeBlockSizeTokens: 512)
        #expect(coarse.blockIds == (try TraceLoader.load(path: mooncake, blockSizeTokens: 512).reblocked(factor: 2)).blockIds)
    }

    @Test func blockSizeThatIsNotAMultipleIsAnError() {
        do {
            _ = try TraceLoader.load(path: Self.bailian, blockSizeTokens: 24)
            Issue.record("no error")
        } catch let e as InputError {
            #expect(e.field == "block_size_tokens")
            #expect(e.message.contains("16-token blocks"))
        } catch { Issue.record("\(error)") }
        #expect(throws: InputError.self) { try TraceLoader.load(path: Self.sessions, blockSizeTokens: 32) }
    }

    @Test func bailianIsInferredFromItsKeys() throws {
        let t = try TraceLoader.load(path: Self.bailian, blockSizeTokens: 16)
        #expect(t.requestCount == 427)
        #expect(t.hasTurns && t.hasLineage)
    }

    // Interleaving is seeded: the same seed gives the same trace, another seed another order.
    @Test func interleaveIsDeterministic() throws {
        func load(_ seed: UInt64) throws -> Trace {
            let o = SessionsOptions(order: .interleave, concurrentSessions: 3, seed: seed)
            return try TraceLoader.load(path: Self.sessions, blockSizeTokens: 64, options: ReadOptions(sessions: o))
        }
        let a = try load(1), b = try load(1), c = try load(2)
        #expect(a.blockIds == b.blockIds && a.timestamps == b.timestamps)
        #expect(a.blockIds != c.blockIds)
        #expect(a.accessCount == 325_601 && c.uniqueBlocks == 19_054)
    }

    // The config keys parse, are checked, and round-trip through the resolved config.
    @Test func sessionsConfigKeysRoundTrip() throws {
        let yaml = """
        block_size_tokens: 128
        workload:
          trace_path: \(Self.sessions)
          format: sessions
          replay: interleave
          session_rate_per_s: 0.02
          trace_block_size_tokens: 64
        """
        let c = try SimulationConfig.parse(yaml: yaml, file: "t.yaml")
        guard case .trace(let input) = c.workload else { Issue.record("not a trace"); return }
        #expect(input.sessions.order == .interleave && input.sessions.sessionRatePerSecond == 0.02)
        #expect(input.nativeBlockSizeTokens == 64)
        let again = try SimulationConfig.parse(yaml: c.resolvedYAML(), file: "t.yaml")
        #expect(again == c)
        let trace = try WorkloadLoader.load(c)
        #expect(trace.blockSizeTokens == 128)
        func error(_ text: String) -> InputError? {
            do { _ = try SimulationConfig.parse(yaml: text, file: "t.yaml"); return nil } catch { return error as? InputError }
        }
        #expect(error("workload:\n  trace_path: \(Self.sessions)\n  replay: interleave\n")?.field == "workload.replay")
        #expect(error("workload:\n  trace_path: \(Self.sessions)\n  replay: shuffle\n")?.field == "workload.replay")
        #expect(error("workload:\n  trace_path: \(Self.sessions)\n  session_rate_per_s: 1\n") != nil)
        #expect(error("workload:\n  type: synthetic\n  replay: interleave\n")?.field == "workload.replay")
    }
}
