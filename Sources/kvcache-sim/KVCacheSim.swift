import ArgumentParser
import KVCacheCore
import KVCacheInput

/// The root command: `kvcache-sim --config F` runs `simulate`.
struct KVCacheSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kvcache-sim",
        abstract: "Simulate and analyse the KV cache of LLM serving: hit ratios, exact miss-ratio curves, Belady bounds, reuse, fits and reports.",
        discussion: """
        Input comes from --config FILE (YAML; see README) or --trace FILE [--format mooncake|csv|ids|oracle-general].
        Command-line options override the config. Exit status: 0 success, 2 bad usage/config/input, 3 failed validation, 1 other errors.

        Policies:
        """ + "\n" + PolicyKind.allCases.map { "  \($0.rawValue): \($0.summary)" }.joined(separator: "\n"),
        version: KVCacheSimVersion.current,
        subcommands: [Simulate.self, MRC.self, Reuse.self, Fit.self, Validate.self, Report.self, Generate.self, Sweep.self],
        defaultSubcommand: Simulate.self
    )
}

extension PolicyKind: ExpressibleByArgument {}
extension SessionsOptions.ReplayOrder: ExpressibleByArgument {}
extension HitSemantics: ExpressibleByArgument {}
extension TraceFormat: ExpressibleByArgument {}
