import KVCacheCore
/// Alibaba Bailian JSONL (alibaba-edu/qwen-bailian-usagetraces-anon, "KVCache Cache in the
/// Wild", USENIX ATC 2025): one JSON object per line,
///
///     {"chat_id": 159, "parent_chat_id": 55, "timestamp": 61.114, "input_length": 521,
///      "output_length": 132, "type": "text", "turn": 2, "hash_ids": [1089, 1090, ...]}
///
/// - `chat_id` (required, integer >= 0) names the request; `parent_chat_id` (-1 or absent for a
///   root) names the earlier request whose conversation it continues. Both become the trace's
///   lineage (`Trace.parents`, the parent's request index); a parent not seen earlier in the
///   file is a counted `unknown_parent` warning (the request is then a root).
/// - `timestamp` is in **seconds** from the start of the trace; it becomes milliseconds
///   (MODEL 2.1), rounded to the microsecond (the files give at most 3 decimals, so this only
///   removes binary rounding noise).
/// - `input_length` (required), `output_length` as in Mooncake (MODEL 2.2).
/// - `type` (text, search, image, file; newer files also api, thinking, coder) becomes the
///   request-type label; `turn` (integer >= 1) is kept as `Trace.turns`.
/// - `hash_ids` (required, non-empty): the 16-token block ids, as given. A count other than
///   `ceil(input_length / block_size_tokens)` is a counted `block_count_mismatch` warning, so
///   the trace is read at `nativeBlockSizeTokens` and re-blocked (`Trace.reblocked(factor:)`)
///   for larger blocks.
///
/// `null` reads as absent. Unknown keys are ignored; a key given twice in one object (known or
/// not) is an error naming it. Every error names the file, the line and the field. Blank lines are
/// skipped. Same scanner as Mooncake (`JSONLineScanner`): O(bytes), no allocation per line.
public struct BailianReader: TraceReader {
    /// Tokens per block of the published traces (the `blksz_16` in their file names).
    public static let nativeBlockSizeTokens = 16

    /// About one id per 7 bytes, as Mooncake's lines.
    public var bytesPerAccess: Int? { 7 }

    public init() {}

    /// One parsed line, for tests and tools; `read` uses the same parser without building it.
    public struct Record: Equatable, Sendable {
        public var chatId: Int64
        /// -1 for a root.
        public var parentChatId: Int64
        /// Milliseconds (the file gives seconds), nil when absent.
        public var timestampMs: Double?
        public var inputLength: Int
        public var outputLength: Int?
        public var type: String?
        public var turn: Int?
        public var hashIds: [UInt64]
    }

    /// Parses one line (without its newline); errors name `file`, `lineNumber` and the field.
    public static func parse(line: UnsafeBufferPointer<UInt8>, file: String, lineNumber: Int) throws -> Record {
        let ids = RawIdBuffer()
        let f = try parseFields(line, file: file, lineNumber: lineNumber, ids: ids, otherKeys: RawIdBuffer(capacity: 16))
        return Record(chatId: f.chatId, parentChatId: f.parentChatId, timestampMs: f.timestampMs,
                      inputLength: f.inputLength, outputLength: f.outputLength, type: f.type, turn: f.turn,
                      hashIds: Array(ids.buffer))
    }

    /// `parse(line:file:lineNumber:)` over a string, for tests.
    public static func parse(_ line: String, file: String = "line", lineNumber: Int = 1) throws -> Record {
        var text = line
        return try text.withUTF8 { try parse(line: $0, file: file, lineNumber: lineNumber) }
    }

    /// Whether a first line looks like a Bailian record: a JSON object whose top-level keys
    /// include `chat_id` and `parent_chat_id`. The line may be cut short (a file's first bytes):
    /// only the keys before the cut count.
    public static func looksLikeBailian(_ firstLine: UnsafeBufferPointer<UInt8>) -> Bool {
        var s = JSONLineScanner(firstLine)
        var chat = false, parent = false
        do {
            try s.expect(UInt8(ascii: "{"), "'{'")
            repeat {
                let key = try s.stringRange()
                if s.equals(key, "chat_id") { chat = true }
                if s.equals(key, "parent_chat_id") { parent = true }
                if chat && parent { return true }
                try s.expect(UInt8(ascii: ":"), "':'")
                try s.skipValue()
            } while s.consume(UInt8(ascii: ","))
        } catch {
            return chat && parent
        }
        return chat && parent
    }

    public func read(_ input: ByteStream, into builder: inout TraceBuilder, options: ReadOptions) throws {
        let file = input.name
        let ids = RawIdBuffer()
        let otherKeys = RawIdBuffer(capacity: 16)
        let blockSize = builder.trace.blockSizeTokens
        // About one id per 7 bytes and one request per 400 bytes (Bailian lines carry more keys
        // than Mooncake's): reserving avoids regrowing the arrays. Only a regular uncompressed
        // file has a size to go by.
        if let size = input.sizeHint {
            builder.reserve(accesses: builder.trace.accessCount + expectedAccesses(in: input),
                            requests: builder.requestCount + reservation(size / 400))
        }
        try input.forEachLine(maxLineBytes: options.maxLineBytes) { line, lineNumber in
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            try handleLine(&builder, options) { builder in
                let f = try Self.parseFields(line, file: file, lineNumber: lineNumber, ids: ids, otherKeys: otherKeys)
                let expected = (f.inputLength + blockSize - 1) / blockSize
                if expected != ids.count {
                    builder.warn("block_count_mismatch",
                                 "\(file):\(lineNumber): \(ids.count) hash_ids for input_length \(f.inputLength) (expected \(expected))")
                }
                try builder.addRequest(rawIds: ids.buffer, inputLength: f.inputLength, outputLength: f.outputLength,
                                       timestamp: f.timestampMs, requestType: f.type, turn: f.turn,
                                       key: f.chatId, parentKey: f.parentChatId >= 0 ? f.parentChatId : nil,
                                       line: lineNumber)
            }
        }
    }

