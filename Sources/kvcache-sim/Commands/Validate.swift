import ArgumentParser
import Foundation
import KVCacheAnalysis
import KVCacheCore
import KVCacheInput

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

    @Option(name: .long, help: "A real trace whose input lengths the synthetic ones are compared with (two-sample KS).")
    var compareTrace: String?

    func run() throws {
        guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must be in (0, 1)") }
        let c = try SimulationConfig.load(path: config)
        if case .trace(let input) = c.workload, input.format == nil, !SessionsReader.isDirectory(input.path) {
            _ = try TraceFormat.infer(path: input.path)  // the format can be told from the file
        }
        print("\(config): valid config (policy \(c.policy), \(c.workload.isSynthetic ? "synthetic" : "trace") workload, block \(c.blockBytes) bytes)")
        guard case .synthetic(let s) = c.workload else { return }
        let real = try compareTrace.map { try TraceLoader.load(path: $0, blockSizeTokens: c.blockSizeTokens) }
        let v = try WorkloadValidation.run(config: c, synthetic: s, alpha: alpha, compareWith: real)
        for check in v.checks {
            print("  \(check.passed ? "PASS" : "FAIL") \(check.name): \(check.detail)")
        }
        if let ks = v.comparison, let path = compareTrace {
            print("  compare input lengths with \(path): two-sample KS D = \(ks.statistic), p = \(ks.pValue) (how far the fitted law is from the real lengths; not a pass/fail test)")
        }
        print((v.passed ? "validation passed" : "validation FAILED") + " at alpha \(alpha) (each of \(v.checks.count) checks at alpha / \(v.checks.count) = \(v.perCheckAlpha), Bonferroni)")
        if !v.passed { throw ExitCode(3) }
    }
}
