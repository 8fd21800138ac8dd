/// `ids` traces (SEMANTICS 9.1): one block id per line (a decimal integer, signed ids kept by
/// their bit pattern), each a single-block request of one full block of tokens. This is
/// libCacheSim's `txt` trace type. Blank lines are skipped. O(bytes), no allocation per line.
public struct IdsReader: TraceReader {
    public let path: String

    public init(path: String) { self.path = path }

    public func read(into builder: inout TraceBuilder, options: ReadOptions) throws {
        let tokens = builder.trace.blockSizeTokens
        try FileChunks(path: path).forEachLine { line, lineNumber in
            var s = JSONLineScanner(line)
            s.skipWhitespace()
            if s.atEnd { return }
            try handleLine(&builder, options) { builder in
                let value: Int64?
                do {
                    value = try s.integer()
                    s.skipWhitespace()
                    if !s.atEnd { throw s.fail("unexpected text after the id") }
                } catch let e as JSONLineScanner.ScanError {
                    throw InputError(file: path, line: lineNumber, field: "id", "not an integer (column \(e.column): \(e.message))")
                }
                guard let value else { throw InputError(file: path, line: lineNumber, field: "id", "not an integer") }
                try builder.addRequest(rawIds: CollectionOfOne(UInt64(bitPattern: value)), inputLength: tokens,
                                       outputLength: nil, timestamp: nil, line: lineNumber)
            }
        }
    }
}
