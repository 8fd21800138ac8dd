import Foundation
import KVCacheCore
import KVCacheInput
import Testing
#if canImport(Glibc)
import Glibc
#endif

// A corpus of bad inputs for every trace reader (mooncake, csv, ids, oracle-general, sessions,
// bailian; README "Inputs", MODEL 2, 9.1), each loaded through `TraceLoader` from a file, a named
// pipe, a directory or a device. Every one must end in an `InputError` (never a crash, a hang or
// another error type) that names the file, the line and the field exactly where they apply, says
// what is wrong, and holds no raw control byte (binary shows as hex); the few inputs the README
// accepts (a UTF-8 BOM, CRLF line ends, ids kept by their bit pattern, `-0`, invalid UTF-8 inside
// a JSON string) must load. Skipped on purpose: oracle-general on /dev/zero, a valid endless trace
// (all-zero records) that no reader limit stops.
//
// Cases, per reader: truncated records (mid-JSON, a 24-byte record cut at 13 bytes), malformed
// values, binary garbage, empty and blank-only inputs, huge numbers (above 2^31, 2^63, 2^64, 400
// digits, 1e400), -0, negative lengths and ids, keys given twice, NUL bytes and invalid UTF-8
// inside lines, 10^5 nested '[', a line over `ReadOptions.maxLineBytes` (64 bytes here), gzip and
// zstd streams that are truncated or corrupt, a directory, a named pipe, /dev/null and /dev/zero,
// each with `format` given and, where it says something, inferred.

// MARK: - Helpers (private to this file)

