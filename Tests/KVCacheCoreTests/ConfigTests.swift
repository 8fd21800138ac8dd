import Foundation
import KVCacheCore
import KVCacheInput
import Testing

// YAML configs: the committed configs/*.yaml, errors that name the
// key path (with a suggestion for typos), capacities, byte units, model shapes and the
// resolved-config round trip.

// MARK: - Helpers (private to this file)

/// The package root, from this file's path: Tests/KVCacheCoreTests/ConfigTests.swift.
private let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// configs/*.yaml, sorted; not the sweep specs (configs/sweep*.yaml, MODEL 9.5), which are no
/// simulation configs.
private func committedConfigs() -> [String] {
    let dir = packageRoot.appendingPathComponent("configs")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix("sweep") }.sorted()
}

/// Loads a committed config independently of the working directory: its trace paths are
/// relative to its own folder (MODEL 8.3), here given by its absolute path.
private func loadCommitted(_ name: String) throws -> SimulationConfig {
    try SimulationConfig.load(path: packageRoot.appendingPathComponent("configs/\(name)").path)
}

private func parse(_ yaml: String) throws -> SimulationConfig {
    try SimulationConfig.parse(yaml: yaml, file: "test.yaml")
}

/// Parses `yaml`, requires an InputError, and returns it.
private func configError(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) -> InputError? {
    do {
        let config = try SimulationConfig.parse(yaml: yaml, file: "test.yaml")
        Issue.record("expected an InputError, parsed \(config)", sourceLocation: sourceLocation)
        return nil
    } catch let error as InputError {
        #expect(error.file == "test.yaml", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected an InputError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// A trace file that exists, for `workload.type: trace` configs.
private func tempTrace() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kvcache-config-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("t.jsonl").path
    try Data("{\"input_length\": 512, \"hash_ids\": [1]}\n".utf8).write(to: URL(fileURLWithPath: path))
    return path
}

private let llama3BytesPerToken = 2 * 32 * 8 * 128 * 2  // 131072 (MODEL 1.2)

// MARK: - Committed configs

/// Groups the config suites, so `swift test --filter ConfigTests` runs them all.
@Suite struct ConfigTests {}

extension ConfigTests {
    @Suite("Committed configs")
    struct CommittedConfigTests {
        @Test func thereAreCommittedConfigs() {
            #expect(committedConfigs().count >= 8)
            #expect(committedConfigs().contains("basic.yaml"))
        }

        @Test(arguments: committedConfigs())
        func everyCommittedConfigParses(_ name: String) throws {
            let c = try loadCommitted(name)
            #expect(c.blockSizeTokens >= 1)
            #expect(c.kvBytesPerToken >= 1)
            #expect(c.blockBytes == c.blockSizeTokens * c.kvBytesPerToken)  // MODEL 1.2
            #expect(!c.name.isEmpty)
        }

        @Test func basicYaml() throws {
            let c = try loadCommitted("basic.yaml")
            #expect(c.policy == .lru)
            #expect(c.hitSemantics == .prefix)
            #expect(c.seed == 42)
            #expect(c.kvBytesPerToken == llama3BytesPerToken)
            #expect(c.blockBytes == 64 << 20)
            #expect(c.capacity == .bytes(17_179_869_184))  // 16GiB
            // MODEL 1.3: floor(16 GiB / 64 MiB) = 256 blocks, whatever the trace.
            #expect(c.capacity?.blocks(blockBytes: c.blockBytes, uniqueBlocks: 1) == 256)
            guard case .synthetic(let s) = c.workload else {
                Issue.record("basic.yaml has a synthetic workload")
                return
            }
            #expect(s.requests == 20_000)
            #expect(s.sequences == 2_000)
            #expect(s.popularity == .zipf)
            #expect(s.inputLength.minLength == 16)
            #expect(s.inputLength.maxLength == 32_768)
            #expect(c.timeModel.prefillTokensPerSecond == 12_000)
            #expect(c.timeModel.overheadMs == 5)
        }

        @Test func csvYamlUsesAModelShape() throws {
            let c = try loadCommitted("csv.yaml")
            #expect(c.kvBytesPerToken == 2 * 28 * 4 * 128 * 2)  // MODEL 1.2
            #expect(c.capacity == .blocks(500))
            #expect(c.hitSemantics == .block)
            guard case .trace(let input) = c.workload else {
                Issue.record("csv.yaml reads a trace")
                return
            }
            #expect(input.path.hasSuffix("notebooks-data/sample_sequences.csv"))
            #expect(input.format == nil)
        }

        @Test func fractionYaml() throws {
            let c = try loadCommitted("fraction.yaml")
            #expect(c.capacity == .fraction(0.05))
            // MODEL 1.3: floor(0.05 x 7819) = 390.
            #expect(c.capacity?.blocks(blockBytes: c.blockBytes, uniqueBlocks: 7819) == 390)
        }

        @Test func hierarchicalYaml() throws {
            let c = try loadCommitted("hierarchical.yaml")
            #expect(c.policy.kind == .hierarchicalLRU)
            #expect(c.capacity == nil)
            #expect(c.l1Capacity == .bytes(32 << 30))
            #expect(c.l2Capacity == .bytes(128 << 30))
            #expect(c.l1Capacity?.blocks(blockBytes: c.blockBytes, uniqueBlocks: 1) == 512)
            #expect(c.l2Capacity?.blocks(blockBytes: c.blockBytes, uniqueBlocks: 1) == 2048)
            #expect(c.timeModel.overlapLoad)
            #expect(c.timeModel.l2BandwidthBytesPerSecond == 25e9)
        }

        @Test func traceYaml() throws {
            let c = try loadCommitted("trace.yaml")
            #expect(c.policy == .prefixLRU)
            #expect(c.capacity == .blocks(2000))
            #expect(c.timeModel.accelerator?.name == "h100-sxm")
            #expect(c.timeModel.utilization == 0.45)
            #expect(c.timeModel.prefillServers == 4)
            #expect(c.analysis.policies == [.lru, .prefixLRU, .lfu, .fifo])
            #expect(c.analysis.capacities == "1:20000:log24")
            guard case .trace(let input) = c.workload else {
                Issue.record("trace.yaml reads a trace")
                return
            }
            #expect(input.format == .mooncake)
        }

        // resolvedYAML doc: "YAML that load(path:) reads back to an equal config".
        @Test(arguments: committedConfigs())
        func resolvedYAMLRoundTrips(_ name: String) throws {
            let c = try loadCommitted(name)
            let yaml = c.resolvedYAML()
            let back = try SimulationConfig.parse(yaml: yaml, file: c.sourcePath ?? "")
            // The label is the path as written: relative in the committed file, absolute in the
            // resolved YAML written without a folder (MODEL 8.3).
            var expected = c
            if case .trace(var input) = expected.workload { input.label = input.path; expected.workload = .trace(input) }
            #expect(back == expected, "resolvedYAML of \(name) reads back to a different config:\n\(yaml)")
            // Deterministic and a fixed point.
            #expect(back.resolvedYAML() == yaml)
            #expect(c.resolvedYAML() == yaml)
        }
    }
}

// MARK: - Errors naming the key

extension ConfigTests {
    @Suite("Config errors")
    struct ConfigErrorTests {
        @Test func emptyConfigGivesTheDefaults() throws {
            let c = try parse("")
            #expect(c.policy == .lru)
            #expect(c.blockSizeTokens == 512)  // MODEL 1.1
            #expect(c.kvBytesPerToken == llama3BytesPerToken)
            #expect(c.capacity == nil)
            #expect(c.workload.isSynthetic)
        }

        @Test func unknownTopLevelKeySuggestsTheRightOne() {
            let e = configError("policy: lru\ncache_capacity_block: 5\n")
            #expect(e?.field == "cache_capacity_block")
            #expect(e?.line == 2)
            #expect(e?.message.contains("did you mean 'cache_capacity_blocks'") == true)
        }

        @Test func unknownNestedKeyNamesThePathAndSuggests() {
            let e = configError("""
            workload:
              type: synthetic
              sequence_lenght_dist: {dist: fixed, value: 100}
            """)
            #expect(e?.field == "workload.sequence_lenght_dist")
            #expect(e?.line == 3)
            #expect(e?.message.contains("did you mean 'sequence_length_dist'") == true)
            #expect(e?.description.contains("test.yaml:3") == true)
        }

        @Test func unknownKeyTwoLevelsDown() {
            let e = configError("""
            workload:
              sequence_length_dist:
                dist: lognormal
                mu: 7
                sigmaa: 1
            """)
            #expect(e?.field == "workload.sequence_length_dist.sigmaa")
            #expect(e?.message.contains("did you mean 'sigma'") == true)
        }

        @Test func unknownTimeModelKey() {
            let e = configError("time_model:\n  prefill_tokens_per_sec: 100\n")
            #expect(e?.field == "time_model.prefill_tokens_per_sec")
            #expect(e?.message.contains("prefill_tokens_per_s") == true)
        }

        @Test(arguments: [
            ("cache_capacity_blocks: lots", "cache_capacity_blocks"),
            ("cache_capacity_blocks: 1.5", "cache_capacity_blocks"),
            ("cache_capacity_bytes: many", "cache_capacity_bytes"),
            ("cache_capacity_fraction: half", "cache_capacity_fraction"),
            ("block_size_tokens: [1, 2]", "block_size_tokens"),
            ("seed: abc", "seed"),
            ("policy: {name: lru}", "policy"),
            ("workload: {num_requests: ten}", "workload.num_requests"),
            ("time_model: {overlap_load: maybe}", "time_model.overlap_load"),
            ("workload: 5", "workload"),
        ])
        func wrongTypeNamesTheKey(_ yaml: String, _ key: String) {
            let e = configError(yaml + "\n")
            #expect(e?.field == key)
            #expect(e?.line == 1)
        }

        // MODEL 1.3: a negative size is an error naming the key.
        @Test(arguments: [
            ("cache_capacity_bytes: -1", "cache_capacity_bytes"),
            ("cache_capacity_bytes: -16GiB", "cache_capacity_bytes"),
            ("cache_capacity_blocks: -3", "cache_capacity_blocks"),
            ("cache_capacity_blocks: 0", "cache_capacity_blocks"),
            ("l1_cache_capacity_blocks: -1", "l1_cache_capacity_blocks"),
            ("l2_cache_capacity_bytes: -5", "l2_cache_capacity_bytes"),
            ("block_size_tokens: 0", "block_size_tokens"),
            ("model_kv_bytes_per_token: -2", "model_kv_bytes_per_token"),
            ("seed: -1", "seed"),
        ])
        func negativeSizeNamesTheKey(_ yaml: String, _ key: String) {
            let e = configError(yaml + "\n")
            #expect(e?.field == key)
        }

        // MODEL 1.3: a result below 1 block is an error naming the key.
        @Test func bytesBelowOneBlock() {
            let e = configError("cache_capacity_bytes: 1000\n")  // block = 64 MiB
            #expect(e?.field == "cache_capacity_bytes")
            let l2 = configError("policy: hierarchical_lru\nl1_cache_capacity_blocks: 4\nl2_cache_capacity_bytes: 1MiB\n")
            #expect(l2?.field == "l2_cache_capacity_bytes")
        }

        // MODEL 1.3: two sizes for one cache are an error naming the key.
        @Test(arguments: [
            ("cache_capacity_bytes: 16GiB\ncache_capacity_blocks: 10\n", ["cache_capacity_bytes", "cache_capacity_blocks"]),
            ("cache_capacity_fraction: 0.1\ntrace_cache_capacity_fraction: 0.2\n", ["cache_capacity_fraction", "trace_cache_capacity_fraction"]),
            ("cache_capacity_blocks: 10\ncache_capacity_fraction: 0.1\n", ["cache_capacity_blocks", "cache_capacity_fraction"]),
            ("policy: hierarchical_lru\nl2_cache_capacity_blocks: 10\nl2_cache_capacity_bytes: 16GiB\n", ["l2_cache_capacity_blocks", "l2_cache_capacity_bytes"]),
        ])
        func twoCapacitiesForOneCache(_ yaml: String, _ keys: [String]) {
            let e = configError(yaml)
            #expect(e.map { keys.contains($0.field ?? "") } == true, "error names \(String(describing: e?.field)), expected one of \(keys)")
            // The message names the other key too.
            #expect(e.map { error in keys.allSatisfy { error.field == $0 || error.message.contains($0) } } == true)
        }

        @Test func workloadFractionAndTopLevelCapacity() {
            let e = configError("cache_capacity_blocks: 10\nworkload:\n  cache_capacity_fraction: 0.5\n")
            #expect(e?.field == "workload.cache_capacity_fraction")
        }

        // MODEL 1.3: a fraction outside (0, 1] is an error naming the key.
        @Test(arguments: ["0", "-0.1", "1.5", "1.0000001"])
        func fractionOutsideUnitInterval(_ value: String) {
            #expect(configError("cache_capacity_fraction: \(value)\n")?.field == "cache_capacity_fraction")
            #expect(configError("trace_cache_capacity_fraction: \(value)\n")?.field == "trace_cache_capacity_fraction")
            #expect(configError("workload:\n  cache_capacity_fraction: \(value)\n")?.field == "workload.cache_capacity_fraction")
        }

        @Test func fractionOfOneIsAllowed() throws {
            #expect(try parse("cache_capacity_fraction: 1\n").capacity == .fraction(1))
            #expect(try parse("trace_cache_capacity_fraction: 0.25\n").capacity == .fraction(0.25))
            #expect(try parse("workload: {cache_capacity_fraction: 0.5}\n").capacity == .fraction(0.5))
        }

        @Test func missingTraceFile() throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("absent-\(UUID().uuidString)")
            let e = configError("workload:\n  type: trace\n  trace_path: \(dir.path)/x.jsonl\n")
            #expect(e?.field == "workload.trace_path")
            #expect(e?.line == 3)
            #expect(e?.message.contains("x.jsonl") == true)
            #expect(configError("workload:\n  type: trace\n")?.field == "workload.trace_path")
        }

        @Test func existingTraceFile() throws {
            let path = try tempTrace()
            let c = try parse("workload:\n  trace_path: \(path)\n  format: mooncake\n  skip_bad_lines: true\n")
            #expect(c.workload == .trace(.init(path: path, format: .mooncake, skipBadLines: true)))
            #expect(configError("workload:\n  trace_path: \(path)\n  format: jsonl\n")?.field == "workload.format")
            #expect(configError("workload:\n  trace_path: \(path)\n  num_requests: 5\n")?.field == "workload.num_requests")
            #expect(configError("workload:\n  type: synthetic\n  trace_path: \(path)\n")?.field == "workload.trace_path")
            #expect(configError("workload:\n  type: tracee\n")?.message.contains("did you mean 'trace'") == true)
        }

        @Test func unknownPolicySuggests() {
            let e = configError("policy: lruu\n")
            #expect(e?.field == "policy")
            #expect(e?.line == 1)
            #expect(e?.message.contains("did you mean 'lru'") == true)
            #expect(configError("policy: prefix-lru\n")?.message.contains("did you mean 'prefix_lru'") == true)
            #expect(configError("hit_semantics: prefx\n")?.message.contains("did you mean 'prefix'") == true)
        }

        @Test func hierarchicalNeedsAnL2Capacity() throws {
            let e = configError("policy: hierarchical_lru\nl1_cache_capacity_blocks: 100\n")
            #expect(e?.field?.hasPrefix("l2_cache_capacity") == true)
            let ok = try parse("policy: hierarchical_lru\nl1_cache_capacity_blocks: 100\nl2_cache_capacity_blocks: 400\n")
            #expect(ok.l1Capacity == .blocks(100))
            #expect(ok.l2Capacity == .blocks(400))
            let both = configError("policy: hierarchical_lru\ncache_capacity_blocks: 5\nl1_cache_capacity_blocks: 100\nl2_cache_capacity_blocks: 400\n")
            #expect(both != nil)
            // One total capacity split by the policy's l1_share (MODEL 4.7).
            let split = try parse("policy: \"hierarchical_lru(l1_share=0.25)\"\ncache_capacity_blocks: 100\n")
            let tiers = try #require(try split.resolveCapacity(uniqueBlocks: 1000).tiers)
            #expect(tiers.l1 == 25 && tiers.l2 == 75)
            #expect(split.runPolicy(uniqueBlocks: 1000) == .hierarchicalLRU(l1Share: 0.25))
            let bad = configError("policy: \"s3fifo(ghost=0.5)\"\n")
            #expect(bad?.field == "policy")
        }
    }
}

