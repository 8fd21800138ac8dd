import Foundation
import Testing

/// Command-line conventions (issue 13): version, --model, byte capacities, data on stdout and
/// status on stderr, refused output paths, config-relative paths, suggestions, help, numbers.
@Suite("kvcache-sim conventions")
struct ConventionTests {
    static let sample = "notebooks-data/sample_mooncake.jsonl"

    @Test func version_printsTheOneConstant() throws {
        let r = try run(["--version"])
        #expect(r.status == 0)
        let source = try String(contentsOf: packageRoot.appendingPathComponent("Sources/KVCacheCore/Version.swift"), encoding: .utf8)
        let version = r.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!version.isEmpty && source.contains("\"\(version)\""))
    }

    // MODEL 1.2: presets, MLA, and a shape on the command line.
    @Test(arguments: [("deepseek-v3", 70_272), ("llama-3.1-405b", 516_096), ("qwen2.5-72b", 327_680),
                      ("layers=32,kv_heads=8,head_dim=128", 131_072), ("layers=61,kv_lora_rank=512,qk_rope_head_dim=64", 70_272),
                      ("layers=2,kv_heads=1,head_dim=4,dtype_bytes=1", 16)])
    func model_setsTheBytesPerToken(_ model: String, _ bytes: Int) throws {
        let r = try run(["simulate", "--trace", Self.sample, "--model", model, "--capacity-blocks", "100", "--json"])
        #expect(r.status == 0, "\(r.err)")
        #expect(try jsonObject(r.stdout)["kv_bytes_per_token"] as? Int == bytes)
    }

    @Test func model_isOnEveryInputCommand() throws {
        for sub in ["simulate", "mrc", "reuse", "fit", "report", "validate"] {
            let r = try run([sub, "--help"])
            #expect(r.out.contains("--model"), "\(sub) --help has no --model")
        }
        let bad = try run(["simulate", "--trace", Self.sample, "--model", "deepseek-v4"])
        #expect(bad.status == 2)
        #expect(bad.err.contains("did you mean 'deepseek-v3'"), "\(bad.err)")
        let badKey = try run(["simulate", "--trace", Self.sample, "--model", "layers=32,kv_heads=8"])
        #expect(badKey.status == 2)
        #expect(badKey.err.contains("head_dim"), "\(badKey.err)")
    }

    @Test func capacities_acceptBytesMixedWithBlocks() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // 64 MiB blocks (llama-3-8b, 512 tokens): 8 GiB = 128 blocks, 160 GiB = 2,560 blocks.
        let r = try run(["mrc", "--trace", Self.sample, "--capacities", "8GiB,160GiB,5", "--policies", "lru", "--out", dir.path])
        #expect(r.status == 0, "\(r.err)")
        let csv = try String(contentsOf: dir.appendingPathComponent("mrc.csv"), encoding: .utf8)
        let capacities = Set(csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[2] })
        #expect(capacities == ["5", "128", "2560"])
        let tooSmall = try run(["mrc", "--trace", Self.sample, "--capacities", "1MiB", "--out", dir.path])
        #expect(tooSmall.status == 2)
        #expect(tooSmall.err.contains("below one block"))
    }

    @Test func statusGoesToStderr_dataToStdout() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for args in [["mrc", "--trace", Self.sample, "--policies", "lru", "--capacities", "10,100", "--out", dir.path, "--json"],
                     ["reuse", "--trace", Self.sample, "--out", dir.path, "--json"],
                     ["simulate", "--trace", Self.sample, "--json", "--out", dir.path]] {
            let r = try run(args)
            #expect(r.status == 0, "\(args): \(r.err)")
            #expect(!r.out.contains("wrote"), "\(args[0]): status on stdout")
            #expect(r.err.contains("wrote"), "\(args[0]): no status on stderr")
            #expect((try? JSONSerialization.jsonObject(with: r.stdout)) != nil, "\(args[0]): stdout is not JSON alone")
        }
    }

    @Test(arguments: [".", "..", "./", "Tests/.."])
    func report_refusesTheWorkingFolderAndItsParents(_ out: String) throws {
        let r = try run(["report", "--trace", Self.sample, "--out", out])
        #expect(r.status == 2, "\(r.err)")
        #expect(r.err.contains("working folder"), "\(r.err)")
        #expect(FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent("Package.swift").path))
    }

    @Test func generate_refusesAnExtensionItCannotReadBack() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let txt = dir.appendingPathComponent("x.txt").path
        let r = try run(["generate", "--config", "configs/basic.yaml", "--out", txt, "--requests", "10"])
        #expect(r.status == 2)
        #expect(r.err.contains("ids") && r.err.contains("x.jsonl"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: txt))
        let csvAsJSONL = try run(["generate", "--config", "configs/basic.yaml", "--out", dir.appendingPathComponent("x.csv").path,
                                  "--format", "mooncake", "--requests", "10"])
        #expect(csvAsJSONL.status == 2)
        let ok = try run(["generate", "--config", "configs/basic.yaml", "--out", dir.appendingPathComponent("x.jsonl").path, "--requests", "10"])
        #expect(ok.status == 0, "\(ok.err)")
        #expect(ok.out.isEmpty && ok.err.contains("wrote"))
    }

    // MODEL 8.3: a config's trace_path is relative to the config file, whatever the working folder.
    @Test func configPaths_areRelativeToTheConfigFile() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("cfg"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(Self.sample), to: dir.appendingPathComponent("t.jsonl"))
        let config = dir.appendingPathComponent("cfg/c.yaml")
        try Data("workload:\n  trace_path: ../t.jsonl\ncache_capacity_blocks: 100\n".utf8).write(to: config)
        let r = try run(["simulate", "--config", config.path, "--json"])
        #expect(r.status == 0, "\(r.err)")
        #expect(try jsonObject(r.stdout)["requests"] as? Int == 3000)
    }

    @Test func transposedPolicyName_suggestsTheRightOne() throws {
        let r = try run(["simulate", "--trace", Self.sample, "--policy", "lur"])
        #expect(r.status == 2)
        #expect(r.err.contains("did you mean 'lru'"), "\(r.err)")
    }

    @Test func help_neverRepeatsADefault() throws {
        for sub in ["simulate", "mrc", "reuse", "fit", "validate", "report", "generate"] {
            let help = try run([sub, "--help"]).out
            // One option's help is the lines from its "  --name" line to the next option.
            var blocks: [String] = []
            for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("  -") { blocks.append(String(line)) } else if !blocks.isEmpty { blocks[blocks.count - 1] += " " + line }
            }
            for block in blocks {
                #expect(block.components(separatedBy: "default").count <= 2, "\(sub): \(block)")
            }
        }
    }

    @Test func validate_printsFormattedNumbers() throws {
        let r = try run(["validate", "--config", "configs/basic.yaml"])
        #expect(r.status == 0)
        // No float with more than six digits after the point.
        #expect(r.out.range(of: #"\d\.\d{7,}"#, options: .regularExpression) == nil, "\(r.out)")
    }
}

/// `validate --compare-trace` (MODEL 7.2): different length laws fail with exit 3, and the hit
/// ratios of the stand-in and the real trace are compared at three capacities (the fitted
/// stand-in that passes: `fitEmitConfigRoundTrip` in AnalysisCommandTests).
@Suite("kvcache-sim validate --compare-trace")
struct CompareTraceTests {
    @Test func differentLaws_failWithExitThree() throws {
        let r = try run(["validate", "--config", "configs/basic.yaml", "--compare-trace", "notebooks-data/sample_mooncake.jsonl"])
        #expect(r.status == 3, "\(r.out)\(r.err)")
        #expect(r.out.contains("FAIL compare input lengths"))
        #expect(r.out.contains("the distributions differ"))
        #expect(r.out.contains("validation FAILED"))
    }
}
