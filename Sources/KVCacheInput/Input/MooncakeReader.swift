import KVCacheCore
/// Mooncake JSONL (MODEL 2.2): one JSON object per line with `timestamp` (ms),
/// `input_length`, `output_length` and `hash_ids`; an optional `request_type` string is kept as
/// the request's label. The ids are `hash_ids` as given. Errors: bad JSON, `input_length`
/// missing or negative, `hash_ids` missing or empty, a non-integer id. A `hash_ids` count that
/// differs from `ceil(input_length / block_size_tokens)` is a counted `block_count_mismatch`
/// warning. Blank lines are skipped. Unknown keys are ignored; a key given twice in one object
/// (known or not) is an error naming it.
///
/// A hand-written byte scanner (`JSONLineScanner`), no Foundation decoding, no allocation per
/// line: O(bytes). Blocks of lines are parsed on a second thread while the previous block's
/// requests are interned (`ParallelLines`), with the result, warnings and errors of a
/// line-by-line read.
public struct MooncakeReader: TraceReader {
    public init() {}

    /// About one id per 7 bytes in real traces.
    public var bytesPerAccess: Int? { 7 }

    public func read(_ input: ByteStream, into builder: inout TraceBuilder, options: ReadOptions) throws {
        let path = input.name
        let blockSize = builder.trace.blockSizeTokens
        // About one id per 7 bytes and one request per 150 bytes in real traces: reserving up
        // front avoids regrowing the arrays (untouched reserved pages cost no memory). Only a
        // regular uncompressed file has a size to go by.
        if let size = input.sizeHint {
            // Their pages are faulted in ahead of the interning, on the parsing core: interning
            // is the slower side.
            builder.reserve(accesses: builder.trace.accessCount + expectedAccesses(in: input),
                            requests: builder.requestCount + reservation(size / 150), faultingAhead: true)
        }
        defer { builder.stopFaultingAhead() }
        // Blocks of lines are parsed on a second thread while the previous block's requests are
        // added here, in file order (ParallelLines): the result is that of a line-by-line read.
        // The parsed ids of a block go into a buffer taken from `pool` and given back once the
        // block is interned: a few buffers serve the whole input, their pages touched once.
        let pool = RawIdBufferPool()
        try ParallelLines.forEachBlock(input, maxLineBytes: options.maxLineBytes, blockBytes: options.parallelBlockBytes, parse: { block in
            Self.parse(block, file: path, into: pool.take(capacity: max(1024, block.bytes.count / 4)))
        }, consume: { parsed in
            defer { pool.give(parsed.ids) }
            var start = 0
            let all = parsed.ids.buffer
            for (k, line) in parsed.lines.enumerated() {
                let lineNumber = parsed.firstLine + k
                switch line {
                case .blank: continue
                case .failure(let error):
                    try handleLine(&builder, options) { _ in throw error }
                case .request(let end, let record):
                    let ids = UnsafeBufferPointer(rebasing: all[start ..< end])
                    start = end
                    try handleLine(&builder, options) { builder in
                        let expected = (record.inputLength + blockSize - 1) / blockSize
                        if expected != ids.count {
                            builder.warn("block_count_mismatch",
                                         "\(path):\(lineNumber): \(ids.count) hash_ids for input_length \(record.inputLength) (expected \(expected))")
                        }
                        try builder.addRequest(rawIds: ids, inputLength: record.inputLength, outputLength: record.outputLength,
                                               timestamp: record.timestamp, requestType: record.requestType, line: lineNumber)
                    }
                }
            }
        })
    }

    /// One block of lines, parsed: every request's ids back to back, and per line what it held.
    /// Made by the parsing thread and handed over whole (`ParallelLines` waits for it), so
    /// never shared while it changes.
    private final class ParsedBlock: @unchecked Sendable {
        let ids: RawIdBuffer
        let lines: [ParsedLine]
        let firstLine: Int

        init(ids: RawIdBuffer, lines: [ParsedLine], firstLine: Int) {
            self.ids = ids
            self.lines = lines
            self.firstLine = firstLine
        }
    }

    private enum ParsedLine: Sendable {
        case blank
        /// A request whose ids end at `end` in the block's ids (they start where the previous
        /// request's end).
        case request(end: Int, record: Record)
        case failure(InputError)
    }