// MARK: - Sizes, models and capacities

extension ConfigTests {
    @Suite("Config sizes and models")
    struct ConfigSizeTests {
        @Test(arguments: [
            ("16GiB", 17_179_869_184), ("16 GiB", 17_179_869_184), ("16gib", 17_179_869_184), ("512MiB", 536_870_912),
            ("1KiB", 1024), ("2TiB", 2_199_023_255_552), ("1.5GB", 1_500_000_000), ("500MB", 500_000_000),
            ("1kB", 1000), ("1TB", 1_000_000_000_000), ("64B", 64), ("17179869184", 17_179_869_184), ("1e9", 1_000_000_000),
            ("1_000", 1000),
        ])
        func byteSizesWithUnits(_ text: String, _ bytes: Int) throws {
            #expect(ByteSize.parse(text) == bytes)
            let c = try parse("model_kv_bytes_per_token: 1\nblock_size_tokens: 1\ncache_capacity_bytes: \(text)\n")
            #expect(c.capacity == .bytes(bytes))
        }

        @Test(arguments: ["GiB", "16XB", "lots", "1e30", "nan", "inf"])
        func badByteSizes(_ text: String) {
            #expect(ByteSize.parse(text) == nil)
            #expect(configError("cache_capacity_bytes: \(text)\n")?.field == "cache_capacity_bytes")
        }