private func makeTempDir() throws -> URL {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("kvcache-bad-input-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

private func u(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Whether `text` holds a raw control character (C0 other than none, DEL, C1): messages must
/// show binary bytes as hex only.
private func hasRawControl(_ text: String) -> Bool {
    text.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }
}

/// What loading a bad input must give.
enum BadOutcome: Sendable {
    /// An `InputError` whose `file` is the input as given (or, with `inner`, that file inside
    /// the directory), with exactly this `line` and `field` (nil: none), and whose message
    /// contains `message`.
    case error(line: Int?, field: String?, message: String, inner: String? = nil)
    /// A trace of this many requests (the README accepts the input).
    case accepted(requests: Int)
}

/// Where a bad input's bytes come from.
enum BadSource: Sendable {
    case file([UInt8])
    /// A named pipe that a background thread writes the bytes into.
    case fifo([UInt8])
    /// A directory holding these files (none: an empty one).
    case directory([String: [UInt8]])
    /// A directory opened as a stream (`ByteStream.open`), not through `TraceLoader.load(path:)`.
    case directoryStream
    case device(String)
}

struct BadInput: Sendable, CustomTestStringConvertible {
    let name: String
    let format: TraceFormat?
    let source: BadSource
    /// The file's name (it can tell the format when `format` is nil).
    var fileName = "input"
    var maxLineBytes = 64 << 20
    let outcome: BadOutcome

    var testDescription: String { "\(format?.rawValue ?? "inferred"): \(name)" }
}

/// A 24-byte oracleGeneral record, little-endian.
private func record(time: UInt32, id: UInt64) -> [UInt8] {
    var bytes: [UInt8] = []
    withUnsafeBytes(of: time.littleEndian) { bytes += $0 }
    withUnsafeBytes(of: id.littleEndian) { bytes += $0 }
    withUnsafeBytes(of: UInt32(4096).littleEndian) { bytes += $0 }
    withUnsafeBytes(of: Int64(-1).littleEndian) { bytes += $0 }
    return bytes
}

// MARK: - The corpus

enum BadInputCorpus {
    static let digits400 = "9" + String(repeating: "0", count: 399)
    static let above64 = "18446744073709551616"     // 2^64
    static let above63 = "9223372036854775808"      // 2^63
    static let above31 = "2147483648"               // 2^31
    static let nested = String(repeating: "[", count: 100_000)
    static let garbage: [UInt8] = [0x00, 0x01, 0xFE, 0x7F, 0x1B, 0x5B, 0x32, 0x4A, 0x07, 0x41, 0x0A, 0xC3, 0x28, 0x9B,
                                   0x00, 0xFF, 0x80, 0x0D, 0x0A, 0x1F, 0x8B, 0x08, 0x42, 0x13, 0x37, 0x00, 0xEF, 0xBB,
                                   0xBF, 0x7B, 0x22, 0x5D, 0x2C, 0x3A, 0x00, 0x01, 0x02]  // 37 bytes

    static let mooncakeGood = #"{"timestamp": 0, "input_length": 1024, "output_length": 8, "hash_ids": [1, 2]}"#
    static let csvHeader = "sequence_id,sequence_length,request_type,timestamp,output_length"
    static let csvGood = csvHeader + "\ns1,1024,chat,0,8"
    static let idsGood = "1\n2"
    static let sessionGood = #"{"id": "s1", "block_size": 64, "hash_id_scope": "local", "requests": [{"t": 0.0, "type": "n", "in": 128, "out": 1, "hash_ids": [1, 2]}]}"#
    static let bailianGood = #"{"chat_id": 1, "parent_chat_id": -1, "timestamp": 1.5, "input_length": 32, "output_length": 4, "type": "text", "turn": 1, "hash_ids": [1, 2]}"#
    static let oracleGood = record(time: 1, id: 7) + record(time: 2, id: 8)

    /// A valid input of each format (two or more requests) and a file name that tells it.
    static func good(_ format: TraceFormat) -> (bytes: [UInt8], name: String) {
        switch format {
        case .mooncake: (u(mooncakeGood + "\n" + mooncakeGood + "\n"), "t.jsonl")
        case .csv: (u(csvGood + "\ns2,512,chat,1,8\n"), "t.csv")
        case .ids: (u(idsGood + "\n"), "t.ids")
        case .oracleGeneral: (oracleGood, "t.oracleGeneral.bin")
        case .sessions: (u(sessionGood + "\n" + sessionGood + "\n"), "s.jsonl")
        case .bailian: (u(bailianGood + "\n" + bailianGood.replacingOccurrences(of: "\"chat_id\": 1,", with: "\"chat_id\": 2,") + "\n"), "b.jsonl")
        }
    }

    /// The first (good) line of a text format; a bad line after it is line 2.
    static func firstLine(_ format: TraceFormat) -> String {
        switch format {
        case .mooncake: mooncakeGood
        case .csv: csvHeader
        case .ids: "1"
        case .sessions: sessionGood
        case .bailian: bailianGood
        case .oracleGeneral: ""
        }
    }

    /// One bad line as line 2 of a file after a good first line (`newline`: the line is ended).
    static func line2(_ format: TraceFormat, _ name: String, _ bad: [UInt8], field: String?, _ message: String,
                      newline: Bool = true) -> BadInput {
        BadInput(name: name, format: format, source: .file(u(firstLine(format) + "\n") + bad + (newline ? [0x0A] : [])),
                 fileName: good(format).name, outcome: .error(line: 2, field: field, message: message))
    }

    static func line2(_ format: TraceFormat, _ name: String, _ bad: String, field: String?, _ message: String,
                      newline: Bool = true) -> BadInput {
        line2(format, name, u(bad), field: field, message, newline: newline)
    }

    static func accepted(_ format: TraceFormat, _ name: String, _ bytes: [UInt8], requests: Int) -> BadInput {
        BadInput(name: name, format: format, source: .file(bytes), fileName: good(format).name, outcome: .accepted(requests: requests))
    }

    // MARK: Mooncake JSONL (MODEL 2.2)

    static var mooncake: [BadInput] {
        let f = TraceFormat.mooncake
        func moon(_ body: String) -> String { "{" + body + "}" }
        var cases = [
            line2(f, "truncated inside hash_ids", #"{"timestamp": 1, "input_length": 1024, "hash_ids": [1, 2"#,
                  field: "hash_ids", "bad JSON at column 57: expected ',' or ']'", newline: false),
            line2(f, "truncated inside a key", #"{"timestamp": 1, "input_le"#, field: nil, "unterminated string", newline: false),
            line2(f, "truncated after a value", #"{"timestamp": 1, "input_length": 1024"#, field: nil, "expected ',' or '}'", newline: false),
            line2(f, "a missing comma names no field", moon(#""input_length": 512, "hash_ids": [1] "x": 1"#),
                  field: nil, "bad JSON at column 39: expected ',' or '}'"),
            line2(f, "string length", moon(#""input_length": "1024", "hash_ids": [1]"#), field: "input_length", "expected an integer"),
            line2(f, "null length", moon(#""input_length": null, "hash_ids": [1]"#), field: "input_length", "is null"),
            line2(f, "missing input_length", moon(#""hash_ids": [1]"#), field: "input_length", "missing"),
            line2(f, "missing hash_ids", moon(#""input_length": 512"#), field: "hash_ids", "missing"),
            line2(f, "empty hash_ids", moon(#""input_length": 512, "hash_ids": []"#), field: "hash_ids", "is empty"),
            line2(f, "hash_ids not an array", moon(#""input_length": 512, "hash_ids": 7"#), field: "hash_ids", "expected an array of integers"),
            line2(f, "a string id", moon(#""input_length": 512, "hash_ids": [1, "2"]"#), field: "hash_ids", "expected an integer"),
            line2(f, "a fractional id", moon(#""input_length": 512, "hash_ids": [1.5]"#), field: "hash_ids", "found a fraction"),
            line2(f, "a null id", moon(#""input_length": 512, "hash_ids": [null]"#), field: "hash_ids", "null in an array of integers"),
            line2(f, "a string timestamp", moon(#""timestamp": "now", "input_length": 512, "hash_ids": [1]"#), field: "timestamp", "expected a number"),
            line2(f, "request_type not a string", moon(#""input_length": 512, "hash_ids": [1], "request_type": 5"#),
                  field: "request_type", "expected a string"),
            line2(f, "not an object", "[1, 2]", field: nil, "expected '{'"),
            line2(f, "text after the object", moon(#""input_length": 512, "hash_ids": [1]"#) + " x", field: nil, "unexpected text after the JSON object"),
            // Huge and negative numbers.
            line2(f, "id of 2^64", moon(#""input_length": 512, "hash_ids": [\#(above64)]"#), field: "hash_ids", "integer out of range"),
            line2(f, "id of 400 digits", moon(#""input_length": 512, "hash_ids": [1, \#(digits400)]"#), field: "hash_ids", "integer out of range"),
            line2(f, "id below -2^63", moon(#""input_length": 512, "hash_ids": [-9223372036854775809]"#), field: "hash_ids", "integer out of range"),
            line2(f, "input_length of 2^31", moon(#""input_length": \#(above31), "hash_ids": [1]"#),
                  field: "input_length", "must be between 0 and 2^31 - 1 (got 2147483648)"),
            line2(f, "input_length of 2^63", moon(#""input_length": \#(above63), "hash_ids": [1]"#), field: "input_length", "integer out of range"),
            line2(f, "input_length of 2^64 - 1", moon(#""input_length": 18446744073709551615, "hash_ids": [1]"#),
                  field: "input_length", "integer out of range"),
            line2(f, "input_length of 400 digits", moon(#""input_length": \#(digits400), "hash_ids": [1]"#), field: "input_length", "integer out of range"),
            line2(f, "input_length 1e400", moon(#""input_length": 1e400, "hash_ids": [1]"#), field: "input_length", "expected an integer"),
            line2(f, "negative input_length", moon(#""input_length": -1, "hash_ids": [1]"#), field: "input_length", "must be between 0 and 2^31 - 1 (got -1)"),
            line2(f, "negative output_length", moon(#""input_length": 1, "output_length": -5, "hash_ids": [1]"#),
                  field: "output_length", "must be between 0 and 2^31 - 1 (got -5)"),
            line2(f, "output_length of 2^63", moon(#""input_length": 1, "output_length": \#(above63), "hash_ids": [1]"#),
                  field: "output_length", "integer out of range"),
            line2(f, "timestamp 1e400", moon(#""timestamp": 1e400, "input_length": 512, "hash_ids": [1]"#), field: "timestamp", "number out of range"),
            line2(f, "timestamp -1e400", moon(#""timestamp": -1e400, "input_length": 512, "hash_ids": [1]"#), field: "timestamp", "number out of range"),
            line2(f, "timestamp of 400 digits", moon(#""timestamp": \#(digits400), "input_length": 512, "hash_ids": [1]"#),
                  field: "timestamp", "number out of range"),
            // Keys given twice.
            line2(f, "hash_ids twice", moon(#""hash_ids": [1], "input_length": 512, "hash_ids": [2]"#), field: "hash_ids", "duplicate key in one JSON object"),
            line2(f, "input_length twice", moon(#""input_length": 512, "hash_ids": [1], "input_length": 512"#),
                  field: "input_length", "duplicate key in one JSON object"),
            line2(f, "an unknown key twice", moon(#""session": 1, "input_length": 512, "hash_ids": [1], "session": 1"#),
                  field: "session", "duplicate key in one JSON object"),
            line2(f, "a control-character key twice (escaped in the message)", moon("\"a\u{1B}[2J\": 1, \"input_length\": 512, \"hash_ids\": [1], \"a\u{1B}[2J\": 1"),
                  field: "a\\x1b[2J", "duplicate key in one JSON object"),
            // NUL bytes, invalid UTF-8, deep nesting.
            line2(f, "NUL between members", u(#"{"input_length": 1024,"#) + [0] + u(#" "hash_ids": [1]}"#), field: nil, "expected a string"),
            line2(f, "NUL inside a number", u(#"{"input_length": 10"#) + [0] + u(#"24, "hash_ids": [1]}"#), field: nil, "expected ',' or '}'"),
            line2(f, "invalid UTF-8 as a value", u(#"{"input_length": "#) + [0xFF, 0xFE] + u(#", "hash_ids": [1]}"#),
                  field: "input_length", "expected an integer"),
            line2(f, "10^5 nested arrays in an unknown key", "{\"x\": " + nested, field: nil, "nesting too deep", newline: false),
            line2(f, "10^5 nested arrays in hash_ids", "{\"hash_ids\": " + nested, field: "hash_ids", "expected an integer", newline: false),
            line2(f, "10^5 nested arrays as the line", nested, field: nil, "expected '{'"),
            // Accepted (README: BOM, CRLF; ids kept by their bit pattern).
            accepted(f, "a UTF-8 BOM", [0xEF, 0xBB, 0xBF] + good(f).bytes, requests: 2),
            accepted(f, "CRLF line ends", u(mooncakeGood + "\r\n" + mooncakeGood + "\r\n"), requests: 2),
            accepted(f, "-0 as a length and an id", u(moon(#""input_length": -0, "hash_ids": [-0]"#)), requests: 1),
            accepted(f, "negative and 2^64 - 1 ids (bit patterns)", u(moon(#""input_length": 1024, "hash_ids": [-1, 18446744073709551615]"#)), requests: 1),
            accepted(f, "invalid UTF-8 inside request_type", u(#"{"input_length": 512, "hash_ids": [1], "request_type": ""#) + [0xFF, 0xC3] + u("\"}"),
                     requests: 1),
        ]
        cases += common(f)
        return cases
    }

    // MARK: CSV (MODEL 2.3)

    static var csv: [BadInput] {
        let f = TraceFormat.csv
        let lengthMessage = "must be an integer between 1 and 2^31 - 1"
        var cases = [
            line2(f, "a row of one field", "s2", field: nil, "expected at least 2 fields, found 1", newline: false),
            line2(f, "truncated inside a quoted field", "\"s2,1024", field: nil, "unterminated quoted field", newline: false),
            line2(f, "a word as the length", "s2,abc", field: "sequence_length", "\(lengthMessage) (got 'abc')"),
            line2(f, "a fractional length", "s2,1.5", field: "sequence_length", "\(lengthMessage) (got '1.5')"),
            line2(f, "a zero length", "s2,0", field: "sequence_length", "\(lengthMessage) (got '0')"),
            line2(f, "-0 as the length", "s2,-0", field: "sequence_length", "\(lengthMessage) (got '-0')"),
            line2(f, "a negative length", "s2,-5", field: "sequence_length", "\(lengthMessage) (got '-5')"),
            line2(f, "a length of 2^31", "s2,\(above31)", field: "sequence_length", "\(lengthMessage) (got '2147483648')"),
            line2(f, "a length of 2^64", "s2,\(above64)", field: "sequence_length", "\(lengthMessage) (got '\(above64)')"),
            line2(f, "a length of 400 digits", "s2,\(digits400)", field: "sequence_length", "\(lengthMessage) (got '9000"),
            line2(f, "a length of 1e400", "s2,1e400", field: "sequence_length", "\(lengthMessage) (got '1e400')"),
            line2(f, "an empty sequence_id", ",1024", field: "sequence_id", "is empty"),
            line2(f, "a word as the timestamp", "s2,1024,chat,now,1", field: "timestamp", "not a finite number: 'now'"),
            line2(f, "timestamp 1e400", "s2,1024,chat,1e400,1", field: "timestamp", "not a finite number: '1e400'"),
            line2(f, "timestamp of 400 digits", "s2,1024,chat,\(digits400),1", field: "timestamp", "not a finite number: '9000"),
            line2(f, "a negative output_length", "s2,1024,chat,1,-1", field: "output_length", "not an integer between 0 and 2^31 - 1: '-1'"),
            line2(f, "output_length of 2^31", "s2,1024,chat,1,\(above31)", field: "output_length", "not an integer between 0 and 2^31 - 1: '2147483648'"),
            line2(f, "a NUL inside the length (escaped in the message)", u("s2,10") + [0] + u("24"), field: "sequence_length",
                  "\(lengthMessage) (got '10\\x0024')"),
            line2(f, "an escape sequence inside the length (escaped in the message)", "s2,1\u{1B}[2J", field: "sequence_length",
                  "\(lengthMessage) (got '1\\x1b[2J')"),
            line2(f, "invalid UTF-8 inside the length", u("s2,1") + [0xFF], field: "sequence_length", lengthMessage),
            line2(f, "10^5 nested arrays as the length", "s2," + nested, field: "sequence_length", "(got '[[[["),
            BadInput(name: "a header without sequence_length", format: f, source: .file(u("sequence_id,length\ns1,5\n")), fileName: "t.csv",
                     outcome: .error(line: 1, field: nil, message: "CSV header must name sequence_id and sequence_length (found: sequence_id,length)")),
            BadInput(name: "10^5 nested arrays as the header (cut in the message)", format: f, source: .file(u(nested + "\n")), fileName: "t.csv",
                     outcome: .error(line: 1, field: nil, message: "CSV header must name sequence_id and sequence_length (found: [[[[")),
            accepted(f, "a UTF-8 BOM", [0xEF, 0xBB, 0xBF] + good(f).bytes, requests: 2),
            accepted(f, "CRLF line ends", u(csvHeader + "\r\ns1,1024,chat,0,8\r\ns2,512,chat,1,8\r\n"), requests: 2),
            accepted(f, "an id above 2^64 (ids are opaque strings)", u("sequence_id,sequence_length\n\(above64),512\n"), requests: 1),
            accepted(f, "invalid UTF-8 inside sequence_id", u("sequence_id,sequence_length\n") + [0xFF, 0xFE] + u(",512\n"), requests: 1),
        ]
        cases += common(f)
        return cases
    }

    // MARK: ids (MODEL 9.1)

    static var ids: [BadInput] {
        let f = TraceFormat.ids
        var cases = [
            line2(f, "a word", "abc", field: "id", "not an integer (column 1: expected an integer)"),
            line2(f, "truncated after the sign", "-", field: "id", "expected an integer", newline: false),
            line2(f, "a fraction", "1.5", field: "id", "not an integer (column 2: found a fraction or an exponent)"),
            line2(f, "1e400", "1e400", field: "id", "found a fraction or an exponent"),
            line2(f, "2^64", above64, field: "id", "integer out of range"),
            line2(f, "400 digits", digits400, field: "id", "integer out of range"),
            line2(f, "below -2^63", "-9223372036854775809", field: "id", "integer out of range"),
            line2(f, "two ids on a line", "1 2", field: "id", "unexpected text after the id"),
            line2(f, "null", "null", field: "id", "not an integer"),
            line2(f, "a NUL inside the id", u("1") + [0] + u("2"), field: "id", "unexpected text after the id"),
            line2(f, "invalid UTF-8", [0xFF, 0xFE], field: "id", "expected an integer"),
            line2(f, "10^5 nested arrays", nested, field: "id", "expected an integer"),
            accepted(f, "a UTF-8 BOM", [0xEF, 0xBB, 0xBF] + good(f).bytes, requests: 2),
            accepted(f, "CRLF line ends", u("1\r\n2\r\n"), requests: 2),
            accepted(f, "-0, -1, 2^63 and 2^64 - 1 (bit patterns)", u("-0\n-1\n\(above63)\n18446744073709551615\n  7  \n"), requests: 5),
        ]
        cases += common(f)
        return cases
    }

    // MARK: oracle-general (MODEL 9.1)

    static var oracle: [BadInput] {
        let f = TraceFormat.oracleGeneral
        let name = "t.oracleGeneral.bin"
        func truncated(_ what: String, _ bytes: [UInt8], offset: Int, format: TraceFormat? = .oracleGeneral, file: String = name) -> BadInput {
            BadInput(name: what, format: format, source: .file(bytes), fileName: file,
                     outcome: .error(line: nil, field: "record", message: "truncated record at byte offset \(offset): the input's size is not a multiple of 24 bytes"))
        }
        var cases = [
            truncated("one record cut at 13 bytes", Array(record(time: 1, id: 7).prefix(13)), offset: 0),
            truncated("two records and one cut at 13 bytes", oracleGood + Array(record(time: 3, id: 9).prefix(13)), offset: 48),
            truncated("37 bytes of garbage", garbage, offset: 24),
            truncated("37 bytes of garbage, inferred from the name", garbage, offset: 24, format: nil),
            truncated("blank text", u("\n \n\n"), offset: 0),
            accepted(f, "every bit set (time 2^32 - 1, id 2^64 - 1)", [UInt8](repeating: 0xFF, count: 24), requests: 1),
            accepted(f, "48 bytes of anything are two records", Array((garbage + garbage).prefix(48)), requests: 2),
        ]
        cases += common(f)
        return cases
    }

    // MARK: sessions (SessionsReader)

    static var sessions: [BadInput] {
        let f = TraceFormat.sessions
        func session(_ requests: String, extra: String = "") -> String { #"{"id": "s2", \#(extra)"requests": [\#(requests)]}"# }
        func request(_ body: String) -> String { session("{" + body + "}") }
        var cases = [
            line2(f, "truncated inside hash_ids", session(#"{"t": 1.0, "in": 128, "hash_ids": [1, 2"#).dropLast(2).description,
                  field: "requests[0].hash_ids", "expected ',' or ']'", newline: false),
            line2(f, "a string for in", request(#""in": "x", "hash_ids": [1, 2]"#), field: "requests[0].in", "expected an integer, found a string"),
            line2(f, "a negative in", request(#""in": -1, "hash_ids": []"#), field: "requests[0].in", "must be between 0 and 2^31 - 1 (got -1)"),
            line2(f, "in of 2^31", request(#""in": \#(above31), "hash_ids": []"#), field: "requests[0].in", "must be between 0 and 2^31 - 1 (got 2147483648)"),
            line2(f, "in of 2^63", request(#""in": \#(above63), "hash_ids": []"#), field: "requests[0].in", "integer out of range"),
            line2(f, "in of 400 digits", request(#""in": \#(digits400), "hash_ids": []"#), field: "requests[0].in", "integer out of range"),
            line2(f, "in 1e400", request(#""in": 1e400, "hash_ids": []"#), field: "requests[0].in", "expected an integer, found '1e400'"),
            line2(f, "a negative hash id", request(#""in": 128, "hash_ids": [1, -1]"#), field: "requests[0].hash_ids",
                  "element 1: hash id -1 is outside 0 ... 4294967295"),
            line2(f, "a hash id of 2^32", request(#""in": 128, "hash_ids": [4294967296]"#), field: "requests[0].hash_ids", "hash id 4294967296 is outside"),
            line2(f, "a hash id of 2^64", request(#""in": 128, "hash_ids": [\#(above64)]"#), field: "requests[0].hash_ids", "integer out of range"),
            line2(f, "t 1e400", request(#""t": 1e400, "in": 0, "hash_ids": []"#), field: "requests[0].t", "number out of range"),
            line2(f, "t of 400 digits", request(#""t": \#(digits400), "in": 0, "hash_ids": []"#), field: "requests[0].t", "number out of range"),
            line2(f, "a string t", request(#""t": "x", "in": 0, "hash_ids": []"#), field: "requests[0].t", "expected a number"),
            line2(f, "missing requests", #"{"id": "s2"}"#, field: "requests", "missing"),
            line2(f, "requests not an array", #"{"requests": 5}"#, field: "requests", "expected an array of request objects, found '5'"),
            line2(f, "a record that is not an object", session("7"), field: "requests[0]", "expected a request object"),
            line2(f, "a record without in", request(#""hash_ids": []"#), field: "requests[0].in", "missing"),
            line2(f, "a record without hash_ids", request(#""in": 0"#), field: "requests[0].hash_ids", "missing"),
            line2(f, "nested requests outside a subagent", request(#""in": 0, "hash_ids": [], "requests": []"#), field: "requests[0].requests",
                  "nested requests in a record whose type is not 'subagent'"),
            line2(f, "another block size", session(#"{"in": 0, "hash_ids": []}"#, extra: #""block_size": 32, "#), field: "block_size",
                  "the session has 32-token blocks"),
            line2(f, "block_size of 2^64", session("", extra: #""block_size": \#(above64), "#), field: "block_size", "integer out of range"),
            line2(f, "an unknown hash_id_scope", session("", extra: #""hash_id_scope": "weird", "#), field: "hash_id_scope", "must be 'local' or 'global' (got 'weird')"),
            line2(f, "a control character in hash_id_scope (escaped)", session("", extra: #""hash_id_scope": "\u001b[2J", "#), field: "hash_id_scope",
                  "(got '\\x1b[2J')"),
            line2(f, "a control character in a key (escaped)", #"{"\u001b[2J": [}"#, field: "\\x1b[2J", "expected a value"),
            line2(f, "requests twice", #"{"requests": [], "requests": []}"#, field: nil, "duplicate key 'requests'"),
            line2(f, "in twice", request(#""in": 0, "in": 0, "hash_ids": []"#), field: "requests[0]", "duplicate key 'in'"),
            line2(f, "an escaped key twice", #"{"a\u001b": 1, "a\u001b": 2, "requests": []}"#, field: nil, "duplicate key 'a\\x1b'"),
            line2(f, "text after the session", session("") + " x", field: nil, "unexpected text after the session object"),
            line2(f, "a NUL as a record", u(#"{"requests": ["#) + [0] + u("]}"), field: "requests[0]", "expected a request object, found '\\x0'"),
            line2(f, "invalid UTF-8 as requests", u(#"{"requests": "#) + [0xFF] + u("}"), field: "requests", "found '\\xff'"),
            line2(f, "10^5 nested arrays in an unknown key", "{\"x\": " + nested, field: "x", "nested deeper than 256 levels", newline: false),
            line2(f, "10^5 nested arrays as the line", nested, field: nil, "expected a session object, found an array"),
            // A document cut short ends at the start of the line after its last newline.
            BadInput(name: "a one-line document truncated", format: f, source: .file(u(String(sessionGood.dropLast(5)) + "\n")), fileName: "s.json",
                     outcome: .error(line: 2, field: "requests[0].hash_ids", message: "found the end of the input) (column 1)")),
            BadInput(name: "a pretty-printed document truncated", format: f,
                     source: .file(u("{\n  \"requests\": [\n    {\"in\": 128,\n     \"hash_ids\": [1,\n")), fileName: "s.json",
                     outcome: .error(line: 5, field: "requests[0].hash_ids", message: "found the end of the input) (column 1)")),
            BadInput(name: "a pretty-printed document with a bad value", format: f,
                     source: .file(u("{\n  \"requests\": [\n    {\"in\": -3,\n     \"hash_ids\": []}]}\n")), fileName: "s.json",
                     outcome: .error(line: 3, field: "requests[0].in", message: "must be between 0 and 2^31 - 1 (got -3)")),
            BadInput(name: "10^5 nested arrays after a truncated first line", format: f, source: .file(u("{\"requests\": \n" + nested + "\n")),
                     fileName: "s.json", outcome: .error(line: 2, field: "requests[0]", message: "expected a request object, found an array")),
            BadInput(name: "a session without requests only", format: f, source: .file(u(#"{"requests": []}"# + "\n")), fileName: "s.json",
                     outcome: .error(line: nil, field: nil, message: "the trace has no requests")),
            accepted(f, "a UTF-8 BOM", [0xEF, 0xBB, 0xBF] + good(f).bytes, requests: 2),
            accepted(f, "CRLF line ends", u(sessionGood + "\r\n" + sessionGood + "\r\n"), requests: 2),
            accepted(f, "a CRLF pretty-printed document", u("{\r\n \"requests\": [\r\n  {\"in\": 128, \"hash_ids\": [1, 2]}\r\n ]\r\n}\r\n"), requests: 1),
            accepted(f, "-0 as in and t", u(request(#""t": -0, "in": -0, "hash_ids": []"#)), requests: 1),
            accepted(f, "invalid UTF-8 inside a string", u(#"{"id": ""#) + [0xFF, 0xC3] + u(#"", "requests": [{"in": 64, "hash_ids": [1]}]}"#), requests: 1),
        ]
        cases += common(f)
        return cases
    }

    // MARK: Bailian JSONL (BailianReader)

    static var bailian: [BadInput] {
        let f = TraceFormat.bailian
        func rec(_ body: String) -> String { #"{"chat_id": 2, "#  + body + "}" }
        let ids = #""input_length": 32, "hash_ids": [1, 2]"#
        var cases = [
            line2(f, "truncated inside hash_ids", rec(#""input_length": 32, "hash_ids": [1, 2"#).dropLast().description,
                  field: "hash_ids", "expected ',' or ']'", newline: false),
            line2(f, "a missing comma names no field", rec(#""input_length": 32, "hash_ids": [1] "turn": 1"#), field: nil, "expected ',' or '}'"),
            line2(f, "missing chat_id", "{" + ids + "}", field: "chat_id", "missing"),
            line2(f, "a negative chat_id", #"{"chat_id": -1, "# + ids + "}", field: "chat_id", "must be at least 0 (got -1)"),
            line2(f, "a string chat_id", #"{"chat_id": "x", "# + ids + "}", field: "chat_id", "expected an integer"),
            line2(f, "chat_id of 2^63", #"{"chat_id": \#(above63), "# + ids + "}", field: "chat_id", "integer out of range"),
            line2(f, "chat_id of 2^64", #"{"chat_id": \#(above64), "# + ids + "}", field: "chat_id", "integer out of range"),
            line2(f, "parent_chat_id -2", rec(#""parent_chat_id": -2, "# + ids), field: "parent_chat_id", "must be -1 (a root) or a chat_id (got -2)"),
            line2(f, "parent_chat_id 2^64 - 1 (not -1)", rec(#""parent_chat_id": 18446744073709551615, "# + ids), field: "parent_chat_id", "integer out of range"),
            line2(f, "timestamp 1e303 (infinite in ms)", rec(#""timestamp": 1e303, "# + ids), field: "timestamp", "out of range in milliseconds"),
            line2(f, "timestamp 1e400", rec(#""timestamp": 1e400, "# + ids), field: "timestamp", "number out of range"),
            line2(f, "timestamp of 400 digits", rec(#""timestamp": \#(digits400), "# + ids), field: "timestamp", "number out of range"),
            line2(f, "input_length of 2^31", rec(#""input_length": \#(above31), "hash_ids": [1]"#), field: "input_length",
                  "must be between 0 and 2^31 - 1 (got 2147483648)"),
            line2(f, "input_length of 2^63", rec(#""input_length": \#(above63), "hash_ids": [1]"#), field: "input_length", "integer out of range"),
            line2(f, "a negative input_length", rec(#""input_length": -1, "hash_ids": [1]"#), field: "input_length", "must be between 0 and 2^31 - 1 (got -1)"),
            line2(f, "a null input_length", rec(#""input_length": null, "hash_ids": [1]"#), field: "input_length", "is null"),
            line2(f, "missing input_length", rec(#""hash_ids": [1]"#), field: "input_length", "missing"),
            line2(f, "a negative output_length", rec(#""output_length": -1, "# + ids), field: "output_length", "must be between 0 and 2^31 - 1 (got -1)"),
            line2(f, "turn 0", rec(#""turn": 0, "# + ids), field: "turn", "must be at least 1 (got 0)"),
            line2(f, "turn 2^64", rec(#""turn": \#(above64), "# + ids), field: "turn", "integer out of range"),
            line2(f, "an empty type", rec(#""type": "", "# + ids), field: "type", "is empty"),
            line2(f, "a number as type", rec(#""type": 5, "# + ids), field: "type", "expected a string"),
            line2(f, "empty hash_ids", rec(#""input_length": 32, "hash_ids": []"#), field: "hash_ids", "is empty"),
            line2(f, "missing hash_ids", rec(#""input_length": 32"#), field: "hash_ids", "missing"),
            line2(f, "a hash id of 2^64", rec(#""input_length": 32, "hash_ids": [\#(above64)]"#), field: "hash_ids", "integer out of range"),
            line2(f, "chat_id twice", rec(#""chat_id": 3, "# + ids), field: "chat_id", "duplicate key in one JSON object"),
            line2(f, "an unknown key twice", rec(#""x": 1, "x": 2, "# + ids), field: "x", "duplicate key in one JSON object"),
            line2(f, "NUL between members", u(#"{"chat_id": 2,"#) + [0] + u(" " + ids + "}"), field: nil, "expected a string"),
            line2(f, "invalid UTF-8 as a value", u(#"{"chat_id": "#) + [0xC3, 0x28] + u(", " + ids + "}"), field: "chat_id", "expected an integer"),
            line2(f, "10^5 nested arrays in an unknown key", rec("\"x\": " + nested), field: nil, "nesting too deep"),
            line2(f, "10^5 nested arrays as the line", nested, field: nil, "expected '{'"),
            accepted(f, "a UTF-8 BOM", [0xEF, 0xBB, 0xBF] + good(f).bytes, requests: 2),
            accepted(f, "CRLF line ends", u(bailianGood + "\r\n" + bailianGood + "\r\n"), requests: 2),
            accepted(f, "-0, negative ids, an unknown parent", u(rec(#""parent_chat_id": 99, "input_length": -0, "hash_ids": [-1, -0]"#)), requests: 1),
            accepted(f, "invalid UTF-8 inside type", u(#"{"chat_id": 2, "type": ""#) + [0xFF] + u("\", " + ids + "}"), requests: 1),
        ]
        cases += common(f)
        return cases
    }

    // MARK: Cases every reader shares

    /// Empty, blank-only and binary inputs, a long line, compressed streams truncated or
    /// corrupt, a pipe, a directory, /dev/null and /dev/zero; with the format given.
    static func common(_ f: TraceFormat) -> [BadInput] {
        let name = good(f).name
        var cases: [BadInput] = [
            BadInput(name: "empty", format: f, source: .file([]), fileName: name, outcome: .error(line: nil, field: nil, message: "is empty")),
            BadInput(name: "/dev/null", format: f, source: .device("/dev/null"), outcome: .error(line: nil, field: nil, message: "is empty")),
            BadInput(name: "an empty gzip stream", format: f, source: .file(gzip([])), fileName: name + ".gz",
                     outcome: .error(line: nil, field: nil, message: "is empty after gzip decompression")),
            BadInput(name: "a directory", format: f, source: .directory([:]), outcome: f == .sessions
                ? .error(line: nil, field: nil, message: "no session files in the directory")
                : .error(line: nil, field: nil, message: "is a directory: only a sessions trace can be a directory of files (format \(f.rawValue))")),
            BadInput(name: "a directory opened as a stream", format: f, source: .directoryStream,
                     outcome: .error(line: nil, field: nil, message: "is a directory")),
        ]
        for (compression, label) in [(ByteStream.Compression.gzip, "gzip"), (.zstd, "zstd")] {
            let packed = compress(big(f), compression)
            let ext = compression == .gzip ? ".gz" : ".zst"
            cases.append(BadInput(name: "a truncated \(label) stream", format: f, source: .file(Array(packed.prefix(packed.count / 2))),
                                  fileName: name + ext, outcome: .error(line: nil, field: nil, message: "corrupt \(label) data: ")))
            cases.append(BadInput(name: "a \(label) stream cut at its last byte", format: f, source: .file(Array(packed.dropLast())),
                                  fileName: name + ext, outcome: .error(line: nil, field: nil, message: "corrupt \(label) data: ")))
            cases.append(BadInput(name: "a corrupt \(label) stream", format: f, source: .file(corrupt(packed, compression)),
                                  fileName: name + ext, outcome: .error(line: nil, field: nil, message: "corrupt \(label) data: ")))
        }
        guard f != .oracleGeneral else {
            // Binary records: every byte is data, and /dev/zero is a valid endless trace (skipped).
            cases.append(BadInput(name: "a pipe with a record cut at 13 bytes", format: f,
                                  source: .fifo(oracleGood + Array(record(time: 3, id: 9).prefix(13))),
                                  outcome: .error(line: nil, field: "record", message: "truncated record at byte offset 48")))
            cases.append(BadInput(name: "a gzip pipe with a record cut at 13 bytes", format: f,
                                  source: .fifo(gzip(oracleGood + Array(record(time: 3, id: 9).prefix(13)))),
                                  outcome: .error(line: nil, field: "record", message: "truncated record at byte offset 48")))
            return cases
        }
        let first = firstLine(f)
        let blankOutcome: BadOutcome = switch f {
        case .csv: .error(line: nil, field: nil, message: "empty CSV: a header row with sequence_id,sequence_length is required")
        default: .error(line: nil, field: nil, message: "the trace has no requests")
        }
        let garbageOutcome: BadOutcome = switch f {
        case .mooncake, .bailian: .error(line: 1, field: nil, message: "bad JSON at column 1: expected '{' (each line must be one JSON object)")
        case .csv: .error(line: 1, field: nil, message: "CSV header must name sequence_id and sequence_length (found: \\x00\\x01")
        case .ids: .error(line: 1, field: "id", message: "not an integer (column 1: expected an integer)")
        case .sessions: .error(line: 1, field: nil, message: "expected a session object, found '\\x0'")
        case .oracleGeneral: .accepted(requests: 0)
        }
        let truncatedLine: [UInt8] = u(first + "\n" + String(first.dropLast(5)))
        let truncatedOutcome: BadOutcome = switch f {
        case .mooncake, .bailian: .error(line: 2, field: "hash_ids", message: "expected ',' or ']'")
        case .sessions: .error(line: 2, field: "requests[0].hash_ids", message: "expected an integer, found the end of the input")
        case .csv: .error(line: 2, field: nil, message: "expected at least 2 fields, found 1")
        case .ids: .error(line: 2, field: "id", message: "not an integer (column 1: expected an integer)")
        case .oracleGeneral: .accepted(requests: 0)
        }
        let truncatedBytes = f == .csv ? u(csvHeader + "\nsequence") : f == .ids ? u("1\nx") : truncatedLine
        cases += [
            BadInput(name: "blank lines only", format: f, source: .file(u("\n  \n\t\n\r\n")), fileName: name, outcome: blankOutcome),
            BadInput(name: "binary garbage", format: f, source: .file(garbage), fileName: name, outcome: garbageOutcome),
            BadInput(name: "truncated mid-record", format: f, source: .file(truncatedBytes), fileName: name, outcome: truncatedOutcome),
            BadInput(name: "a pipe, truncated mid-record", format: f, source: .fifo(truncatedBytes), outcome: truncatedOutcome),
            BadInput(name: "a zstd pipe, truncated mid-record", format: f, source: .fifo(compress(truncatedBytes, .zstd)), outcome: truncatedOutcome),
            BadInput(name: "a pipe of blank lines", format: f, source: .fifo(u("\n\n")), outcome: blankOutcome),
            // ids are scanned byte by byte with no line buffer: the content fails first.
            BadInput(name: "a line over maxLineBytes", format: f, source: .file(u("\n" + String(repeating: "1", count: 65) + "\n")),
                     fileName: name, maxLineBytes: 64,
                     outcome: f == .ids ? .error(line: 2, field: "id", message: "not an integer (column 21: integer out of range")
                         : .error(line: 2, field: nil, message: "line longer than 64 bytes")),
            BadInput(name: "a gzip line over maxLineBytes", format: f, source: .file(gzip(u("\n\n" + String(repeating: "{", count: 200)))),
                     fileName: name + ".gz", maxLineBytes: 64,
                     outcome: f == .ids ? .error(line: 3, field: "id", message: "not an integer (column 1: expected an integer)")
                         : .error(line: 3, field: nil, message: "line longer than 64 bytes")),
            BadInput(name: "/dev/zero", format: f, source: .device("/dev/zero"), maxLineBytes: 4096,
                     outcome: f == .ids ? .error(line: 1, field: "id", message: "not an integer (column 1: expected an integer)")
                         : .error(line: 1, field: nil, message: "line longer than 4 KiB")),
        ]
        if f == .sessions {
            // A bad file inside a directory of sessions is named itself.
            cases.append(BadInput(name: "a directory holding a bad file", format: f,
                                  source: .directory(["a.json": u(sessionGood + "\n"), "b.json": u(#"{"requests": 5}"#)]),
                                  outcome: .error(line: 1, field: "requests", message: "expected an array of request objects", inner: "b.json")))
            cases.append(BadInput(name: "/dev/zero under the default 64 MiB line limit", format: f, source: .device("/dev/zero"),
                                  outcome: .error(line: 1, field: nil, message: "line longer than 64 MiB")))
        }
        return cases
    }

    // MARK: Inferred formats (no `format`)

    static var inferred: [BadInput] {
        [
            BadInput(name: "empty", format: nil, source: .file([]), outcome: .error(line: nil, field: nil, message: "is empty")),
            BadInput(name: "/dev/null", format: nil, source: .device("/dev/null"), outcome: .error(line: nil, field: nil, message: "is empty")),
            BadInput(name: "/dev/zero", format: nil, source: .device("/dev/zero"),
                     outcome: .error(line: nil, field: nil, message: "not a trace: starts with bytes 00 00 00 00 00 00 00 00 ...")),
            BadInput(name: "blank lines only", format: nil, source: .file(u("\n  \n\t\n")),
                     outcome: .error(line: nil, field: nil, message: "has only blank lines: cannot infer its format (pass --format)")),
            BadInput(name: "binary garbage", format: nil, source: .file(garbage),
                     outcome: .error(line: nil, field: nil, message: "not a trace: starts with bytes 00 01 fe 7f 1b 5b 32 4a ... (binary data;")),
            BadInput(name: "binary garbage named .jsonl", format: nil, source: .file(garbage), fileName: "t.jsonl",
                     outcome: .error(line: nil, field: nil, message: "not a trace: starts with bytes 00 01 fe 7f")),
            BadInput(name: "a NUL on line 2", format: nil, source: .file(u(mooncakeGood + "\n{") + [0] + u("}\n")), fileName: "t.jsonl",
                     outcome: .error(line: nil, field: nil, message: "not a trace: starts with bytes 7b 22 74 69")),
            BadInput(name: "gzip inside gzip", format: nil, source: .file(gzip(gzip(u(mooncakeGood)))),
                     outcome: .error(line: nil, field: nil, message: "not a trace: starts with bytes 1f 8b 08 00")),
            BadInput(name: "10^5 nested arrays", format: nil, source: .file(u(nested)),
                     outcome: .error(line: nil, field: nil, message: "cannot infer the trace format from its name or first bytes")),
            BadInput(name: "an empty directory (a sessions directory)", format: nil, source: .directory([:]),
                     outcome: .error(line: nil, field: nil, message: "no session files in the directory")),
            BadInput(name: "a pipe of binary garbage", format: nil, source: .fifo(garbage),
                     outcome: .error(line: nil, field: nil, message: "not a trace: starts with bytes 00 01 fe 7f")),
            BadInput(name: "a gzip pipe truncated", format: nil, source: .fifo(Array(gzip(big(.mooncake)).dropLast(9))),
                     outcome: .error(line: nil, field: nil, message: "corrupt gzip data: ")),
            BadInput(name: "a truncated mooncake line", format: nil, source: .file(u(mooncakeGood + "\n" + mooncakeGood.dropLast(5))),
                     outcome: .error(line: 2, field: "hash_ids", message: "expected ',' or ']'")),
            BadInput(name: "a truncated bailian line", format: nil, source: .file(u(bailianGood + "\n" + bailianGood.dropLast(5))),
                     outcome: .error(line: 2, field: "hash_ids", message: "expected ',' or ']'")),
            BadInput(name: "a truncated session", format: nil, source: .file(u(sessionGood + "\n" + sessionGood.dropLast(5))),
                     outcome: .error(line: 2, field: "requests[0].hash_ids", message: "expected an integer, found the end of the input")),
            BadInput(name: "a bad CSV row", format: nil, source: .file(u(csvHeader + "\ns1,-4\n")),
                     outcome: .error(line: 2, field: "sequence_length", message: "must be an integer between 1 and 2^31 - 1 (got '-4')")),
            BadInput(name: "a bad id", format: nil, source: .file(u("1\n2x\n")),
                     outcome: .error(line: 2, field: "id", message: "unexpected text after the id")),
            BadInput(name: "a BOM then a mooncake line", format: nil, source: .file([0xEF, 0xBB, 0xBF] + u(mooncakeGood + "\r\n")),
                     outcome: .accepted(requests: 1)),
        ]
    }

    static let cases: [BadInput] = mooncake + csv + ids + oracle + sessions + bailian + inferred

    // MARK: Inputs

    /// A valid input of the format, repeated so that compression has something to squeeze.
    static func big(_ f: TraceFormat) -> [UInt8] {
        let one = good(f).bytes
        var out = f == .csv ? u(csvHeader + "\n") : []
        let body = f == .csv ? Array(one.drop { $0 != 0x0A }.dropFirst()) : one
        for _ in 0 ..< 40 { out += body }
        return out
    }

    static func gzip(_ bytes: [UInt8]) -> [UInt8] { compress(bytes, .gzip) }

    static func compress(_ bytes: [UInt8], _ compression: ByteStream.Compression) -> [UInt8] {
        // Compression of bytes in memory only fails on a broken library: the corpus would show it.
        (try? ByteStream.compress(bytes, as: compression)) ?? []
    }

    /// `packed` with a deterministic corruption the decoder detects: gzip with a wrong CRC-32
    /// (the data decodes, the trailer does not match); zstd with a reserved bit set in its frame
    /// header descriptor.
    static func corrupt(_ packed: [UInt8], _ compression: ByteStream.Compression) -> [UInt8] {
        var bytes = packed
        switch compression {
        case .gzip: bytes[bytes.count - 8] ^= 0xFF
        case .zstd: bytes[4] |= 0x08
        case .none: break
        }
        return bytes
    }
}

// MARK: - Tests

@Suite("Bad inputs: every reader ends in an InputError naming the file, line and field")
struct BadInputCorpusTests {
    @Test(arguments: BadInputCorpus.cases)
    func badInput(_ c: BadInput) throws {
        signal(SIGPIPE, SIG_IGN)  // a reader that stops early must not kill the process through a pipe's writer
        let start = Date()
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var path = dir.appendingPathComponent(c.fileName).path
        var writer: FifoWriter?
        switch c.source {
        case .file(let bytes):
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        case .fifo(let bytes):
            #expect(mkfifo(path, 0o600) == 0)
            writer = FifoWriter(path: path, bytes: bytes)
        case .directory(let files):
            path = dir.appendingPathComponent("traces").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            for (name, bytes) in files { try Data(bytes).write(to: URL(fileURLWithPath: path + "/" + name)) }
        case .directoryStream:
            path = dir.path
        case .device(let device):
            guard FileManager.default.fileExists(atPath: device) else { return }
            path = device
        }
        let options = ReadOptions(maxLineBytes: c.maxLineBytes)
        let result: Result<Trace, any Error>
        do {
            if case .directoryStream = c.source {
                result = .success(try TraceLoader.load(try ByteStream.open(path), format: c.format, blockSizeTokens: 512, options: options))
            } else {
                result = .success(try TraceLoader.load(path: path, format: c.format, blockSizeTokens: 512, options: options))
            }
        } catch {
            result = .failure(error)
        }
        writer?.finish()
        switch (c.outcome, result) {
        case (.accepted(let requests), .success(let trace)):
            #expect(trace.requestCount == requests)
        case (.accepted, .failure(let error)):
            Issue.record("expected a trace, got \(type(of: error)): \(error)")
        case (.error, .success(let trace)):
            Issue.record("expected an InputError, got a trace of \(trace.requestCount) requests")
        case (.error(let line, let field, let message, let inner), .failure(let error)):
            guard let e = error as? InputError else {
                Issue.record("expected an InputError, got \(type(of: error)): \(error)")
                return
            }
            #expect(e.file == (inner.map { path + "/" + $0 } ?? path), "\(e)")
            #expect(e.line == line, "\(e)")
            #expect(e.field == field, "\(e)")
            #expect(e.message.contains(message), "\(e)")
            #expect(!hasRawControl(e.description), "raw control bytes in: \(e.description.debugDescription)")
            #expect(e.description.utf8.count < 600, "a message of \(e.description.utf8.count) bytes")
        }
        #expect(Date().timeIntervalSince(start) < 20, "took \(Date().timeIntervalSince(start)) s")
        if case .device = c.source {
            // An endless device never costs more than a line's worth: the process's peak stays
            // far below gigabytes (ru_maxrss is in KiB on Linux).
            var usage = rusage()
            #expect(getrusage(RUSAGE_SELF.rawValue, &usage) == 0)
            #expect(usage.ru_maxrss < 2 << 20, "peak resident memory \(usage.ru_maxrss) KiB")
        }
    }

    // The corpus covers every reader and every kind of bad input it names.
    @Test func corpusCoversEveryReader() {
        let formats = Set(BadInputCorpus.cases.compactMap(\.format))
        #expect(formats == Set(TraceFormat.allCases))
        #expect(BadInputCorpus.cases.count >= 300)
        let names = Set(BadInputCorpus.cases.map(\.testDescription))
        #expect(names.count == BadInputCorpus.cases.count, "two cases share a name")
    }
}

/// Writes bytes into a named pipe from a background thread (the reader opens the other end).
private final class FifoWriter: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let path: String

    init(path: String, bytes: [UInt8]) {
        self.path = path
        let done = self.done
        let thread = Thread {
            let fd = open(path, O_WRONLY)
            if fd >= 0 {
                bytes.withUnsafeBytes { raw in
                    var offset = 0
                    while offset < raw.count {
                        let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                        if n <= 0 { break }  // EPIPE: the reader stopped early
                        offset += n
                    }
                }
                close(fd)
            }
            done.signal()
        }
        thread.start()
    }

    /// Waits for the writer; if the reader never opened the pipe, opens it to release the writer.
    func finish() {
        if done.wait(timeout: .now() + 5) == .success { return }
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        _ = done.wait(timeout: .now() + 5)
        if fd >= 0 { close(fd) }
        Issue.record("the pipe's writer was still waiting after the reader finished")
    }
}
