import KVCacheCore
import KVCacheInput

/// A synthetic config from a trace's fitted length laws (the fit-generate-compare round trip): the best
/// continuous family by AIC for input and output lengths, bounded by the data's range, as many
/// requests as the trace; the rest of `config` kept.
public enum FittedConfig {
    public static func yaml(trace: Trace, config: SimulationConfig) throws -> String {
        let input = try LengthFits.fit(.inputLength, trace: trace)
        guard let inputLaw = input.bestLaw else { throw InputError(file: trace.source, field: "input_length", "no family could be fitted") }
        var synthetic = SyntheticConfig()
        synthetic.requests = trace.requestCount
        synthetic.inputLength = inputLaw
        if trace.hasOutputLengths, let out = try? LengthFits.fit(.outputLength, trace: trace), var law = out.bestLaw {
            law.minLength = max(0, law.minLength)
            synthetic.outputLength = law
        }
        var c = config
        c.name = "fitted-" + config.name
        c.workload = .synthetic(synthetic)
        c.capacity = config.capacity
        var text = "# Synthetic config fitted to \(trace.source) by `kvcache-sim fit --emit-config`:\n"
        text += "# best families by AIC: input_length \(input.best?.family.rawValue ?? "-")\n"
        text += c.resolvedYAML()
        return text
    }
}