        // MODEL 1.2: kv_bytes_per_token = 2 x layers x kv_heads x head_dim x dtype_bytes.
        @Test func modelPreset() throws {
            #expect(try parse("model: llama-3-8b\n").kvBytesPerToken == 2 * 32 * 8 * 128 * 2)
            #expect(try parse("model: llama-3-70b\n").kvBytesPerToken == 2 * 80 * 8 * 128 * 2)
            #expect(try parse("model: qwen2.5-7b\n").kvBytesPerToken == 2 * 28 * 4 * 128 * 2)
            let e = configError("model: llama-3-8\n")
            #expect(e?.field == "model")
            #expect(e?.message.contains("did you mean 'llama-3-8b'") == true)
        }

        @Test func modelShape() throws {
            let c = try parse("model: {layers: 2, kv_heads: 3, head_dim: 5, dtype_bytes: 7}\nblock_size_tokens: 16\n")
            #expect(c.kvBytesPerToken == 2 * 2 * 3 * 5 * 7)
            #expect(c.blockBytes == 16 * 420)  // MODEL 1.2: block_bytes = B x kv_bytes_per_token
            #expect(c.model.layers == 2)
            // dtype_bytes defaults to 2 (bf16).
            #expect(try parse("model: {layers: 2, kv_heads: 3, head_dim: 5}\n").kvBytesPerToken == 2 * 2 * 3 * 5 * 2)
            #expect(configError("model: {layers: 2, kv_heads: 3}\n")?.field == "model.head_dim")
            #expect(configError("model: {layers: 0, kv_heads: 3, head_dim: 5}\n")?.field == "model.layers")
            #expect(configError("model: {layers: 2, kv_heads: 3, head_dim: 5, dtypes: 2}\n")?.field == "model.dtypes")
        }

