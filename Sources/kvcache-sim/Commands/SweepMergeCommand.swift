import ArgumentParser
import Foundation
import KVCacheCore
import KVCacheInput
import KVCacheRender

/// `kvcache-sim sweep merge`: partial results into `mrc.csv` and `summary.json` (MODEL 9.5).
struct SweepMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the partial results of a sweep (folders or files) into mrc.csv and summary.json.",
        discussion: """
        The result does not depend on the order of the inputs nor on the number of shards. Refuses (exit 2) partials of different specs, \
        a task whose two copies disagree, and missing tasks. mrc.csv has MODEL 9.3's columns plus `input`.
        """
    )

    @Argument(help: "Folders holding sweep-*-shard-*-of-*.json files, or such files.")
    var partials: [String]

    @Option(name: .long, help: "Folder for mrc.csv and summary.json (created if missing).")
    var out: String

    func run() throws {
        var files = [String]()
        for path in partials {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError(file: path, "no such file or folder")
            }
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path)
                    .filter { $0.hasPrefix("sweep-") && $0.contains("-shard-") && $0.hasSuffix(".json") }
                files += names.map { path + "/" + $0 }
            } else {
                files.append(path)
            }
        }
        // Read in a fixed order: error messages do not depend on the order given either.
        files = Array(Set(files.map { PathText.absolute($0) })).sorted()
        let output = try SweepMerge.merge(try files.map { (PathText.display($0), try SweepPartial.read(path: $0)) })
        try AtomicFile.write(output.csv, to: out + "/mrc.csv", inputs: files)
        try AtomicFile.write(output.summary, to: out + "/summary.json", inputs: files)
        status("merged \(output.taskCount) tasks from \(files.count) partial files: wrote \(out)/mrc.csv and \(out)/summary.json")
    }
}
