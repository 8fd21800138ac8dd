import Foundation
import Testing

// The command-line front end as a user runs it: the built `kvcache-sim` executable in a
// subprocess (MODEL 8, 9.1, 9.2). Commands run in the package root, so the committed
// configs/*.yaml and notebooks-data/* resolve as in the README; every file a test writes goes to
// a fresh temporary folder.

// MARK: - Helpers (private to this file)

/// The package root, from this file's path: Tests/CLITests/CLITests.swift.
let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The built executable: next to the test bundle (`.build/<triple>/<config>/`), else in
/// `.build/debug` of the package root. `KVCACHE_SIM` overrides both.
let binaryPath: String? = {
    let fm = FileManager.default
    var candidates: [URL] = []
    if let override = ProcessInfo.processInfo.environment["KVCACHE_SIM"] {
        candidates.append(URL(fileURLWithPath: override))
    }
    for bundle in [Bundle.main] + Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
        candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("kvcache-sim"))
    }
    candidates.append(Bundle.main.bundleURL.appendingPathComponent("kvcache-sim"))
    if let argv0 = CommandLine.arguments.first {
        candidates.append(URL(fileURLWithPath: argv0).deletingLastPathComponent().appendingPathComponent("kvcache-sim"))
    }
    candidates.append(packageRoot.appendingPathComponent(".build/debug/kvcache-sim"))
    return candidates.map(\.path).first { fm.isExecutableFile(atPath: $0) }
}()

struct RunResult {
    var status: Int32
    var stdout: Data
    var stderr: Data
    var out: String { String(decoding: stdout, as: UTF8.self) }
    var err: String { String(decoding: stderr, as: UTF8.self) }
}

