import KVCacheCore
import KVCacheInput

/// Where a report goes and how it is named: the input's name and the reproducing command, with
/// no absolute path and nothing of the working directory (MODEL 8.2). The request itself is the
/// resolved config (config plus command-line overrides): the report's `config.resolved.yaml`
/// is that config, and `kvcache-sim report --config FOLDER/config.resolved.yaml --out FOLDER`
/// rewrites the same files byte for byte (MODEL 8.3).
public struct ReportRequest: Sendable {
    public var configPath: String?
    public var out: String

    public init(configPath: String?, out: String) {
        self.configPath = configPath
        self.out = out
    }

    /// The command that reproduces the report from its own resolved config.
    public var command: String {
        let folder = ReportWriter.displayPath(out)
        return "kvcache-sim report --config \(folder)/config.resolved.yaml --out \(folder)"
    }

    /// The input's name, and the config as the report's `config.resolved.yaml` holds it.
    public func present(_ config: SimulationConfig) -> (inputName: String, config: SimulationConfig) {
        switch config.workload {
        case .trace(let t):
            return (ReportWriter.displayPath(PathText.absolute(t.path)), config)
        case .synthetic:
            return ("synthetic workload `\(config.name)` (seed \(config.seed))", config)
        }
    }
}
