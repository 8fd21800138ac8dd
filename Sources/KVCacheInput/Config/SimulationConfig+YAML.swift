import KVCacheCore
extension SimulationConfig {
    /// The config with every default filled in, as YAML that `load(path:)` reads back to an
    /// equal config (written beside every result). Deterministic. With `folder`, the folder the
    /// YAML is written to, a relative trace path is rewritten relative to that folder, so that
    /// the file reruns from there (MODEL 8.3).
    public func resolvedYAML(folder: String? = nil) -> String {
        var out: [String] = ["# kvcache-sim resolved config: every default filled in"]
        func line(_ indent: Int, _ key: String, _ value: String) {
            out.append(String(repeating: "  ", count: indent) + key + ": " + value)
        }
        func writeCapacity(_ prefix: String, _ spec: CapacitySpec?) {
            switch spec {
            case .blocks(let n)?: line(0, prefix + "cache_capacity_blocks", String(n))
            case .bytes(let n)?: line(0, prefix + "cache_capacity_bytes", String(n))
            case .fraction(let f)?: line(0, prefix.isEmpty ? "cache_capacity_fraction" : prefix + "cache_capacity_fraction", YAMLText.number(f))
            case nil: break
            }
        }
        func law(_ indent: Int, _ key: String, _ l: LengthLaw) {
            out.append(String(repeating: "  ", count: indent) + key + ":")
            for (k, v) in l.yamlLines() { line(indent + 1, k, v) }
        }
        line(0, "name", quoted(name))
        line(0, "seed", String(seed))
        line(0, "policy", quoted(policy.description))
        line(0, "hit_semantics", hitSemantics.rawValue)
        line(0, "block_size_tokens", String(blockSizeTokens))
        out.append("model:")
        line(1, "name", quoted(model.name))
        line(1, "layers", String(model.layers))
        line(1, "kv_heads", String(model.kvHeads))
        line(1, "head_dim", String(model.headDim))
        line(1, "dtype_bytes", String(model.dtypeBytes))
        line(1, "hidden_size", String(model.hiddenSize))
        line(1, "parameters", YAMLText.number(model.parameters))
        if let mla = model.mla {
            line(1, "kv_lora_rank", String(mla.kvLoraRank))
            line(1, "qk_rope_head_dim", String(mla.qkRopeHeadDim))
        }
        line(0, "model_kv_bytes_per_token", String(kvBytesPerToken))
        if capacity == nil, l1Capacity == nil {
            out.append("# no cache capacity configured: runs use \(Self.defaultCapacity)")
        }
        writeCapacity("", capacity)
        writeCapacity("l1_", l1Capacity)
        writeCapacity("l2_", l2Capacity)
        out.append("workload:")
        switch workload {
        case .trace(let input):
            line(1, "type", "trace")
            line(1, "trace_path", quoted(folder.map { PathText.relative(input.path, from: $0) } ?? input.path))
            if let f = input.format { line(1, "format", f.rawValue) }
            line(1, "skip_bad_lines", String(input.skipBadLines))
            if let n = input.nativeBlockSizeTokens { line(1, "trace_block_size_tokens", String(n)) }
            if input.sessions.order != .concatenate { line(1, "replay", input.sessions.order.rawValue) }
            if let r = input.sessions.sessionRatePerSecond { line(1, "session_rate_per_s", YAMLText.number(r)) }
            if let n = input.sessions.concurrentSessions { line(1, "concurrent_sessions", YAMLText.number(n)) }
        case .synthetic(let s):
            line(1, "type", "synthetic")
            line(1, "num_requests", String(s.requests))
            line(1, "num_sequences", String(s.sequences))
            line(1, "popularity", s.popularity.rawValue)
            line(1, "zipf_alpha", YAMLText.number(s.zipfAlpha))
            law(1, "sequence_length_dist", s.inputLength)
            law(1, "output_length_dist", s.outputLength)
            if let p = s.sharedPrefix {
                out.append("  shared_prefix:")
                line(2, "num_prefixes", String(p.groups))
                line(2, "prefix_length_tokens", String(p.tokens))
                line(2, "probability", YAMLText.number(p.probability))
            }
            if let m = s.multiTurn {
                out.append("  multi_turn:")
                line(2, "max_turns", String(m.maxTurns))
                law(2, "user_message_dist", m.userMessage)
            }
            if let rate = s.arrivalRatePerSecond {
                out.append("  arrival:")
                line(2, "process", "poisson")
                line(2, "rate_per_s", YAMLText.number(rate))
            }
        }
        let t = timeModel
        out.append("time_model:")
        line(1, "prefill_tokens_per_s", YAMLText.number(t.prefillTokensPerSecond))
        line(1, "overhead_ms", YAMLText.number(t.overheadMs))
        if let a = t.accelerator {
            if AcceleratorSpec.presets[a.name] == a { line(1, "accelerator", a.name) } else { line(1, "peak_tflops", YAMLText.number(a.peakFLOPs / 1e12)) }
            line(1, "utilization", YAMLText.number(t.utilization))
        }
        line(1, "l1_bandwidth_gb_per_s", YAMLText.number(t.l1BandwidthBytesPerSecond / 1e9))
        line(1, "l2_bandwidth_gb_per_s", YAMLText.number(t.l2BandwidthBytesPerSecond / 1e9))
        line(1, "overlap_load", String(t.overlapLoad))
        line(1, "prefill_servers", String(t.prefillServers))
        if warmup != .none {
            out.append("measurement:")
            line(1, "warmup", quoted(warmup.description))
        }
        if analysis.policies != nil || analysis.capacities != nil || analysis.sampleRate != nil || analysis.sampleSize != nil {
            out.append("analysis:")
            if let r = analysis.sampleRate { line(1, "sample_rate", YAMLText.number(r)) }
            if let n = analysis.sampleSize { line(1, "sample_size", String(n)) }
            if let p = analysis.policies { line(1, "policies", "[" + p.map { quoted($0.description) }.joined(separator: ", ") + "]") }
            if let c = analysis.capacities { line(1, "capacities", quoted(c)) }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
