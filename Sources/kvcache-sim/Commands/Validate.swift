import ArgumentParser
import Foundation
import KVCacheAnalysis
import KVCacheCore
import KVCacheInput
import KVCacheRender
import KVCacheStats

/// `kvcache-sim validate --config F`: checks a config without running it; for a synthetic
/// workload also checks that its generator draws what the config says (MODEL 7.2).
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a config; for synthetic workloads, test the generated lengths against the configured laws.",
        discussion: """
        Exit status: 0 when the config is valid (and the synthetic laws pass), 2 for a bad config, 3 when a synthetic validation fails.
        Round trip: `kvcache-sim fit --trace real.jsonl --field input_length --emit-config > fitted.yaml`, then
        `kvcache-sim validate --config fitted.yaml --compare-trace real.jsonl`.
        """
    )

    @Option(name: .long, help: "YAML config file.")
    var config: String

    @Option(name: .long, help: "Significance level of the goodness-of-fit tests.")
    var alpha: Double = 0.01

    @Option(name: .long, help: "A real trace to compare the synthetic workload with: input lengths by a two-sample KS test (a check: different laws fail), and lru / prefix_lru hit ratios at 1%, 10% and 50% of its unique blocks (reported).")
    var compareTrace: String?

    @Option(name: .long, help: "Model preset or shape, as for simulate (default: the config's).")
    var model: String?

    func run() throws {
        guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must be in (0, 1)") }
        var c = try SimulationConfig.load(path: config)
        if let model { try InputOptions.apply(model: model, to: &c) }
        if case .trace(let input) = c.workload, input.format == nil, !SessionsReader.isDirectory(input.path) {
            _ = try TraceFormat.infer(path: input.path)  // the format can be told from the file
        }
        print("\(config): valid config (policy \(c.policy), \(c.workload.isSynthetic ? "synthetic" : "trace") workload, block \(Formatting.bytes(c.blockBytes)))")
        guard case .synthetic(let s) = c.workload else { return }
        let real = try compareTrace.map { try TraceLoader.load(path: $0, blockSizeTokens: c.blockSizeTokens) }
        let v = try WorkloadValidation.run(config: c, synthetic: s, alpha: alpha, compareWith: real)
        for check in v.checks {
            print("  \(check.passed ? "PASS" : "FAIL") \(check.name): \(check.detail)")
        }
        if let path = compareTrace, !v.hitComparison.isEmpty {
            print("  hit ratios (\(c.hitSemantics.rawValue) hits), stand-in vs \(path), at shares of the real trace's unique blocks:")
            for h in v.hitComparison {
                let points = Formatting.fixed(100 * h.difference, decimals: 1)
                let sign = h.difference > 0 ? "+" : ""
                print("    \(h.policy.description) at \(Formatting.percent(h.fraction, decimals: 0)) (\(Formatting.thousands(h.capacityBlocks)) blocks): stand-in \(Formatting.percent(h.standIn)), real \(Formatting.percent(h.real)), \(sign)\(points) points")
            }
            let worst = v.hitComparison.map { abs($0.difference) }.max() ?? 0
            print("    largest gap: \(Formatting.fixed(100 * worst, decimals: 1)) points of hit ratio")
        }
        print((v.passed ? "validation passed" : "validation FAILED") + " at alpha \(StatText.number(alpha)) (each of \(v.checks.count) checks at alpha / \(v.checks.count) = \(StatText.number(v.perCheckAlpha)), Bonferroni)")
        if !v.passed { throw ExitCode(3) }
    }
}
