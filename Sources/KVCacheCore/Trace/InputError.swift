/// A user's mistake in an input file or a config: names the file, and where known the line and
/// the field (or the config key path). The CLI prints it and exits with status 2 (MODEL 9.1).
public struct InputError: Error, CustomStringConvertible, Sendable, Equatable {
    public let file: String?
    public let line: Int?
    public let field: String?
    public let message: String

    public init(file: String? = nil, line: Int? = nil, field: String? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        var place = file ?? ""
        if let line { place += place.isEmpty ? "line \(line)" : ":\(line)" }
        var text = place.isEmpty ? "" : place + ": "
        if let field { text += "field '\(field)': " }
        return text + message
    }
}
