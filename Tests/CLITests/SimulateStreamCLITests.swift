import Foundation
import Testing

/// `simulate --stream` (MODEL 3.7) from the command line: the same counts as the in-memory run,
/// `mode` and `not_kept` in the JSON, and clear errors (exit 2) for what cannot stream.
@Suite("kvcache-sim simulate --stream")
struct SimulateStreamCLITests {
    @Test func streamedJSONEqualsInMemoryCounts() throws {
        for policy in ["lru", "s3fifo", "arc", "hierarchical_lru"] {
            let args = ["--trace", "notebooks-data/sample_mooncake.jsonl", "--policy", policy, "--capacity-blocks", "500",
                        "--warmup", "300r", "--json"]
            let memory = try run(args), stream = try run(args + ["--stream"])
            #expect(memory.status == 0 && stream.status == 0, "stderr: \(stream.err)")
            let m = try jsonObject(memory.stdout), s = try jsonObject(stream.stdout)
            #expect(s["mode"] as? String == "stream")
            for key in ["requests", "measured_requests", "accesses", "unique_blocks", "input_tokens", "evictions"] {
                #expect((s[key] as? NSNumber) == (m[key] as? NSNumber), "\(policy) \(key)")
            }
            for key in ["hits", "hit_tokens", "definitions"] {
                #expect(NSDictionary(dictionary: try #require(s[key] as? [String: Any]))
                        == NSDictionary(dictionary: try #require(m[key] as? [String: Any])), "\(policy) \(key)")
            }
            let notKept = try #require(s["not_kept"] as? [String])
            #expect(notKept.contains("ttft_ms.p99") && s["throughput"] == nil)
        }
    }

    @Test func whatCannotStreamExits2() throws {
        let trace = ["--trace", "notebooks-data/sample_mooncake.jsonl", "--stream"]
        let cases: [([String], String)] = [
            (["--policy", "belady", "--capacity-blocks", "10"], "belady cannot run on a stream"),
            (["--policy", "radix_lru", "--capacity-blocks", "10"], "radix_lru cannot run on a stream"),
            (["--policy", "lru"], "needs a capacity in blocks or bytes"),
            (["--policy", "lru", "--capacity-blocks", "10", "--warmup", "0.5"], "measurement.warmup"),
        ]
        for (extra, message) in cases {
            let r = try run(trace + extra)
            #expect(r.status == 2, "\(extra): \(r.err)")
            #expect(r.err.contains(message), "\(extra): \(r.err)")
        }
    }
}
