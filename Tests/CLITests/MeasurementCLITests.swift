import Foundation
import Testing

/// MODEL 3.6, 5.8: the warm-up and the hit definitions from the command line.
@Suite("kvcache-sim warm-up and hit definitions")
struct MeasurementCLITests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func warmupCountsTheLastRequestsAndDefinitionsAreNamed() throws {
        let all = try run(["--trace", "notebooks-data/sample_mooncake.jsonl", "--policy", "radix_lru", "--capacity-blocks", "200", "--json"])
        let half = try run(["--trace", "notebooks-data/sample_mooncake.jsonl", "--policy", "radix_lru", "--capacity-blocks", "200",
                            "--warmup", "0.5", "--json"])
        #expect(all.status == 0 && half.status == 0, "\(half.err)")
        let a = try Self.json(all.out), h = try Self.json(half.out)
        #expect(a["requests"] as? Int == 3000 && a["measured_requests"] as? Int == 3000)
        #expect(h["requests"] as? Int == 3000 && h["measured_requests"] as? Int == 1500 && h["warmup"] as? String == "0.5")
        #expect((h["accesses"] as? Int ?? 0) < (a["accesses"] as? Int ?? 0))
        let d = try #require(h["definitions"] as? [String: Any])
        #expect(Set(d.keys) == ["access", "block", "prefix", "token", "full_block_tokens", "request_mean"])
        let vllm = try #require(d["full_block_tokens"] as? [String: Any])
        #expect(vllm["prefix_cache_queries"] != nil && vllm["prefix_cache_hits"] != nil)
        let same = try run(["--trace", "notebooks-data/sample_mooncake.jsonl", "--policy", "radix_lru", "--capacity-blocks", "200",
                            "--warmup", "1500r", "--json"])
        #expect(same.out == half.out.replacingOccurrences(of: "\"warmup\": \"0.5\"", with: "\"warmup\": \"1500r\""))
    }

    @Test func badWarmupsAreClearErrors() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ids = dir.appendingPathComponent("t.ids")
        try "1\n2\n1\n3\n".write(to: ids, atomically: true, encoding: .utf8)
        let untimed = try run(["--trace", ids.path, "--warmup", "600s"])
        #expect(untimed.status == 2)
        #expect(untimed.err.contains("no timestamps"))
        let all = try run(["--trace", "notebooks-data/sample_mooncake.jsonl", "--warmup", "999999r"])
        #expect(all.status == 2)
        #expect(all.err.contains("covers all 3000 requests"))
        let bad = try run(["--trace", "notebooks-data/sample_mooncake.jsonl", "--warmup", "1.5"])
        #expect(bad.status == 2)
        #expect(bad.err.contains("warmup"))
    }
}
