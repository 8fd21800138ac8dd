import KVCacheCore
import Foundation

/// MODEL 8.1: files are written whole or not at all (a temporary name in the same folder,
/// then a rename), and a run never overwrites one of its inputs.
public enum AtomicFile {
    /// Writes `text` to `path` atomically, refusing to replace any path in `inputs`.
    public static func write(_ text: String, to path: String, inputs: [String] = []) throws {
        try stream(to: path, inputs: inputs) { try $0.write(text) }
    }

    /// Writes what `body` puts into the sink to `path` atomically, in bounded memory (the sink
    /// writes through to a temporary file, renamed into place once `body` returns; removed if
    /// it throws), refusing to replace any path in `inputs`.
    public static func stream(to path: String, inputs: [String] = [], _ body: (ByteSink) throws -> Void) throws {
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path == target {
            throw InputError(file: path, "refusing to overwrite an input file")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let temporary = (folder.isEmpty ? "." : folder) + "/." + (path as NSString).lastPathComponent + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw InputError(file: path, "cannot write the file: \(String(cString: strerror(errno)))")
        }
        var isOpen = true
        do {
            let sink = ByteSink(fd: fd, name: path)
            try body(sink)
            try sink.flush()
            isOpen = false
            guard close(fd) == 0 else { throw InputError(file: path, "cannot write the file: \(String(cString: strerror(errno)))") }
        } catch {
            if isOpen { close(fd) }
            unlink(temporary)
            throw error
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw InputError(file: path, "cannot write the file: \(reason)")
        }
    }
}
