import Foundation
import Testing

// `kvcache-sim sweep` (MODEL 9.5): plan, shards, merge; the Slurm array scripts run without
// Slurm, with the environment variables Slurm sets.

/// A small sweep over the committed Mooncake sample: 4 policies + the upper bound = 5 tasks.
private func writeSpec(in dir: URL, policies: String = "[lru, prefix_lru, fifo, radix_lru]", extra: String = "") throws -> String {
    let trace = packageRoot.appendingPathComponent("notebooks-data/sample_mooncake.jsonl").path
    let spec = dir.appendingPathComponent("sweep.yaml")
    try """
    traces: [\(trace)]
    policies: \(policies)
    capacities: "50:3000:log6"
    \(extra)
    """.write(to: spec, atomically: true, encoding: .utf8)
    return spec.path
}

private func read(_ url: URL) throws -> Data { try Data(contentsOf: url) }

private func files(in dir: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
}

/// Runs `bash script` in the package root with extra environment variables.
private func bash(_ script: String, env: [String: String]) throws -> RunResult {
    let dir = try makeTempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let outURL = dir.appendingPathComponent("stdout"), errURL = dir.appendingPathComponent("stderr")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/bash")
    p.arguments = [script]
    p.currentDirectoryURL = packageRoot
    p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
    p.standardInput = FileHandle.nullDevice
    p.standardOutput = out
    p.standardError = err
    try p.run()
    p.waitUntilExit()
    try out.close()
    try err.close()
    return RunResult(status: p.terminationStatus, stdout: try Data(contentsOf: outURL), stderr: try Data(contentsOf: errURL))
}