    /// Parses every line of `block` (on any thread) into `flat`, a buffer of the pool: no
    /// builder, no shared state. A line's ids go straight into `flat` and are dropped again when
    /// the line fails.
    private static func parse(_ block: LineBlock, file path: String, into flat: RawIdBuffer) -> ParsedBlock {
        let otherKeys = RawIdBuffer(capacity: 16)
        var lines: [ParsedLine] = []
        lines.reserveCapacity(block.lineCount)
        block.forEachLine { line, lineNumber in
            if line.isEmpty || (line[0] != UInt8(ascii: "{") && line.allSatisfy({ $0 == 0x20 || $0 == 0x09 })) {
                lines.append(.blank)
                return
            }
            let mark = flat.count
            do {
                let record = try parse(line, file: path, lineNumber: lineNumber, ids: flat, otherKeys: otherKeys)
                lines.append(.request(end: flat.count, record: record))
            } catch let error as InputError {
                flat.removeAll(after: mark)
                lines.append(.failure(error))
            } catch {
                flat.removeAll(after: mark)
                lines.append(.failure(InputError(file: path, line: lineNumber, "\(error)")))
            }
        }
        return ParsedBlock(ids: flat, lines: lines, firstLine: block.firstLine)
    }

    private struct Record: Sendable {
        var inputLength = -1
        var outputLength: Int?
        var timestamp: Double?
        var requestType: String?
    }

    /// The known keys, one bit each, to find one given twice.
    private enum Key {
        static let hashIds: UInt8 = 1, inputLength: UInt8 = 2, outputLength: UInt8 = 4
        static let timestamp: UInt8 = 8, requestType: UInt8 = 16
    }

    /// Appends the line's ids to `ids` (after what it holds). `otherKeys` holds the byte ranges
    /// of the unknown keys seen so far in the object (start and length packed in one `UInt64`),
    /// reused from line to line.
    private static func parse(_ line: UnsafeBufferPointer<UInt8>, file path: String, lineNumber: Int, ids: RawIdBuffer,
                              otherKeys: RawIdBuffer) throws -> Record {
        var s = JSONLineScanner(line)
        var record = Record()
        var sawIds = false
        var field: String?
        var seen: UInt8 = 0
        func error(_ message: String, _ field: String? = nil) -> InputError {
            InputError(file: path, line: lineNumber, field: field, message)
        }
        /// Marks a known key as seen; a second time is an error naming it.
        func once(_ bit: UInt8, _ name: String) throws {
            if seen & bit != 0 { throw error("duplicate key in one JSON object", name) }
            seen |= bit
        }
        let first = ids.count
        do {
            otherKeys.removeAll()
            try s.expect(UInt8(ascii: "{"), "'{' (each line must be one JSON object)")
            if !s.consume(UInt8(ascii: "}")) {
                repeat {
                    field = nil  // between members no field applies (a missing ',' is not the last value's fault)
                    let key = try s.stringRange()
                    try s.expect(UInt8(ascii: ":"), "':'")
                    if s.equals(key, "hash_ids") {
                        try once(Key.hashIds, "hash_ids")
                        field = "hash_ids"
                        sawIds = true
                        try s.expect(UInt8(ascii: "["), "an array of integers")
                        try s.integerArray(into: ids)
                    } else if s.equals(key, "input_length") {
                        try once(Key.inputLength, "input_length")
                        field = "input_length"
                        guard let v = try s.integer() else { throw error("is null", "input_length") }
                        guard v >= 0, v <= Int32.max else { throw error("must be between 0 and 2^31 - 1 (got \(v))", "input_length") }
                        record.inputLength = Int(v)
                    } else if s.equals(key, "output_length") {
                        try once(Key.outputLength, "output_length")
                        field = "output_length"
                        if let v = try s.integer() {
                            guard v >= 0, v <= Int32.max else { throw error("must be between 0 and 2^31 - 1 (got \(v))", "output_length") }
                            record.outputLength = Int(v)
                        }
                    } else if s.equals(key, "timestamp") {
                        try once(Key.timestamp, "timestamp")
                        field = "timestamp"
                        record.timestamp = try s.number()
                    } else if s.equals(key, "request_type") {
                        try once(Key.requestType, "request_type")
                        field = "request_type"
                        let r = try s.stringRange()
                        record.requestType = s.text(r)
                    } else {
                        for k in otherKeys.buffer {
                            let other = Int(k >> 32) ..< Int(k >> 32) + Int(k & 0xFFFF_FFFF)
                            if s.sameBytes(key, other) { throw error("duplicate key in one JSON object", ByteStream.printable(s.text(key))) }
                        }
                        otherKeys.append(UInt64(key.lowerBound) << 32 | UInt64(key.count))
                        field = nil
                        try s.skipValue()
                    }
                } while s.consume(UInt8(ascii: ","))
                field = nil
                try s.expect(UInt8(ascii: "}"), "',' or '}'")
            }
            s.skipWhitespace()
            if !s.atEnd { throw s.fail("unexpected text after the JSON object") }
        } catch let e as JSONLineScanner.ScanError {
            throw error("bad JSON at column \(e.column): \(e.message)", field)
        }
        guard record.inputLength >= 0 else { throw error("missing", "input_length") }
        guard sawIds else { throw error("missing", "hash_ids") }
        guard ids.count > first else { throw error("is empty", "hash_ids") }
        return record
    }
}
