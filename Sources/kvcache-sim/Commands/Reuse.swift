import ArgumentParser
import Foundation
import KVCacheAnalysis
import KVCacheCore
import KVCacheInput
import KVCacheRender

/// `kvcache-sim reuse`: the reuse profile of a trace (MODEL 2.5, 5.1, 5.4).
struct Reuse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stack-distance and reuse-time histograms (log2 bins, exact counts), compulsory misses, prefix-tree fraction, and the capacity each policy needs."
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "Folder for reuse.csv (default: the current folder).")
    var out: String?

    @Flag(name: .long, help: "Print JSON instead of tables.")
    var json = false

    func run() throws {
        let folder = out ?? "."
        let config = try input.loadConfig()
        let progress = Progress(label: "reuse")
        defer { progress.done() }
        progress.stepReading()
        let trace = try WorkloadLoader.load(config, progress: progress.reading)
        progress.step("computing reuse")
        let analysis = ReuseAnalysis.analyse(trace)
        try AtomicFile.write(analysis.csv(), to: folder + "/reuse.csv", inputs: input.inputPaths(config))
        if json {
            print(ReuseTables.json(analysis, blockBytes: config.blockBytes).render())
        } else {
            print(ReuseTables.text(analysis, blockBytes: config.blockBytes))
        }
        status("wrote \(folder)/reuse.csv")
    }
}