@Suite("kvcache-sim sweep", .serialized)
struct SweepCLITests {
    @Test func planListsTasksWithStableIds() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = try writeSpec(in: dir)
        let a = try run(["sweep", "plan", "--spec", spec, "--shards", "2"])
        let b = try run(["sweep", "plan", "--spec", spec, "--shards", "2"])
        #expect(a.status == 0, "\(a.err)")
        #expect(a.out == b.out)
        let lines = a.out.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(lines.first == ["index", "id", "shard", "input", "policy"])
        let tasks = lines.dropFirst()
        #expect(tasks.map { $0[4] } == ["lru", "prefix_lru", "fifo", "radix_lru", "upper_bound"])
        // MODEL 9.5: round-robin, index mod N + 1; ids are 12 hex digits, all different.
        #expect(tasks.map { $0[2] } == ["1/2", "2/2", "1/2", "2/2", "1/2"])
        #expect(tasks.allSatisfy { $0[1].count == 12 && $0[1].allSatisfy(\.isHexDigit) })
        #expect(Set(tasks.map { $0[1] }).count == 5)
        // An id depends on the task, not on its neighbours: dropping a policy keeps the others' ids.
        let spec2 = try writeSpec(in: dir, policies: "[prefix_lru, radix_lru]")
        let c = try run(["sweep", "plan", "--spec", spec2])
        let ids2 = Set(c.out.split(separator: "\n").dropFirst().map { String($0.split(separator: " ", omittingEmptySubsequences: true)[1]) })
        #expect(ids2.isSubset(of: Set(tasks.map { $0[1] })))
    }

    // MODEL 9.5: merged outputs equal the single-process run byte for byte, for N = 1, 2, 3 and
    // any order of the partials; a rerun of a shard writes the same bytes; rows equal `mrc`'s.
    @Test func shardedMergeEqualsSingleProcessRun() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = try writeSpec(in: dir)
        let single = dir.appendingPathComponent("single"), singleOut = dir.appendingPathComponent("single-merged")
        #expect(try run(["sweep", "run", "--spec", spec, "--shard", "1/1", "--out", single.path]).status == 0)
        let m = try run(["sweep", "merge", single.path, "--out", singleOut.path])
        #expect(m.status == 0, "\(m.err)")
        let csv = try read(singleOut.appendingPathComponent("mrc.csv"))
        let summary = try read(singleOut.appendingPathComponent("summary.json"))
        for n in 1 ... 3 {
            var folders = [String]()
            for i in 1 ... n {
                let parts = dir.appendingPathComponent("n\(n)-shard\(i)")  // one folder per shard, as on separate machines
                let r = try run(["sweep", "run", "--spec", spec, "--shard", "\(i)/\(n)", "--out", parts.path])
                #expect(r.status == 0, "\(r.err)")
                #expect(files(in: parts).count == 1)
                folders.append(parts.path)
                if i == 1 {  // idempotent: a rerun gives the same bytes
                    let file = parts.appendingPathComponent(files(in: parts)[0])
                    let before = try read(file)
                    #expect(try run(["sweep", "run", "--spec", spec, "--shard", "\(i)/\(n)", "--out", parts.path]).status == 0)
                    #expect(try read(file) == before)
                    #expect(files(in: parts).count == 1, "no temporary file is left")
                }
            }
            for (k, order) in [folders, folders.reversed(), folders.shuffled()].enumerated() {
                let out = dir.appendingPathComponent("merged-\(n)-\(k)")
                let r = try run(["sweep", "merge"] + order + ["--out", out.path])
                #expect(r.status == 0, "\(r.err)")
                #expect(try read(out.appendingPathComponent("mrc.csv")) == csv, "N=\(n), order \(order)")
                #expect(try read(out.appendingPathComponent("summary.json")) == summary, "N=\(n), order \(order)")
            }
        }
        // The same rows as `mrc` for these policies and the bound (the sweep adds the input column).
        let mrcOut = dir.appendingPathComponent("mrc")
        let r = try run(["mrc", "--trace", "notebooks-data/sample_mooncake.jsonl", "--policies", "lru,prefix_lru,fifo,radix_lru",
                         "--capacities", "50:3000:log6", "--out", mrcOut.path])
        #expect(r.status == 0, "\(r.err)")
        let wanted: Set<String> = ["lru", "prefix_lru", "fifo", "radix_lru", "upper_bound"]
        let mrcRows = String(decoding: try read(mrcOut.appendingPathComponent("mrc.csv")), as: UTF8.self)
            .split(separator: "\n").dropFirst().filter { wanted.contains(String($0.split(separator: ",")[0])) }.map(String.init)
        let sweepLines = String(decoding: csv, as: UTF8.self).split(separator: "\n")
        #expect(sweepLines.first == "policy,semantics,capacity_blocks,capacity_bytes,accesses,hits,miss_ratio,hit_tokens,input_tokens,method,sample_rate,input")
        let sweepRows = sweepLines.dropFirst().map { String($0[..<$0.lastIndex(of: ",")!]) }
        #expect(sweepRows.count == 5 * 2 * 6)
        #expect(sweepRows == mrcRows)
        let json = try jsonObject(summary)
        #expect(json["tasks"] as? Int == 5)
    }

    // A config input runs with the config's own settings: its rows equal `mrc --config`'s.
    @Test func configInputsMatchMrcOfTheConfig() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("sweep.yaml")
        let config = packageRoot.appendingPathComponent("configs/trace.yaml").path
        try "configs: [\(config)]\npolicies: [lru, fifo]\ncapacities: \"0.05,0.2\"\nupper_bound: false\n"
            .write(to: spec, atomically: true, encoding: .utf8)
        let parts = dir.appendingPathComponent("p"), merged = dir.appendingPathComponent("m"), mrc = dir.appendingPathComponent("mrc")
        for i in 1 ... 2 { #expect(try run(["sweep", "run", "--spec", spec.path, "--shard", "\(i)/2", "--out", parts.path]).status == 0) }
        #expect(try run(["sweep", "merge", parts.path, "--out", merged.path]).status == 0)
        #expect(try run(["mrc", "--config", "configs/trace.yaml", "--policies", "lru,fifo", "--capacities", "0.05,0.2", "--out", mrc.path]).status == 0)
        let want = String(decoding: try read(mrc.appendingPathComponent("mrc.csv")), as: UTF8.self).split(separator: "\n")
            .filter { $0.hasPrefix("lru,") || $0.hasPrefix("fifo,") }.map(String.init)
        let got = String(decoding: try read(merged.appendingPathComponent("mrc.csv")), as: UTF8.self).split(separator: "\n").dropFirst()
            .map { String($0[..<$0.lastIndex(of: ",")!]) }
        #expect(want.count == 2 * 2 * 2)
        #expect(got == want)
    }

    @Test func mergeRefusesMissingDisagreeingAndForeignPartials() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = try writeSpec(in: dir, policies: "[lru, fifo]")
        let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
        #expect(try run(["sweep", "run", "--spec", spec, "--shard", "1/2", "--out", a.path]).status == 0)
        // Missing: shard 2 of 2 was not run.
        var r = try run(["sweep", "merge", a.path, "--out", dir.appendingPathComponent("m").path])
        #expect(r.status == 2)
        #expect(r.err.contains("missing 1 of 3 tasks (#1)"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("m/mrc.csv").path))
        // A duplicate that agrees is fine (shard 1/1 repeats every task); one that disagrees is refused.
        #expect(try run(["sweep", "run", "--spec", spec, "--shard", "1/1", "--out", b.path]).status == 0)
        r = try run(["sweep", "merge", a.path, b.path, "--out", dir.appendingPathComponent("m").path])
        #expect(r.status == 0, "\(r.err)")
        let file = a.appendingPathComponent(files(in: a)[0])
        let text = try String(contentsOf: file, encoding: .utf8)
        let at = try #require(text.range(of: "\"accesses\" : "))
        var edited = text
        edited.insert("1", at: at.upperBound)  // one task's access count, 10^k more
        try edited.write(to: file, atomically: true, encoding: .utf8)
        r = try run(["sweep", "merge", a.path, b.path, "--out", dir.appendingPathComponent("m2").path])
        #expect(r.status == 2)
        #expect(r.err.contains("disagrees"), "\(r.err)")
        // Partials of another spec never merge.
        let other = dir.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        let spec2 = try writeSpec(in: other, policies: "[lru]")
        #expect(try run(["sweep", "run", "--spec", spec2, "--out", other.appendingPathComponent("p").path]).status == 0)
        r = try run(["sweep", "merge", b.path, other.appendingPathComponent("p").path, "--out", dir.appendingPathComponent("m3").path])
        #expect(r.status == 2)
        #expect(r.err.contains("different specs"), "\(r.err)")
    }

    @Test func failedShardLeavesNoFile() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.jsonl")
        try "{\"timestamp\": 0, \"input_length\": 10, \"output_length\": 1, \"hash_ids\": [1]}\nnot json\n".write(to: bad, atomically: true, encoding: .utf8)
        let trace = packageRoot.appendingPathComponent("notebooks-data/sample_mooncake.jsonl").path
        let spec = dir.appendingPathComponent("sweep.yaml")
        try "traces: [\(trace), bad.jsonl]\npolicies: [lru]\ncapacities: 10,20\n".write(to: spec, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("parts")
        let r = try run(["sweep", "run", "--spec", spec.path, "--shard", "1/1", "--out", out.path])
        #expect(r.status == 2)
        #expect(r.err.contains("bad.jsonl"), "\(r.err)")
        #expect(files(in: out).isEmpty, "\(files(in: out))")
    }

    @Test func specErrorsNameTheKeyAndSuggest() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var spec = try writeSpec(in: dir, extra: "polices: [lru]")
        var r = try run(["sweep", "plan", "--spec", spec])
        #expect(r.status == 2)
        #expect(r.err.contains("polices") && r.err.contains("did you mean 'policies'?"), "\(r.err)")
        spec = try writeSpec(in: dir, policies: "[lur]")
        r = try run(["sweep", "plan", "--spec", spec])
        #expect(r.status == 2)
        #expect(r.err.contains("field 'policies'") && r.err.contains("lru"), "\(r.err)")
        r = try run(["sweep", "run", "--spec", spec, "--shard", "3/2", "--out", dir.path])
        #expect(r.status == 2)
        #expect(r.err.contains("--shard"), "\(r.err)")
    }

    // The Slurm scripts without Slurm: each array task id 0..N-1 runs examples/slurm/sweep.sbatch
    // with SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT set as Slurm sets them, then
    // merge.sbatch; the result equals the single-process run.
    @Test func slurmArrayScriptsEqualSingleProcessRun() throws {
        let binary = try #require(binaryPath)
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = try writeSpec(in: dir)
        let single = dir.appendingPathComponent("single"), singleOut = dir.appendingPathComponent("single-merged")
        #expect(try run(["sweep", "run", "--spec", spec, "--out", single.path]).status == 0)
        #expect(try run(["sweep", "merge", single.path, "--out", singleOut.path]).status == 0)
        let n = 3
        let parts = dir.appendingPathComponent("parts"), merged = dir.appendingPathComponent("merged")
        for id in 0 ..< n {
            let r = try bash("examples/slurm/sweep.sbatch", env: [
                "SLURM_ARRAY_TASK_ID": "\(id)", "SLURM_ARRAY_TASK_COUNT": "\(n)",
                "SPEC": spec, "PARTS": parts.path, "KVCACHE_SIM": binary,
            ])
            #expect(r.status == 0, "\(r.err)")
            #expect(r.err.contains("shard \(id + 1)/\(n)"), "\(r.err)")
        }
        #expect(files(in: parts).count == n)
        let r = try bash("examples/slurm/merge.sbatch", env: ["PARTS": parts.path, "OUT": merged.path, "KVCACHE_SIM": binary])
        #expect(r.status == 0, "\(r.err)")
        for name in ["mrc.csv", "summary.json"] {
            #expect(try read(merged.appendingPathComponent(name)) == read(singleOut.appendingPathComponent(name)), "\(name)")
        }
        // Outside an array job the script refuses to guess.
        let bad = try bash("examples/slurm/sweep.sbatch", env: ["SPEC": spec, "PARTS": parts.path, "KVCACHE_SIM": binary])
        #expect(bad.status != 0)
    }
}
