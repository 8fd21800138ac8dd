import Foundation
import Testing

/// `mrc`, `reuse`, `fit` and `report` as a user runs them (MODEL 9.1, 9.3, 9.4).
@Suite("kvcache-sim analysis commands")
struct AnalysisCommandTests {
    @Test func mrcWritesTheStableCSV() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try run(["mrc", "--trace", "notebooks-data/sample_mooncake.jsonl", "--policies", "lru,fifo,belady",
                         "--capacities", "10,100,1000", "--out", dir.path])
        #expect(r.status == 0, "\(r.err)")
        let csv = try String(contentsOf: dir.appendingPathComponent("mrc.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        // MODEL 9.3: the header, one row per policy, semantics and capacity: the three asked for
        // plus the offline references belady_bypass and radix_belady, then the bound (5.7).
        #expect(lines.first == "policy,semantics,capacity_blocks,capacity_bytes,accesses,hits,miss_ratio,hit_tokens,input_tokens,method,sample_rate")
        #expect(lines.count == 1 + 5 * 2 * 3 + 2 * 3)
        #expect(csv.contains("\nupper_bound,prefix,10,671088640,35459,") && csv.contains(",bound,1\n"))
        #expect(csv.contains("lru,prefix,10,671088640,35459,"))
        #expect(csv.contains(",exact,1\n") && csv.contains(",simulated,1\n"))
        // MODEL 5.11: --sample-rate gives sampled rows carrying their rate.
        let s = try run(["mrc", "--trace", "notebooks-data/sample_mooncake.jsonl", "--policies", "lru", "--sample-rate", "0.5",
                         "--capacities", "10,100", "--out", dir.path])
        #expect(s.status == 0, "\(s.err)")
        let sampled = try String(contentsOf: dir.appendingPathComponent("mrc.csv"), encoding: .utf8)
        #expect(sampled.contains(",sampled,0.5") && !sampled.contains("upper_bound"))
    }

    @Test func mrcRejectsBadCapacitiesAndPolicies() throws {
        let bad = try run(["mrc", "--trace", "notebooks-data/sample_mooncake.jsonl", "--capacities", "0"])
        #expect(bad.status == 2)
        #expect(bad.err.contains("capacities"))
        let policy = try run(["mrc", "--trace", "notebooks-data/sample_mooncake.jsonl", "--policies", "lru,lruu"])
        #expect(policy.status == 2)
        #expect(policy.err.contains("lruu"))
    }

    @Test func reuseWritesHistograms() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try run(["reuse", "--trace", "notebooks-data/sample_mooncake.jsonl", "--out", dir.path, "--json"])
        #expect(r.status == 0, "\(r.err)")
        let json = try jsonObject(r.stdout)
        #expect(json["unique_blocks"] as? Int == 7819)
        #expect((json["prefix_tree_fraction"] as? Double).map { $0 > 0.99 } == true)
        let csv = try String(contentsOf: dir.appendingPathComponent("reuse.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("histogram,bin_lower,bin_upper,count\n"))
        #expect(csv.contains("stack_distance,inf,inf,7819\n"))
        #expect(csv.contains("reuse_time_ms,"))
    }

    // MODEL 9.4: fits.csv with every family and one best per field.
    @Test func fitWritesFitsCSV() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try run(["fit", "--trace", "notebooks-data/sample_mooncake.jsonl", "--field", "input_length,output_length", "--out", dir.path])
        #expect(r.status == 0, "\(r.err)")
        let csv = try String(contentsOf: dir.appendingPathComponent("fits.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "field,family,n,shape,loc,scale,loglik,aic,bic,ks_d,ks_p,best")
        for family in ["normal", "lognormal", "gamma", "weibull", "exponential"] {
            #expect(csv.contains("input_length,\(family),3000,"))
        }
        #expect(lines.filter { $0.hasPrefix("input_length,") && $0.hasSuffix(",true") }.count == 1)
        #expect(r.out.contains("optimistic"))
    }

    // the round trip: fit, emit a config, validate it against the real trace.
    @Test func fitEmitConfigRoundTrip() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fit = try run(["fit", "--trace", "notebooks-data/sample_mooncake.jsonl", "--emit-config"])
        #expect(fit.status == 0, "\(fit.err)")
        let config = dir.appendingPathComponent("fitted.yaml")
        try fit.stdout.write(to: config)
        let v = try run(["validate", "--config", config.path, "--compare-trace", "notebooks-data/sample_mooncake.jsonl"])
        #expect(v.status == 0, "\(v.out)\(v.err)")
        #expect(v.out.contains("two-sample KS"))
        // MODEL 7.2: the stand-in passes, and its hit ratios are compared with the real trace's.
        #expect(v.out.contains("PASS compare input lengths"))
        for policy in ["lru", "prefix_lru"] {
            for share in ["1%", "10%", "50%"] {
                #expect(v.out.contains("\(policy) at \(share) ("), "no \(policy) at \(share): \(v.out)")
            }
        }
    }

    // a report folder, complete and byte-identical on a second run.
    @Test func reportIsCompleteAndDeterministic() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
        for out in [a, b] {
            let r = try run(["report", "--trace", "notebooks-data/sample_sequences.csv", "--capacity-blocks", "300",
                             "--capacities", "1:6173:log12", "--out", out.path])
            #expect(r.status == 0, "\(r.err)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: a.path).sorted()
        for name in ["report.md", "summary.json", "mrc.csv", "reuse.csv", "fits.csv", "policies.csv",
                     "config.resolved.yaml", "mrc.svg", "stack_distance.svg", "reuse_time.svg", "input_length.svg"] {
            #expect(files.contains(name), "missing \(name)")
        }
        for name in files where name != "report.md" {
            #expect(try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name)), "\(name) differs")
        }
        let report = try String(contentsOf: a.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(!report.contains(packageRoot.path), "the report names an absolute path")
        #expect(report.contains("## Headline") && report.contains("upper bound (proven)") && report.contains("](mrc.svg)"))
    }
}

/// The report's Reproduce line reruns the whole request (config plus every override) from the
/// report's own `config.resolved.yaml` and rewrites the same files byte for byte (MODEL 8.3).
@Suite("kvcache-sim report reproduces itself")
struct ReportReproduceTests {
    @Test func reproduceLineGivesByteIdenticalFiles() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("rep")
        let first = try run(["report", "--config", "configs/trace.yaml", "--policy", "s3fifo(small_ratio=0.2)",
                             "--policies", "lru,fifo,s3fifo(small_ratio=0.2),clock", "--capacities", "10,100,1000",
                             "--capacity-blocks", "700", "--block-size-tokens", "256", "--out", out.path])
        #expect(first.status == 0, "\(first.err)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        var before: [String: Data] = [:]
        for name in names { before[name] = try Data(contentsOf: out.appendingPathComponent(name)) }
        let report = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        // The Reproduce line, as printed in the report: the folder is outside the package root,
        // so it is named by its last component; run it with the full path.
        #expect(report.contains("kvcache-sim report --config rep/config.resolved.yaml --out rep"), "\(report.suffix(400))")
        let resolved = try String(contentsOf: out.appendingPathComponent("config.resolved.yaml"), encoding: .utf8)
        #expect(resolved.contains("s3fifo(small_ratio=0.2)") && resolved.contains("capacities: \"10,100,1000\"")
                && resolved.contains("block_size_tokens: 256") && resolved.contains("cache_capacity_blocks: 700"))
        #expect(!resolved.contains("trace_path: \"/"), "the resolved config names an absolute path")
        try FileManager.default.removeItem(at: out.appendingPathComponent("report.md"))
        let again = try run(["report", "--config", out.appendingPathComponent("config.resolved.yaml").path, "--out", out.path])
        #expect(again.status == 0, "\(again.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == names)
        for name in names {
            #expect(try Data(contentsOf: out.appendingPathComponent(name)) == before[name], "\(name) differs after the Reproduce command")
        }
    }

    // `mrc` compares the config's analysis policies and always adds belady.
    @Test func mrcFromConfigIncludesBelady() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try run(["mrc", "--config", "configs/trace.yaml", "--capacities", "10,100", "--out", dir.path])
        #expect(r.status == 0, "\(r.err)")
        let csv = try String(contentsOf: dir.appendingPathComponent("mrc.csv"), encoding: .utf8)
        for policy in ["lru", "prefix_lru", "lfu", "fifo", "belady"] {
            #expect(csv.contains("\n\(policy),"), "mrc.csv has no \(policy) rows")
        }
    }

