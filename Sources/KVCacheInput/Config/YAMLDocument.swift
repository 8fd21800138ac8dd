import Foundation
import KVCacheCore
import Yams

/// Reading a YAML file of the tool (a config, a sweep spec): UTF-8 text, then Yams' node tree,
/// with errors that name the file.
enum YAMLDocument {
    /// The text of `path`; `what` names the document in errors ("config file", "sweep spec").
    static func text(at path: String, what: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, "cannot read the \(what)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, "the \(what) is not UTF-8 text")
        }
        return text
    }

    /// The root node of `yaml` (nil for an empty document).
    static func root(_ yaml: String, file: String) throws -> Node? {
        do { return try Yams.compose(yaml: yaml) } catch let error as YamlError {
            throw InputError(file: file, "not valid YAML: \(error)")
        }
    }
}
