import KVCacheCore
import Foundation

/// MODEL 8.1: files are written whole or not at all (a temporary name in the same folder,
/// then a rename), and a run never overwrites one of its inputs.
public enum AtomicFile {
    /// Writes `text` to `path` atomically, refusing to replace any path in `inputs`.
    public static func write(_ text: String, to path: String, inputs: [String] = []) throws {
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path == target {
            throw InputError(file: path, "refusing to overwrite an input file")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let temporary = (folder.isEmpty ? "." : folder) + "/." + (path as NSString).lastPathComponent + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw InputError(file: path, "cannot write the file")
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw InputError(file: path, "cannot write the file: \(reason)")
        }
    }
}
