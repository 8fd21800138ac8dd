import Foundation

/// Paths as text: absolute forms and one path relative to a folder, without touching the disk
/// beyond the working directory.
public enum PathText {
    /// `path` made absolute against the working directory, with `.` and `..` removed.
    public static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// `path` relative to `folder` (`../data/t.jsonl`), both taken from the working directory
    /// when relative.
    public static func relative(_ path: String, from folder: String) -> String {
        let target = absolute(path).split(separator: "/")
        let base = absolute(folder).split(separator: "/")
        var common = 0
        while common < min(target.count, base.count), target[common] == base[common] { common += 1 }
        let up = Array(repeating: "..", count: base.count - common)
        let rest = target[common...].map(String.init)
        let parts = up + rest
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// A path as shown in outputs (MODEL 8.2): relative to the working directory when inside
    /// it, else only the file name, never an absolute path. `./a/../b` shows as `b`.
    public static func display(_ path: String) -> String {
        let full = absolute(path)
        let cwd = absolute(FileManager.default.currentDirectoryPath)
        if full.hasPrefix(cwd + "/") { return String(full.dropFirst(cwd.count + 1)) }
        return (full as NSString).lastPathComponent
    }

    /// `path` taken from `folder` (MODEL 8.3: a config's paths are relative to its file's
    /// folder): unchanged when absolute, else `folder/path` with `.` and `x/..` removed as text,
    /// so `configs` + `../data/t.jsonl` is `data/t.jsonl` and stays relative when both are.
    public static func resolve(_ path: String, in folder: String) -> String {
        if path.hasPrefix("/") || folder.isEmpty { return path }
        var parts: [Substring] = []
        let absolute = folder.hasPrefix("/")
        for part in (folder + "/" + path).split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            if part == "..", absolute, parts.isEmpty { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
