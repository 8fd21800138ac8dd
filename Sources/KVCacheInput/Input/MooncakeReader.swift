import KVCacheCore
/// Mooncake JSONL (MODEL 2.2): one JSON object per line with `timestamp` (ms),
/// `input_length`, `output_length` and `hash_ids`; an optional `request_type` string is kept as
/// the request's label. The ids are `hash_ids` as given. Errors: bad JSON, `input_length`
/// missing or negative, `hash_ids` missing or empty, a non-integer id. A `hash_ids` count that
/// differs from `ceil(input_length / block_size_tokens)` is a counted `block_count_mismatch`
/// warning. Blank lines are skipped. Unknown keys are ignored.
///
/// A hand-written byte scanner (`JSONLineScanner`), no Foundation decoding, no allocation per
/// line: O(bytes).
public struct MooncakeReader: TraceReader {
    public let path: String

    public init(path: String) { self.path = path }

    public func read(into builder: inout TraceBuilder, options: ReadOptions) throws {
        let ids = RawIdBuffer()
        let blockSize = builder.trace.blockSizeTokens
        // About one id per 7 bytes and one request per 150 bytes in real traces: reserving up
        // front avoids regrowing the arrays (untouched reserved pages cost no memory).
        let size = FileChunks(path: path).fileSize
        builder.reserve(accesses: builder.trace.accessCount + size / 7, requests: builder.requestCount + size / 150)
        try FileChunks(path: path).forEachLine { line, lineNumber in
            if line.isEmpty || (line[0] != UInt8(ascii: "{") && line.allSatisfy({ $0 == 0x20 || $0 == 0x09 })) { return }
            try handleLine(&builder, options) { builder in
                let record = try parse(line, lineNumber: lineNumber, ids: ids)
                let expected = (record.inputLength + blockSize - 1) / blockSize
                if expected != ids.count {
                    builder.warn("block_count_mismatch",
                                 "\(path):\(lineNumber): \(ids.count) hash_ids for input_length \(record.inputLength) (expected \(expected))")
                }
                try builder.addRequest(rawIds: ids.buffer, inputLength: record.inputLength, outputLength: record.outputLength,
                                       timestamp: record.timestamp, requestType: record.requestType, line: lineNumber)
            }
        }
    }

    private struct Record {
        var inputLength = -1
        var outputLength: Int?
        var timestamp: Double?
        var requestType: String?
    }

    private func parse(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int, ids: RawIdBuffer) throws -> Record {
        var s = JSONLineScanner(line)
        var record = Record()
        var sawIds = false
        var field: String?
        func error(_ message: String, _ field: String? = nil) -> InputError {
            InputError(file: path, line: lineNumber, field: field, message)
        }
        do {
            ids.removeAll()
            try s.expect(UInt8(ascii: "{"), "'{' (each line must be one JSON object)")
            if !s.consume(UInt8(ascii: "}")) {
                repeat {
                    let key = try s.stringRange()
                    try s.expect(UInt8(ascii: ":"), "':'")
                    if s.equals(key, "hash_ids") {
                        field = "hash_ids"
                        sawIds = true
                        try s.expect(UInt8(ascii: "["), "an array of integers")
                        try s.integerArray(into: ids)
                    } else if s.equals(key, "input_length") {
                        field = "input_length"
                        guard let v = try s.integer() else { throw error("is null", "input_length") }
                        guard v >= 0, v <= Int32.max else { throw error("must be between 0 and 2^31 - 1 (got \(v))", "input_length") }
                        record.inputLength = Int(v)
                    } else if s.equals(key, "output_length") {
                        field = "output_length"
                        if let v = try s.integer() {
                            guard v >= 0, v <= Int32.max else { throw error("must be between 0 and 2^31 - 1 (got \(v))", "output_length") }
                            record.outputLength = Int(v)
                        }
                    } else if s.equals(key, "timestamp") {
                        field = "timestamp"
                        record.timestamp = try s.number()
                    } else if s.equals(key, "request_type") {
                        field = "request_type"
                        let r = try s.stringRange()
                        record.requestType = s.text(r)
                    } else {
                        field = nil
                        try s.skipValue()
                    }
                } while s.consume(UInt8(ascii: ","))
                try s.expect(UInt8(ascii: "}"), "',' or '}'")
            }
            s.skipWhitespace()
            if !s.atEnd { throw s.fail("unexpected text after the JSON object") }
        } catch let e as JSONLineScanner.ScanError {
            throw error("bad JSON at column \(e.column): \(e.message)", field)
        }
        guard record.inputLength >= 0 else { throw error("missing", "input_length") }
        guard sawIds else { throw error("missing", "hash_ids") }
        guard !ids.isEmpty else { throw error("is empty", "hash_ids") }
        return record
    }
}
