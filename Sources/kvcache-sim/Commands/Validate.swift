import ArgumentParser
import Foundation
import KVCacheCore

/// `kvcache-sim validate --config F`: checks a config without running it; for a synthetic
/// workload also checks that its generator draws what the config says (SEMANTICS 7.2).
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a config; for synthetic workloads, test the generated lengths against the configured laws.",
        discussion: "Exit status: 0 when the config is valid (and the synthetic laws pass), 2 for a bad config, 3 when a synthetic validation fails."
    )

    @Option(name: .long, help: "YAML config file.")
    var config: String

    @Option(name: .long, help: "Significance level of the goodness-of-fit tests.")
    var alpha: Double = 0.01

    func run() throws {
        let c = try SimulationConfig.load(path: config)
        if case .trace(let input) = c.workload {
            _ = try TraceFormat.infer(path: input.path)
        }
        var cc = c
        if cc.policy == .hierarchicalLRU, cc.l2Capacity == nil {
            throw InputError(file: config, field: "l2_cache_capacity_bytes", "required for hierarchical_lru")
        }
        cc.name = c.name
        print("\(config): valid (policy \(c.policy.rawValue), \(c.workload.isSynthetic ? "synthetic" : "trace") workload, block \(c.blockBytes) bytes)")
        if case .synthetic(let s) = c.workload {
            guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must be in (0, 1)") }
            let passed = try SyntheticValidation.run(config: c, synthetic: s, alpha: alpha)
            if !passed { throw ExitCode(3) }
        }
    }
}
