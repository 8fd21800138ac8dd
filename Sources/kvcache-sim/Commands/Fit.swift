import ArgumentParser
import Foundation
import KVCacheAnalysis
import KVCacheCore
import KVCacheInput
import KVCacheRender
import KVCacheStats

/// `kvcache-sim fit`: maximum-likelihood fits of a trace field with GSL (MODEL 7.1, 9.4).
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit normal, lognormal, gamma, weibull, exponential (and poisson, negative_binomial for counts) to a trace field; writes fits.csv.",
        discussion: """
        KS p-values use parameters fitted on the same data and are therefore optimistic.
        --emit-config prints a synthetic config whose sequence_length_dist and output_length_dist are the best fits,
        ready for `kvcache-sim validate --config FITTED --compare-trace TRACE` (the round trip).
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "Fields to fit, comma-separated: \(LengthFits.Field.allCases.map(\.rawValue).joined(separator: ", ")).")
    var field: String = "input_length"

    @Option(name: .long, help: "Folder for fits.csv and fits.json (default: the current folder).")
    var out: String?

    @Flag(name: .long, help: "Print a synthetic config built from the best fits (input and output lengths) instead of the table.")
    var emitConfig = false

    func run() throws {
        let folder = out ?? "."
        let fields = try field.split(separator: ",").map { name -> LengthFits.Field in
            guard let f = LengthFits.Field(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--field: " + Suggestion.notOneOf(String(name), LengthFits.Field.allCases.map(\.rawValue), what: "field"))
            }
            return f
        }
        let config = try input.loadConfig()
        let progress = Progress(label: "fit")
        defer { progress.done() }
        progress.stepReading()
        let trace = try WorkloadLoader.load(config, progress: progress.reading)
        progress.step("fitting")
        if emitConfig {
            print(try FittedConfig.yaml(trace: trace, config: config))
            return
        }
        let fits = try fields.map { try LengthFits.fit($0, trace: trace) }
        var csv = ""
        for (i, f) in fits.enumerated() { csv += f.csv(header: i == 0) }
        let inputs = input.inputPaths(config)
        try AtomicFile.write(csv, to: folder + "/fits.csv", inputs: inputs)
        try AtomicFile.write(JSONValue.array(fits.map { $0.json() }).render() + "\n", to: folder + "/fits.json", inputs: inputs)
        for f in fits { print(FitTables.table(f)); print("") }
        print("KS p-values are optimistic: the parameters were fitted on the same data.")
        status("wrote \(folder)/fits.csv, \(folder)/fits.json")
    }
}
