import KVCacheCore
import Yams

/// One YAML mapping of a config, read with the rules of MODEL 1.3: an unknown key
/// is an error that suggests the nearest known key; a wrong type or a bad value is an error that
/// names the key path (`workload.sequence_length_dist.sigma`) and the line.
struct ConfigMap {
    let node: Node.Mapping
    let path: String
    let file: String

    /// Wraps `node`, rejecting any key not in `known`.
    init(_ node: Node, path: String, file: String, known: [String]) throws {
        guard let mapping = node.mapping else {
            throw InputError(file: file, line: node.line, field: path.isEmpty ? nil : path,
                             "expected a mapping of keys to values")
        }
        self.node = mapping
        self.path = path
        self.file = file
        for (key, _) in mapping {
            guard let name = key.string else {
                throw InputError(file: file, line: key.line, field: path.isEmpty ? nil : path, "keys must be strings")
            }
            if !known.contains(name) {
                var message = "unknown key"
                if let guess = Suggestion.nearest(name, in: known) { message += "; did you mean '\(guess)'?" }
                throw InputError(file: file, line: key.line, field: keyPath(name), message)
            }
        }
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func has(_ key: String) -> Bool { node[key] != nil }

    func error(_ key: String, _ message: String) -> InputError {
        InputError(file: file, line: node[key]?.line ?? node.mark.map { $0.line }, field: keyPath(key), message)
    }

    private func scalar(_ key: String) throws -> String? {
        guard let value = node[key] else { return nil }
        if value.scalar == nil { throw error(key, "expected a single value, found a \(value.mapping != nil ? "mapping" : "list")") }
        if value.scalar?.style == .plain, value.string == "null" || value.string == "~" || value.string == "" { return nil }
        return value.string
    }

    func string(_ key: String) throws -> String? { try scalar(key) }

    func int(_ key: String) throws -> Int? {
        guard let text = try scalar(key) else { return nil }
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        if let v = Int(cleaned) { return v }
        if let d = Double(cleaned), d.isFinite, d == d.rounded(), abs(d) < 9.0e18 { return Int(d) }
        throw error(key, "expected an integer, found '\(text)'")
    }

    func double(_ key: String) throws -> Double? {
        guard let text = try scalar(key) else { return nil }
        guard let v = Double(text.replacingOccurrences(of: "_", with: "")), v.isFinite else {
            throw error(key, "expected a number, found '\(text)'")
        }
        return v
    }

    func bool(_ key: String) throws -> Bool? {
        guard let text = try scalar(key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(key, "expected true or false, found '\(text)'")
        }
    }

    /// A size in bytes: an integer, or a number with a unit (`16GiB`, `512 MB`, `1.5e9`).
    func bytes(_ key: String) throws -> Int? {
        guard let text = try scalar(key) else { return nil }
        guard let v = ByteSize.parse(text) else {
            throw error(key, "expected a size in bytes such as 17179869184 or 16GiB, found '\(text)'")
        }
        return v
    }

    /// One of an enum's raw values.
    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws -> E? where E.RawValue == String {
        guard let text = try scalar(key) else { return nil }
        if let v = E(rawValue: text) { return v }
        throw error(key, Suggestion.notOneOf(text, E.allCases.map(\.rawValue)))
    }

    /// A nested mapping.
    func map(_ key: String, known: [String]) throws -> ConfigMap? {
        guard let value = node[key] else { return nil }
        if value.scalar != nil, (try? scalar(key)) == nil { return nil }  // `key: null`
        return try ConfigMap(value, path: keyPath(key), file: file, known: known)
    }

    func list(_ key: String) throws -> [String]? {
        guard let value = node[key] else { return nil }
        if let seq = value.sequence { return seq.compactMap(\.string) }
        if let s = value.string { return PolicySpec.splitList(s) }
        throw error(key, "expected a list")
    }
}

extension Node {
    /// 1-based line of this node in its file, when known.
    var line: Int? { mark.map { $0.line } }
}

import Foundation