        @Test func modelKvBytesPerTokenWins() throws {
            #expect(try parse("model: llama-3-70b\nmodel_kv_bytes_per_token: 1000\n").kvBytesPerToken == 1000)
            #expect(try parse("model_kv_bytes_per_token: 1000\nmodel: {layers: 2, kv_heads: 3, head_dim: 5}\n").kvBytesPerToken == 1000)
            let c = try parse("model_kv_bytes_per_token: 1000\nblock_size_tokens: 10\ncache_capacity_bytes: 25999\n")
            #expect(c.blockBytes == 10_000)
            #expect(c.capacity?.blocks(blockBytes: c.blockBytes, uniqueBlocks: 0) == 2)  // floor(25999 / 10000)
        }

        // MODEL 1.3: blocks as is; bytes floor(bytes / block_bytes); fraction floor(f x unique);
        // below 1 block: nil.
        @Test func capacitySpecResolution() {
            #expect(CapacitySpec.blocks(7).blocks(blockBytes: 1 << 30, uniqueBlocks: 0) == 7)
            #expect(CapacitySpec.bytes(17_179_869_184).blocks(blockBytes: 64 << 20, uniqueBlocks: 0) == 256)
            #expect(CapacitySpec.bytes(17_179_869_183).blocks(blockBytes: 64 << 20, uniqueBlocks: 0) == 255)
            #expect(CapacitySpec.bytes(999).blocks(blockBytes: 1000, uniqueBlocks: 0) == nil)
            #expect(CapacitySpec.fraction(0.05).blocks(blockBytes: 1, uniqueBlocks: 7819) == 390)
            #expect(CapacitySpec.fraction(0.1).blocks(blockBytes: 1, uniqueBlocks: 10_500) == 1050)
            #expect(CapacitySpec.fraction(1).blocks(blockBytes: 1, uniqueBlocks: 33) == 33)
            #expect(CapacitySpec.fraction(0.999).blocks(blockBytes: 1, uniqueBlocks: 1000) == 999)
            #expect(CapacitySpec.fraction(0.01).blocks(blockBytes: 1, uniqueBlocks: 99) == nil)
        }

