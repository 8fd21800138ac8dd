import KVCacheCore

/// What the user asked for, as they wrote it: names the input and the reproducing command in
/// the report without absolute paths or the working directory (SEMANTICS 8.2).
public struct ReportRequest: Sendable {
    public var configPath: String?
    public var tracePath: String?
    public var policies: String?
    public var capacities: String?
    public var out: String

    public init(configPath: String?, tracePath: String?, policies: String? = nil, capacities: String? = nil, out: String) {
        self.configPath = configPath
        self.tracePath = tracePath
        self.policies = policies
        self.capacities = capacities
        self.out = out
    }

    /// The command that reproduces the report.
    public var command: String {
        var command = "kvcache-sim report"
        if let c = configPath { command += " --config \(ReportWriter.displayPath(c))" }
        if let t = tracePath { command += " --trace \(ReportWriter.displayPath(t))" }
        if let p = policies { command += " --policies \(p)" }
        if let c = capacities { command += " --capacities \(c)" }
        return command + " --out \(ReportWriter.displayPath(out))"
    }

    /// The input's name, and the config with its trace path shown as the user wrote it.
    public func present(_ config: SimulationConfig) -> (inputName: String, config: SimulationConfig) {
        var c = config
        switch config.workload {
        case .trace(var t):
            t.label = ReportWriter.displayPath(t.label)
            t.path = t.label
            c.workload = .trace(t)
            return (t.label, c)
        case .synthetic:
            return ("synthetic workload of \(ReportWriter.displayPath(configPath ?? "the default config")) (seed \(config.seed))", c)
        }
    }
}
