import Foundation
import KVCacheCore
import KVCacheInput

/// Writes a report's files into a folder whole or not at all (MODEL 8.1): everything goes
/// into a temporary sibling folder first, which then replaces the target in one rename.
public enum ReportWriter {
    public static func write(_ files: [(String, String)], to folder: String, inputs: [String]) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: folder).standardizedFileURL
        let inputURLs = Set(inputs.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path })
        // The folder's own config.resolved.yaml may be the input (the Reproduce command): it is
        // the record of this very report, read whole before anything is written (MODEL 8.3).
        for (name, _) in files where name != "config.resolved.yaml"
            && inputURLs.contains(target.appendingPathComponent(name).resolvingSymlinksInPath().path) {
            throw InputError(file: target.appendingPathComponent(name).path, "refusing to overwrite an input file")
        }
        let parent = target.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let temporary = parent.appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())")
        try? fm.removeItem(at: temporary)
        try fm.createDirectory(at: temporary, withIntermediateDirectories: true)
        do {
            for (name, text) in files {
                try Data(text.utf8).write(to: temporary.appendingPathComponent(name))
            }
            var old: URL?
            if fm.fileExists(atPath: target.path) {
                // Keep anything the folder holds that is not ours (e.g. a README) by moving our files in.
                let previous = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(getpid())")
                try? fm.removeItem(at: previous)
                try fm.moveItem(at: target, to: previous)
                old = previous
                for item in try fm.contentsOfDirectory(atPath: previous.path) where !files.contains(where: { $0.0 == item }) {
                    try fm.moveItem(at: previous.appendingPathComponent(item), to: temporary.appendingPathComponent(item))
                }
            }
            try fm.moveItem(at: temporary, to: target)
            if let old { try? fm.removeItem(at: old) }
        } catch {
            try? fm.removeItem(at: temporary)
            throw InputError(file: folder, "cannot write the report: \(error.localizedDescription)")
        }
    }

    /// A path as shown in a report (MODEL 8.2): relative paths as given, absolute ones relative
    /// to the working directory when inside it, else only the file name.
    public static func displayPath(_ path: String) -> String {
        path.hasPrefix("/") ? PathText.display(path) : path
    }
}
