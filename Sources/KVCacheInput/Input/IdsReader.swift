import KVCacheCore
/// `ids` traces (MODEL 9.1): one block id per line (a decimal integer, signed ids kept by
/// their bit pattern), each a single-block request of one full block of tokens. This is
/// libCacheSim's `txt` trace type. Blank lines are skipped. O(bytes), no allocation per line;
/// requests go to the builder in batches.
public struct IdsReader: TraceReader {
    public init() {}

    public func read(_ input: ByteStream, into builder: inout TraceBuilder, options: ReadOptions) throws {
        let path = input.name
        let tokens = builder.trace.blockSizeTokens
        let batch = Batch()
        func flush() throws {
            try batch.ids.withUnsafeBufferPointer { try builder.addSingleBlockRequests($0, inputLength: tokens) }
            batch.ids.removeAll(keepingCapacity: true)
        }
        if let size = input.sizeHint {  // about 6 bytes per line in the public traces
            builder.reserve(accesses: builder.trace.accessCount + reservation(size / 6),
                            requests: builder.requestCount + reservation(size / 6))
        }
        try input.forEachLine(maxLineBytes: options.maxLineBytes) { line, lineNumber in
            var s = JSONLineScanner(line)
            s.skipWhitespace()
            if s.atEnd { return }
            try handleLine(&builder, options) { builder in
                let value: Int64?
                do {
                    value = try s.integer(bitPattern: true)
                    s.skipWhitespace()
                    if !s.atEnd { throw s.fail("unexpected text after the id") }
                } catch let e as JSONLineScanner.ScanError {
                    throw InputError(file: path, line: lineNumber, field: "id", "not an integer (column \(e.column): \(e.message))")
                }
                guard let value else { throw InputError(file: path, line: lineNumber, field: "id", "not an integer") }
                batch.ids.append(UInt64(bitPattern: value))
            }
            if batch.ids.count >= 1 << 16 { try flush() }
        }
        try flush()
    }

    /// The ids parsed since the last flush. A class with an unchecked property so that the
    /// per-line closure appends without a dynamic exclusivity check (only this reader touches it,
    /// one line at a time).
    private final class Batch {
        @exclusivity(unchecked) var ids: [UInt64] = []
        init() { ids.reserveCapacity(1 << 16) }
    }
}
