import Foundation
import Testing

/// `mrc --stream` (MODEL 3.7, 5.2): the exact one-pass curves over a trace read in chunks equal
/// the in-memory ones byte for byte, from a file and from standard input; what cannot stream is
/// an error (exit 2) naming it.
@Suite("kvcache-sim mrc --stream")
struct MRCStreamCLITests {
    @Test func streamedCSVEqualsInMemory() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let common = ["mrc", "--trace", "notebooks-data/sample_mooncake.jsonl", "--policies", "lru,prefix_lru,belady", "--warmup", "100r"]
        let memory = try run(common + ["--only-listed", "--out", dir.path + "/m"])
        let stream = try run(common + ["--stream", "--out", dir.path + "/s"])
        #expect(memory.status == 0 && stream.status == 0, "\(stream.err)")
        let m = try Data(contentsOf: dir.appendingPathComponent("m/mrc.csv"))
        let s = try Data(contentsOf: dir.appendingPathComponent("s/mrc.csv"))
        #expect(!m.isEmpty && m == s)
        // Standard input, with the format given.
        let bytes = try Data(contentsOf: packageRoot.appendingPathComponent("notebooks-data/sample_mooncake.jsonl"))
        let piped = try run(["mrc", "--trace", "-", "--format", "mooncake", "--policies", "lru,prefix_lru,belady", "--warmup", "100r",
                             "--stream", "--out", dir.path + "/p"], stdin: bytes)
        #expect(piped.status == 0, "\(piped.err)")
        #expect(try Data(contentsOf: dir.appendingPathComponent("p/mrc.csv")) == m)
    }

    @Test func whatCannotStreamExits2() throws {
        let trace = ["mrc", "--trace", "notebooks-data/sample_mooncake.jsonl", "--stream"]
        for (args, message) in [(["--policies", "lru,fifo"], "fifo has no one-pass curve"),
                                (["--warmup", "0.5"], "with --stream give it in requests"),
                                (["--sample-rate", "0.1"], "drop --stream")] {
            let r = try run(trace + args)
            #expect(r.status == 2, "\(args): \(r.err)")
            #expect(r.err.contains(message), "\(args): \(r.err)")
        }
    }
}
