import Foundation
import KVCacheAnalysis
import KVCacheCore
import KVCacheInput
import Testing

/// Opt-in validation on the real public Mooncake trace in `../shared/data` (next to the
/// repository, as on the project's machines and in CI). Skipped when it is absent: a user's
/// clone has none, and no unit test needs it.
@Suite(.enabled(if: SharedData.mooncake != nil, "../shared/data/mooncake is not present"))
struct SharedDataValidationTests {
    static func trace() throws -> Trace {
        try TraceLoader.load(path: try #require(SharedData.mooncake), blockSizeTokens: 512)
    }

    // the trace reads as 12,031 requests and 288,500 accesses over 182,790 ids, with
    // no warning (every hash_ids count matches ceil(input_length / 512), MODEL 2.2).
    @Test func mooncakeCounts() throws {
        let t = try Self.trace()
        #expect(t.requestCount == 12_031)
        #expect(t.accessCount == 288_500)
        #expect(t.uniqueBlocks == 182_790)
        #expect(t.warnings.counts["block_count_mismatch"] == nil)
        // data/README: the ids form an exact prefix tree; infinite-cache hit ratio 0.366.
        let reuse = ReuseAnalysis.analyse(t, profiles: [])
        #expect(reuse.prefixTreeFraction == 1)
        let infinite = Double(t.accessCount - t.uniqueBlocks) / Double(t.accessCount)
        #expect(abs(infinite - 0.366) < 0.0005)
    }

    // lru at 10,000 blocks equals an independent per-access replay.
    @Test func lruMatchesIndependentReplayAt10000() throws {
        let t = try Self.trace()
        let r = Simulator.checkedRun(trace: t, policy: .lru, capacity: 10_000)
        let replay = IndependentLRUReplay.run(t, capacity: 10_000)
        #expect(r.hitsBlock == replay.block)
        #expect(r.hitsPrefix == replay.prefix)
        #expect(r.hitTokensPrefix == replay.prefixTokens)
    }

    // on the real trace, the exact curves equal simulation at a spread of capacities,
    // and belady bounds lru.
    @Test func exactCurvesEqualSimulationOnMooncake() throws {
        let t = try Self.trace()
        let lru = LRUStackDistances.profile(t, policy: .lru)
        let prefixLRU = LRUStackDistances.profile(t, policy: .prefixLRU)
        let opt = OPTProfile.profile(t)
        for c in [1, 17, 300, 4_096, 10_000, 65_000, 182_790] {
            for (policy, profile) in [(PolicyKind.lru, lru), (.prefixLRU, prefixLRU), (.belady, opt)] {
                let r = Simulator.checkedRun(trace: t, policy: policy, capacity: c)
                #expect(profile.cumulative(.block).hits[c] == r.hitsBlock, "\(policy) C=\(c)")
                #expect(profile.cumulative(.prefix).hits[c] == r.hitsPrefix, "\(policy) C=\(c)")
            }
            #expect(opt.cumulative(.block).hits[c] >= lru.cumulative(.block).hits[c])
        }
    }
}

/// Where `../shared/data` is, if anywhere.
enum SharedData {
    static let mooncake: String? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.deletingLastPathComponent().appendingPathComponent("shared/data/mooncake/conversation_trace.jsonl").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()
    static let sessions: String? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.deletingLastPathComponent().appendingPathComponent("shared/data/kv-cache-tester/traces").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()
}

/// MODEL 3 for `lru`, written independently of `Simulator`: a dictionary of linked node
/// objects ordered by recency, pinning by a set of the request's ids. Slower, but a different
/// implementation.
enum IndependentLRUReplay {
    final class Node {
        let id: Int32
        var newer: Node?
        weak var older: Node?
        init(_ id: Int32) { self.id = id }
    }

    static func run(_ t: Trace, capacity: Int) -> (block: Int, prefix: Int, prefixTokens: Int) {
        var nodes: [Int32: Node] = [:]
        var oldest: Node?, newest: Node?
        func unlink(_ n: Node) {
            if let o = n.older { o.newer = n.newer } else { oldest = n.newer }
            if let w = n.newer { w.older = n.older } else { newest = n.older }
            n.newer = nil
            n.older = nil
        }
        func pushNewest(_ n: Node) {
            n.older = newest
            newest?.newer = n
            newest = n
            if oldest == nil { oldest = n }
        }
        var block = 0, prefix = 0, prefixTokens = 0
        for r in 0 ..< t.requestCount {
            let ids = t.blockRange(of: r).map { t.blockIds[$0] }
            let present = ids.map { nodes[$0] != nil }
            block += present.filter { $0 }.count
            let run = present.firstIndex(of: false) ?? present.count
            prefix += run
            prefixTokens += min(Int(t.inputLengths[r]), run * t.blockSizeTokens)
            let pinned = Set(ids)
            for id in ids {
                if let n = nodes[id] {
                    unlink(n)
                    pushNewest(n)
                    continue
                }
                while nodes.count >= capacity {
                    var victim = oldest
                    while let v = victim, pinned.contains(v.id) { victim = v.newer }
                    let v = victim ?? oldest!
                    unlink(v)
                    nodes[v.id] = nil
                }
                let n = Node(id)
                nodes[id] = n
                pushNewest(n)
            }
        }
        return (block, prefix, prefixTokens)
    }
}