        // MODEL 1.3 against a trace: the default is 10% of the unique blocks; below 1 block is
        // an error naming the key that gave the size.
        @Test func resolveCapacityAgainstATrace() throws {
            let defaulted = try parse("")
            let d = try defaulted.resolveCapacity(uniqueBlocks: 1234)
            #expect(d.total == 123)
            #expect(d.defaulted)
            let h = try parse("policy: hierarchical_lru\nl1_cache_capacity_blocks: 10\nl2_cache_capacity_blocks: 30\n")
            let r = try h.resolveCapacity(uniqueBlocks: 1)
            #expect(r.total == 40)
            #expect(r.tiers?.l1 == 10)
            #expect(r.tiers?.l2 == 30)
            #expect(!r.defaulted)

            let small = try SimulationConfig.parse(yaml: "cache_capacity_fraction: 0.01\n", file: "small.yaml")
            do {
                _ = try small.resolveCapacity(uniqueBlocks: 50)
                Issue.record("floor(0.01 x 50) = 0 blocks must be an error")
            } catch let error as InputError {
                #expect(error.file == "small.yaml")
                // The key that gave the size is the fraction, not cache_capacity_bytes.
                #expect(error.field == "cache_capacity_fraction" || error.field == "trace_cache_capacity_fraction",
                        "names \(String(describing: error.field))")
            }
        }