/// A fresh folder under the system's temporary directory.
func makeTempDir() throws -> URL {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("kvcache-cli-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// Runs `kvcache-sim args...` in the package root; output goes through files (no pipe deadlock).
func run(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
    let binary = try #require(binaryPath, """
        the kvcache-sim executable was not found next to the test bundle nor in .build/debug: \
        run `swift build` first (the CLITests target does not depend on the executable, so \
        `swift test` alone may not build it)
        """, sourceLocation: sourceLocation)
    let dir = try makeTempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let outURL = dir.appendingPathComponent("stdout"), errURL = dir.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = args
    process.currentDirectoryURL = packageRoot
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = outHandle
    process.standardError = errHandle
    try process.run()
    process.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    return RunResult(status: process.terminationStatus,
                     stdout: try Data(contentsOf: outURL), stderr: try Data(contentsOf: errURL))
}

func jsonObject(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: data)
    return try #require(value as? [String: Any], "expected one JSON object", sourceLocation: sourceLocation)
}

private let policies = ["lru", "prefix_lru", "lfu", "fifo", "hierarchical_lru", "belady"]

/// A deterministic Mooncake trace of `count` requests (MODEL 2.2).
func smallMooncake(_ count: Int = 40) -> String {
    (0 ..< count).map { r in
        let ids = (0 ..< (r % 4 + 1)).map { String(($0 + r / 3) % 17) }.joined(separator: ", ")
        return "{\"timestamp\": \(r * 10), \"input_length\": \((r % 4 + 1) * 512), \"output_length\": 8, \"hash_ids\": [\(ids)]}"
    }.joined(separator: "\n") + "\n"
}

// MARK: - Tests

@Suite("kvcache-sim command line")
struct CLITests {
    @Test func binaryIsBuilt() {
        #expect(binaryPath != nil, "kvcache-sim not found next to the test bundle or in .build/debug: run `swift build`")
    }

    // MODEL 9.1: one executable with subcommands; simulate is the default.
    @Test func helpListsSubcommands() throws {
        let r = try run(["--help"])
        #expect(r.status == 0)
        for sub in ["simulate", "mrc", "reuse", "fit", "validate", "report", "generate"] {
            #expect(r.out.contains(sub), "--help does not mention \(sub)")
        }
        #expect(r.out.contains("(default)"))
    }

    @Test func simulateHelpListsThePolicies() throws {
        let r = try run(["simulate", "--help"])
        #expect(r.status == 0)
        for p in policies {
            #expect(r.out.contains(p), "simulate --help does not mention policy \(p)")
        }
        for option in ["--config", "--trace", "--format", "--json", "--out", "--policy", "--capacity-blocks"] {
            #expect(r.out.contains(option))
        }
    }

    // MODEL 9.2: the keys of `simulate --json`.
    @Test func jsonSummaryOfBasicConfig() throws {
        let r = try run(["--config", "configs/basic.yaml", "--json"])
        #expect(r.status == 0, "stderr: \(r.err)")
        let j = try jsonObject(r.stdout)
        for key in ["requests", "accesses", "policy", "capacity_blocks", "hit_semantics", "hits", "hit_ratio",
                    "hit_tokens", "input_tokens", "tiers", "ttft_ms", "throughput", "warnings"] {
            #expect(j[key] != nil, "missing key \(key)")
        }
        for key in ["hits", "hit_ratio", "hit_tokens"] {
            let sub = j[key] as? [String: Any]
            #expect(sub?["block"] is NSNumber && sub?["prefix"] is NSNumber, "\(key) needs block and prefix")
        }
        let ttft = try #require(j["ttft_ms"] as? [String: Any])
        for key in ["mean", "p50", "p90", "p99"] { #expect(ttft[key] is NSNumber, "ttft_ms.\(key)") }
        let throughput = try #require(j["throughput"] as? [String: Any])
        #expect(throughput["tokens_per_s"] is NSNumber)
        #expect(throughput["requests_per_s"] is NSNumber)
        #expect(throughput["basis"] as? String == "ttft")  // no arrivals in basic.yaml
        let tiers = try #require(j["tiers"] as? [String: Any])
        #expect(!tiers.isEmpty)
        for (name, value) in tiers {
            let tier = value as? [String: Any]
            for key in ["capacity_blocks", "hits_block", "hits_prefix"] {
                #expect(tier?[key] is NSNumber, "tiers.\(name).\(key)")
            }
        }
        #expect(j["warnings"] is [String: Any])
        // Values from configs/basic.yaml: 20000 requests, lru, prefix, 16GiB / 64MiB = 256 blocks.
        #expect((j["requests"] as? NSNumber)?.intValue == 20_000)
        #expect(j["policy"] as? String == "lru")
        #expect(j["hit_semantics"] as? String == "prefix")
        #expect((j["capacity_blocks"] as? NSNumber)?.intValue == 256)  // MODEL 1.3
        // MODEL 3.2: prefix hits are a subset of block hits.
        let hits = try #require(j["hits"] as? [String: Any])
        let block = try #require((hits["block"] as? NSNumber)?.intValue)
        let prefix = try #require((hits["prefix"] as? NSNumber)?.intValue)
        let accesses = try #require((j["accesses"] as? NSNumber)?.intValue)
        #expect(prefix <= block && block <= accesses)
        let ratio = try #require(j["hit_ratio"] as? [String: Any])
        let blockRatio = try #require((ratio["block"] as? NSNumber)?.doubleValue)
        #expect(abs(blockRatio - Double(block) / Double(accesses)) < 1e-12)
    }

    @Test func jsonSummaryOfTheSampleTrace() throws {
        let r = try run(["--trace", "notebooks-data/sample_mooncake.jsonl", "--capacity-blocks", "500", "--json"])
        #expect(r.status == 0, "stderr: \(r.err)")
        let j = try jsonObject(r.stdout)
        #expect((j["requests"] as? NSNumber)?.intValue == 3000)
        #expect((j["capacity_blocks"] as? NSNumber)?.intValue == 500)
        #expect(j["policy"] as? String == "lru")
        let throughput = try #require(j["throughput"] as? [String: Any])
        #expect(throughput["basis"] as? String == "timestamps")  // the sample has arrival times
        let tiers = try #require(j["tiers"] as? [String: Any])
        let capacities = tiers.values.compactMap { ($0 as? [String: Any])?["capacity_blocks"] as? NSNumber }
        #expect(capacities.map(\.intValue).reduce(0, +) == 500)
    }

    // Command-line options override the config (MODEL 9.1).
    @Test func optionsOverrideTheConfig() throws {
        let r = try run(["--config", "configs/trace.yaml", "--policy", "fifo", "--capacity-blocks", "123",
                         "--hit-semantics", "block", "--json"])
        #expect(r.status == 0, "stderr: \(r.err)")
        let j = try jsonObject(r.stdout)
        #expect(j["policy"] as? String == "fifo")
        #expect((j["capacity_blocks"] as? NSNumber)?.intValue == 123)
        #expect(j["hit_semantics"] as? String == "block")
    }

    // MODEL 8.2: the same inputs give byte-identical output.
    @Test func outputIsDeterministic() throws {
        let args = ["--trace", "notebooks-data/sample_mooncake.jsonl", "--capacity-blocks", "500", "--json"]
        let a = try run(args), b = try run(args)
        #expect(a.status == 0 && b.status == 0)
        #expect(!a.stdout.isEmpty)
        #expect(a.stdout == b.stdout)
        let c = try run(["--config", "configs/lfu.yaml", "--json"]), d = try run(["--config", "configs/lfu.yaml", "--json"])
        #expect(c.status == 0)
        #expect(c.stdout == d.stdout)
    }

    // MODEL 8.1, 8.2: --out writes summary.json and config.resolved.yaml, whole.
    @Test func outWritesSummaryAndResolvedConfig() throws {
        let dir = try makeTempDir().appendingPathComponent("run")
        let r = try run(["--trace", "notebooks-data/sample_mooncake.jsonl", "--capacity-blocks", "500", "--json", "--out", dir.path])
        #expect(r.status == 0, "stderr: \(r.err)")
        let summary = try Data(contentsOf: dir.appendingPathComponent("summary.json"))
        #expect(summary == r.stdout)  // the printed object, byte for byte
        let j = try jsonObject(summary)
        #expect((j["requests"] as? NSNumber)?.intValue == 3000)
        let resolved = try String(contentsOf: dir.appendingPathComponent("config.resolved.yaml"), encoding: .utf8)
        #expect(resolved.contains("cache_capacity_blocks: 500"))
        #expect(resolved.contains("sample_mooncake.jsonl"))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ["config.resolved.yaml", "summary.json"])  // no temporary files left
        // The resolved config runs again to the same summary.
        let again = try run(["--config", dir.appendingPathComponent("config.resolved.yaml").path, "--json"])
        #expect(again.status == 0, "stderr: \(again.err)")
        #expect(again.stdout == r.stdout)
    }

    // MODEL 8.1: a run never overwrites an input.
    @Test func refusesToOverwriteAnInput() throws {
        let dir = try makeTempDir()
        let trace = dir.appendingPathComponent("summary.json")
        let original = Data(smallMooncake().utf8)
        try original.write(to: trace)
        let r = try run(["--trace", trace.path, "--format", "mooncake", "--capacity-blocks", "5", "--json", "--out", dir.path])
        #expect(r.status == 2)
        #expect(r.err.contains("refusing to overwrite"))
        #expect(try Data(contentsOf: trace) == original)

        let config = dir.appendingPathComponent("w.yaml")
        let yaml = Data("seed: 1\nworkload:\n  num_requests: 5\n  num_sequences: 2\n  sequence_length: 600\n".utf8)
        try yaml.write(to: config)
        let g = try run(["generate", "--config", config.path, "--out", config.path])
        #expect(g.status == 2)
        #expect(g.err.contains("refusing to overwrite"))
        #expect(try Data(contentsOf: config) == yaml)
    }

    // MODEL 9.1: bad input exits 2 with a message naming file, line and field.
    @Test func malformedTraceLineExits2() throws {
        let dir = try makeTempDir()
        let trace = dir.appendingPathComponent("bad.jsonl")
        try Data((smallMooncake(3) + "{\"input_length\": 10, \"hash_ids\": [1, \"x\"]}\n").utf8).write(to: trace)
        let r = try run(["--trace", trace.path, "--capacity-blocks", "5", "--json"])
        #expect(r.status == 2)
        #expect(r.err.contains("\(trace.path):4"), "stderr: \(r.err)")
        #expect(r.err.contains("hash_ids"))
        #expect(r.stdout.isEmpty)
        // --skip-bad-lines turns it into a counted warning.
        let s = try run(["--trace", trace.path, "--capacity-blocks", "5", "--json", "--skip-bad-lines"])
        #expect(s.status == 0, "stderr: \(s.err)")
        let j = try jsonObject(s.stdout)
        #expect((j["requests"] as? NSNumber)?.intValue == 3)
        #expect(((j["warnings"] as? [String: Any])?["skipped_bad_line"] as? NSNumber)?.intValue == 1)
    }

    @Test func unknownConfigKeyExits2() throws {
        let dir = try makeTempDir()
        let config = dir.appendingPathComponent("typo.yaml")
        try Data("policy: lru\nworkload:\n  sequence_lenght_dist: {dist: fixed, value: 100}\n".utf8).write(to: config)
        let r = try run(["--config", config.path])
        #expect(r.status == 2)
        #expect(r.err.contains("\(config.path):3"), "stderr: \(r.err)")
        #expect(r.err.contains("workload.sequence_lenght_dist"))
        #expect(r.err.contains("sequence_length_dist"))  // the suggestion
        let v = try run(["validate", "--config", config.path])
        #expect(v.status == 2)
        #expect(v.err.contains("workload.sequence_lenght_dist"))
    }

    @Test func missingTraceExits2() throws {
        let missing = try makeTempDir().appendingPathComponent("nothing.jsonl").path
        let r = try run(["--trace", missing, "--capacity-blocks", "5"])
        #expect(r.status == 2)
        #expect(r.err.contains(missing))
        let dir = try makeTempDir()
        let config = dir.appendingPathComponent("missing.yaml")
        try Data("workload:\n  type: trace\n  trace_path: \(missing)\n".utf8).write(to: config)
        let c = try run(["--config", config.path])
        #expect(c.status == 2)
        #expect(c.err.contains("\(config.path):3"), "stderr: \(c.err)")
        #expect(c.err.contains("workload.trace_path"))
        let m = try run(["--config", dir.appendingPathComponent("absent.yaml").path])
        #expect(m.status == 2)
        #expect(m.err.contains("absent.yaml"))
    }

    @Test(arguments: [
        (["--capacity-blocks", "0"], "--capacity-blocks"),
        (["--capacity-blocks", "-4"], "--capacity-blocks"),
        (["--capacity-fraction", "1.5"], "--capacity-fraction"),
        (["--capacity-bytes", "1KiB"], "--capacity-bytes"),
        (["--policy", "lruu"], "--policy"),
        (["--format", "parquet"], "--format"),
        (["--block-size-tokens", "0"], "--block-size-tokens"),
        (["--capacity-blocks", "5", "--capacity-fraction", "0.5"], "--capacity"),
        (["--policy", "hierarchical_lru", "--l1-capacity-blocks", "5"], "hierarchical_lru"),
        (["--policy", "s3fifo(small_ratio=2)"], "small_ratio"),
        (["--policy", "lur"], "did you mean"),
    ])
    func badOptionExits2(_ options: [String], _ mention: String) throws {
        let r = try run(["--trace", "notebooks-data/sample_mooncake.jsonl"] + options)
        #expect(r.status == 2, "stdout: \(r.out)")
        #expect(r.err.contains(mention), "stderr: \(r.err)")
        #expect(r.stdout.isEmpty)
    }

    @Test func noInputExits2() throws {
        let r = try run([])
        #expect(r.status == 2)
        #expect(r.err.contains("--config") && r.err.contains("--trace"))
        #expect(try run(["no-such-subcommand"]).status == 2)
    }

    // Other trace formats from the command line (MODEL 9.1): inferred or given.
    @Test func idsAndCsvTraces() throws {
        let dir = try makeTempDir()
        let ids = dir.appendingPathComponent("t.txt")
        try Data("1\n2\n1\n3\n1\n2\n".utf8).write(to: ids)
        let r = try run(["--trace", ids.path, "--capacity-blocks", "2", "--json", "--hit-semantics", "block"])
        #expect(r.status == 0, "stderr: \(r.err)")
        let j = try jsonObject(r.stdout)
        #expect((j["requests"] as? NSNumber)?.intValue == 6)
        #expect((j["accesses"] as? NSNumber)?.intValue == 6)
        let csv = try run(["--trace", "notebooks-data/sample_sequences.csv", "--capacity-blocks", "300", "--json"])
        #expect(csv.status == 0, "stderr: \(csv.err)")
        #expect((try jsonObject(csv.stdout)["requests"] as? NSNumber)?.intValue == 2000)
    }

    @Test func validateAcceptsBasicConfig() throws {
        let r = try run(["validate", "--config", "configs/basic.yaml"])
        #expect(r.status == 0, "stdout: \(r.out)\nstderr: \(r.err)")
        #expect(r.out.contains("valid config"))
        let t = try run(["validate", "--config", "configs/trace.yaml"])
        #expect(t.status == 0, "stderr: \(t.err)")
        let bad = try run(["validate", "--config", "configs/basic.yaml", "--alpha", "2"])
        #expect(bad.status == 2)
    }

    // MODEL 2.4: same seed, same config: byte-identical requests; another seed differs.
    @Test func generateIsDeterministicAndReadsBack() throws {
        let dir = try makeTempDir()
        let a = dir.appendingPathComponent("a.jsonl"), b = dir.appendingPathComponent("b.jsonl")
        let c = dir.appendingPathComponent("c.jsonl")
        let base = ["generate", "--config", "configs/sample-workload.yaml", "--requests", "500"]
        let ra = try run(base + ["--out", a.path])
        #expect(ra.status == 0, "stderr: \(ra.err)")
        #expect(try run(base + ["--out", b.path]).status == 0)
        #expect(try run(base + ["--out", c.path, "--seed", "8"]).status == 0)
        let da = try Data(contentsOf: a), db = try Data(contentsOf: b), dc = try Data(contentsOf: c)
        #expect(da == db)
        #expect(da != dc)
        // One JSON object per line, one line per request.
        let lines = String(decoding: da, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 500)
        for line in lines.prefix(20) {
            let object = try jsonObject(Data(line.utf8))
            #expect(object["hash_ids"] is [Any] && object["input_length"] != nil)
        }
        // Reads back through the simulator with the same number of requests.
        let sim = try run(["--trace", a.path, "--capacity-blocks", "100", "--json"])
        #expect(sim.status == 0, "stderr: \(sim.err)")
        #expect((try jsonObject(sim.stdout)["requests"] as? NSNumber)?.intValue == 500)
    }

    // The committed samples are what `generate` writes for their configs (README, MODEL 2.4).
    @Test(arguments: [("configs/sample-workload.yaml", "sample_mooncake.jsonl"),
                      ("configs/sample-sequences.yaml", "sample_sequences.csv")])
    func generateReproducesTheCommittedSamples(_ config: String, _ sample: String) throws {
        let out = try makeTempDir().appendingPathComponent(sample)
        let r = try run(["generate", "--config", config, "--out", out.path])
        #expect(r.status == 0, "stderr: \(r.err)")
        let committed = try Data(contentsOf: packageRoot.appendingPathComponent("notebooks-data/\(sample)"))
        #expect(try Data(contentsOf: out) == committed)
    }

    // MODEL 2.3: a CSV of sequences cannot express shared prefixes.
    @Test func generateCsvWithSharedPrefixExits2() throws {
        let out = try makeTempDir().appendingPathComponent("x.csv")
        let r = try run(["generate", "--config", "configs/sample-workload.yaml", "--format", "csv", "--out", out.path])
        #expect(r.status == 2)
        #expect(r.err.contains("sample-workload.yaml"))
        #expect(r.err.contains("shared_prefix"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func generateNeedsASyntheticWorkload() throws {
        let out = try makeTempDir().appendingPathComponent("x.jsonl")
        let r = try run(["generate", "--config", "configs/trace.yaml", "--out", out.path])
        #expect(r.status == 2)
        #expect(r.err.contains("workload"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