    struct Fields {
        var chatId: Int64 = -1
        var parentChatId: Int64 = -1
        var timestampMs: Double?
        var inputLength = -1
        var outputLength: Int?
        var type: String?
        var turn: Int?
    }

    /// The known keys, one bit each, to reject a key given twice.
    private static let keys: [(StaticString, String)] = [
        ("chat_id", "chat_id"), ("parent_chat_id", "parent_chat_id"), ("timestamp", "timestamp"),
        ("input_length", "input_length"), ("output_length", "output_length"), ("type", "type"),
        ("turn", "turn"), ("hash_ids", "hash_ids"),
    ]

    /// Parses one line into `Fields` and its ids into `ids` (cleared first). `otherKeys` holds
    /// the byte ranges of the unknown keys seen so far on the line (start and length packed in
    /// one `UInt64`), to find one given twice; it is reused from line to line.
    static func parseFields(_ line: UnsafeBufferPointer<UInt8>, file: String, lineNumber: Int,
                            ids: RawIdBuffer, otherKeys: RawIdBuffer) throws -> Fields {
        var s = JSONLineScanner(line)
        var f = Fields()
        var seen: UInt8 = 0
        var field: String?
        func error(_ message: String, _ field: String?) -> InputError {
            InputError(file: file, line: lineNumber, field: field, message)
        }
        func nonNegative(_ v: Int64, _ name: String) throws -> Int {
            guard v >= 0, v <= Int32.max else { throw error("must be between 0 and 2^31 - 1 (got \(v))", name) }
            return Int(v)
        }
        do {
            ids.removeAll()
            otherKeys.removeAll()
            try s.expect(UInt8(ascii: "{"), "'{' (each line must be one JSON object)")
            if !s.consume(UInt8(ascii: "}")) {
                repeat {
                    field = nil  // between members no field applies
                    let key = try s.stringRange()
                    try s.expect(UInt8(ascii: ":"), "':'")
                    var index = -1
                    for (i, k) in keys.enumerated() where s.equals(key, k.0) { index = i; break }
                    guard index >= 0 else {
                        for k in otherKeys.buffer {
                            let other = Int(k >> 32) ..< Int(k >> 32) + Int(k & 0xFFFF_FFFF)
                            if s.sameBytes(key, other) { throw error("duplicate key in one JSON object", ByteStream.printable(s.text(key))) }
                        }
                        otherKeys.append(UInt64(key.lowerBound) << 32 | UInt64(key.count))
                        field = nil
                        try s.skipValue()
                        continue
                    }
                    let name = keys[index].1
                    field = name
                    guard seen & (1 << index) == 0 else { throw error("duplicate key in one JSON object", name) }
                    seen |= 1 << index
                    switch index {
                    case 0:  // chat_id
                        if let v = try s.integer() {
                            guard v >= 0 else { throw error("must be at least 0 (got \(v))", name) }
                            f.chatId = v
                        }
                    case 1:  // parent_chat_id
                        if let v = try s.integer() {
                            guard v >= -1 else { throw error("must be -1 (a root) or a chat_id (got \(v))", name) }
                            f.parentChatId = v
                        }
                    case 2:  // timestamp, seconds
                        if let v = try s.number() {
                            let ms = (v * 1_000_000).rounded() / 1000
                            guard ms.isFinite else { throw error("out of range in milliseconds (got \(v) s)", name) }
                            f.timestampMs = ms
                        }
                    case 3:  // input_length
                        guard let v = try s.integer() else { throw error("is null", name) }
                        f.inputLength = try nonNegative(v, name)
                    case 4:  // output_length
                        if let v = try s.integer() { f.outputLength = try nonNegative(v, name) }
                    case 5:  // type
                        s.skipWhitespace()
                        if !s.matchLiteral("null") {
                            let r = try s.stringRange()
                            guard !r.isEmpty else { throw error("is empty", name) }
                            f.type = s.text(r)
                        }
                    case 6:  // turn
                        if let v = try s.integer() {
                            guard v >= 1 else { throw error("must be at least 1 (got \(v))", name) }
                            f.turn = Int(clamping: v)
                        }
                    default:  // hash_ids
                        try s.expect(UInt8(ascii: "["), "an array of integers")
                        try s.integerArray(into: ids)
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
        guard f.chatId >= 0 else { throw error("missing", "chat_id") }
        guard f.inputLength >= 0 else { throw error("missing", "input_length") }
        guard seen & (1 << 7) != 0 else { throw error("missing", "hash_ids") }
        guard !ids.isEmpty else { throw error("is empty", "hash_ids") }
        return f
    }
}
