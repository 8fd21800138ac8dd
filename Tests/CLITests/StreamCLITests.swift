import Foundation
import Testing

/// `generate --stream` and `mrc --sample-rate` over a stream (MODEL 5.11, 9.1).
@Suite("streams")
struct StreamCLITests {
    // --stream writes the bytes --out writes, for a Zipf id stream and for a config's workload.
    @Test func streamEqualsTheFile() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("z.txt").path
        let zipf = ["generate", "--zipf-ids", "5000", "--alpha", "0.8", "--accesses", "30000", "--seed", "7"]
        let written = try run(zipf + ["--out", file])
        #expect(written.status == 0, "\(written.err)")
        let streamed = try run(zipf + ["--stream"])
        #expect(streamed.status == 0, "\(streamed.err)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(streamed.stdout == bytes)
        #expect(String(decoding: bytes, as: UTF8.self).split(separator: "\n").count == 30000)
        #expect(try run(zipf + ["--out", "-"]).stdout == bytes)
        // Another seed, another stream.
        #expect(try run(["generate", "--zipf-ids", "5000", "--alpha", "0.8", "--accesses", "30000", "--stream"]).stdout != bytes)

        let jsonl = dir.appendingPathComponent("w.jsonl").path
        #expect(try run(["generate", "--config", "configs/basic.yaml", "--out", jsonl]).status == 0)
        let config = try run(["generate", "--config", "configs/basic.yaml", "--stream"])
        #expect(config.status == 0, "\(config.err)")
        #expect(config.stdout == (try Data(contentsOf: URL(fileURLWithPath: jsonl))))

        for bad in [["generate", "--zipf-ids", "0", "--stream"], ["generate", "--zipf-ids", "10", "--out", dir.appendingPathComponent("z.jsonl").path],
                    ["generate", "--zipf-ids", "10", "--config", "configs/basic.yaml", "--stream"], ["generate", "--zipf-ids", "10"]] {
            let r = try run(bad)
            #expect(r.status != 0 && !r.err.isEmpty, "\(bad)")
        }
    }

    // An option of one generate mode given to the other is refused (exit 2), naming it, not
    // ignored; --accesses 0 would write a trace no reader accepts.
    @Test func generateRefusesOptionsOfTheOtherMode() throws {
        let cases: [([String], String)] = [
            (["generate", "--config", "configs/basic.yaml", "--alpha", "2", "--stream"], "--alpha goes with --zipf-ids"),
            (["generate", "--config", "configs/basic.yaml", "--accesses", "7", "--stream"], "--accesses goes with --zipf-ids"),
            (["generate", "--zipf-ids", "5", "--accesses", "2", "--requests", "5", "--stream"], "--requests is for a config's workload"),
            (["generate", "--zipf-ids", "5", "--accesses", "2", "--format", "csv", "--stream"], "writes the ids format, not csv"),
            (["generate", "--zipf-ids", "5", "--accesses", "0", "--stream"], "must be at least 1"),
        ]
        for (args, message) in cases {
            let r = try run(args)
            #expect(r.status == 2 && r.err.contains(message), "\(args): \(r.status) \(r.err)")
        }
    }

    // mrc --sample-rate on standard input equals the same on the file, and states its error.
    @Test func sampledMRCFromStandardInput() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("z.txt").path
        #expect(try run(["generate", "--zipf-ids", "20000", "--accesses", "200000", "--out", file]).status == 0)
        let common = ["--sample-rate", "0.1", "--policies", "lru", "--json"]
        let a = try run(["mrc", "--trace", file, "--out", dir.appendingPathComponent("a").path] + common)
        #expect(a.status == 0, "\(a.err)")
        let b = try run(["mrc", "--trace", "-", "--format", "ids", "--out", dir.appendingPathComponent("b").path] + common,
                        stdin: Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(b.status == 0, "\(b.err)")
        let csvA = try String(contentsOf: dir.appendingPathComponent("a/mrc.csv"), encoding: .utf8)
        let csvB = try String(contentsOf: dir.appendingPathComponent("b/mrc.csv"), encoding: .utf8)
        #expect(csvA == csvB && csvA.contains(",sampled,"))
        let json = try jsonObject(b.stdout)
        let error = try #require(json["sampled_error"] as? [String: Any])
        #expect(error["slices"] as? Int == 8)
        let curves = try #require(error["curves"] as? [[String: Any]])
        let mean = try #require(curves.first?["mean_standard_error"] as? Double)
        #expect(mean > 0 && mean < 0.1)
        let text = try run(["mrc", "--trace", file, "--sample-rate", "0.1", "--policies", "lru", "--out", dir.appendingPathComponent("c").path])
        #expect(text.out.contains("Sampling error measured on this run"))
    }

    // --only-listed: the listed policies alone, no offline references, no upper bound.
    @Test func onlyListedSkipsReferencesAndBound() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try run(["mrc", "--trace", "notebooks-data/sample_mooncake.jsonl", "--policies", "lru", "--only-listed", "--out", dir.path])
        #expect(r.status == 0, "\(r.err)")
        let rows = try String(contentsOf: dir.appendingPathComponent("mrc.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(!rows.isEmpty && rows.allSatisfy { $0.hasPrefix("lru,") })
        let bad = try run(["mrc", "--trace", "notebooks-data/sample_mooncake.jsonl", "--only-listed", "--out", dir.path])
        #expect(bad.status == 2 && bad.err.contains("--only-listed needs --policies"), "\(bad.err)")
    }
}