    // A policy with a bad parameter is a clear error naming it, exit status 2.
    @Test func badPolicyParameterIsAnError() throws {
        let r = try run(["simulate", "--trace", "notebooks-data/sample_mooncake.jsonl", "--policy", "s3fifo(smal_ratio=0.2)",
                         "--capacity-blocks", "100"])
        #expect(r.status == 2)
        #expect(r.err.contains("small_ratio"), "\(r.err)")
    }
}

/// `validate` passes on every config in configs/ (and tests the laws of the synthetic ones).
@Suite("kvcache-sim validate on every config")
struct ValidateEveryConfigTests {
    static let configs: [String] = {
        let dir = packageRoot.appendingPathComponent("configs")
        // Not the sweep specs (configs/sweep*.yaml, MODEL 9.5): they are no simulation configs.
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix("sweep") }.sorted()
    }()

    @Test(arguments: configs)
    func validatePasses(config: String) throws {
        let r = try run(["validate", "--config", "configs/\(config)"])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        #expect(r.out.contains("valid"))
    }

    // Every config also runs (configs/*.yaml all run).
    @Test(arguments: configs)
    func simulatePasses(config: String) throws {
        let r = try run(["--config", "configs/\(config)", "--json"])
        #expect(r.status == 0, "\(r.err)")
        #expect((try? jsonObject(r.stdout))?["requests"] != nil)
    }
}