        // The resolved YAML of hand-made configs round-trips too (every kind of capacity and law).
        @Test(arguments: [
            "policy: fifo\ncache_capacity_blocks: 9\nhit_semantics: block\nseed: 3\n",
            "cache_capacity_bytes: 1GiB\nmodel: {layers: 2, kv_heads: 3, head_dim: 5, dtype_bytes: 1}\n",
            "trace_cache_capacity_fraction: 0.3\nblock_size_tokens: 16\n",
            "policy: hierarchical_lru\nl1_cache_capacity_blocks: 10\nl2_cache_capacity_bytes: 16GiB\n",
            """
            cache_capacity_blocks: 100
            workload:
              num_requests: 50
              popularity: uniform
              sequence_length: 700
              output_length_dist: {dist: gamma, shape: 2, scale: 30}
              shared_prefix: {num_prefixes: 2, prefix_length_tokens: 600, probability: 0.5}
              multi_turn: {max_turns: 2, user_message_dist: {dist: exponential, mean: 40, max_length: 100}}
              arrival: {rate_per_s: 0.5}
            time_model: {peak_tflops: 100, utilization: 0.3, overhead_ms: 1.5, prefill_servers: 2}
            analysis: {policies: [lru, belady], capacities: "0.1,0.2"}
            """,
        ])
        func handMadeConfigsRoundTrip(_ yaml: String) throws {
            let c = try parse(yaml)
            let back = try parse(c.resolvedYAML())
            #expect(back == c, "\(c.resolvedYAML())")
        }
    }
}

/// MODEL 8.3: a config's relative paths are taken from its own folder, never from the
/// working directory.
@Suite struct ConfigRelativePathTests {
    @Test func tracePath_isRelativeToTheConfigFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-rel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("{\"timestamp\": 0, \"input_length\": 512, \"output_length\": 1, \"hash_ids\": [1]}\n".utf8)
            .write(to: dir.appendingPathComponent("t.jsonl"))
        let config = dir.appendingPathComponent("sub/c.yaml")
        try Data("workload:\n  trace_path: ../t.jsonl\n".utf8).write(to: config)
        let c = try SimulationConfig.load(path: config.path)
        guard case .trace(let input) = c.workload else { Issue.record("not a trace workload"); return }
        #expect(input.path == dir.appendingPathComponent("t.jsonl").path)
    }

    @Test func resolve_joinsLexically() {
        #expect(PathText.resolve("../notebooks-data/t.jsonl", in: "configs") == "notebooks-data/t.jsonl")
        #expect(PathText.resolve("t.jsonl", in: "") == "t.jsonl")
        #expect(PathText.resolve("/abs/t.jsonl", in: "configs") == "/abs/t.jsonl")
        #expect(PathText.resolve("./a/../b", in: "/x/y") == "/x/y/b")
        #expect(PathText.resolve("../../t", in: "a") == "../t")
    }
}
