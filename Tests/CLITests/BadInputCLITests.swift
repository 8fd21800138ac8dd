import Foundation
import KVCacheInput
import Testing
#if canImport(Glibc)
import Glibc
#endif

// Bad inputs through the built `kvcache-sim` (MODEL 9.1, README "Inputs"): one representative
// bad input per reader (mooncake, csv, ids, oracle-general, sessions, bailian), plus standard
// input and compressed inputs. Each must exit 2 with one message on stderr naming the file, the
// line and the field, and nothing on stdout; binary bytes of the input appear in the message as
// hex only, never raw (stderr holds printable UTF-8 text and newlines, nothing else). Uses `run`,
// `makeTempDir`, `binaryPath` and `RunResult` from CLITests.swift.

// MARK: - Helpers (private to this file; `run(_:stdin:)` is InputCommandTests')

private func u(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The byte of stderr that is neither printable UTF-8 text nor a newline, if any: a raw control
/// byte (C0, DEL, C1) or invalid UTF-8.
private func rawByte(in data: Data) -> String? {
    guard let text = String(data: data, encoding: .utf8) else { return "invalid UTF-8" }
    for scalar in text.unicodeScalars where scalar != "\n" {
        if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0) {
            return String(format: "U+%04X", scalar.value)
        }
    }
    return nil
}

/// Checks a failed run: exit status 2, nothing on stdout, one `error: ...` message on stderr that
/// contains `message` (the file, line, field and what is wrong) and no raw byte.
private func expectBadInput(_ r: RunResult, _ message: String, _ what: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(r.status == 2, "\(what): exit \(r.status), stderr: \(r.err)", sourceLocation: sourceLocation)
    #expect(r.stdout.isEmpty, "\(what): stdout: \(r.out)", sourceLocation: sourceLocation)
    #expect(r.err.hasPrefix("error: "), "\(what): stderr: \(r.err)", sourceLocation: sourceLocation)
    #expect(r.err.contains(message), "\(what): stderr: \(r.err.debugDescription)", sourceLocation: sourceLocation)
    #expect(rawByte(in: r.stderr) == nil, "\(what): raw \(rawByte(in: r.stderr) ?? "") in stderr: \(r.err.debugDescription)",
            sourceLocation: sourceLocation)
    #expect(r.err.utf8.count < 1000, "\(what): \(r.err.utf8.count) bytes on stderr", sourceLocation: sourceLocation)
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

private let mooncakeLine = #"{"timestamp": 0, "input_length": 1024, "output_length": 8, "hash_ids": [1, 2]}"#
private let sessionLine = #"{"id": "s1", "block_size": 64, "requests": [{"t": 0.0, "type": "n", "in": 128, "out": 1, "hash_ids": [1, 2]}]}"#
private let bailianLine = #"{"chat_id": 1, "parent_chat_id": -1, "timestamp": 1.5, "input_length": 32, "hash_ids": [1, 2]}"#
/// Binary bytes with NUL, escape sequences, DEL, C1 and invalid UTF-8 in them.
private let garbage: [UInt8] = [0x00, 0x1B, 0x5B, 0x32, 0x4A, 0x07, 0x7F, 0x9B, 0xFF, 0xC3, 0x28, 0x0A, 0x1B, 0x5D, 0x30, 0x3B, 0x07]

/// One bad file per reader: its name, bytes, `--format` (nil: inferred) and what stderr must say
/// after the path.
private let badFiles: [(name: String, bytes: [UInt8], format: String?, message: String)] = [
    ("t.jsonl", u(mooncakeLine + "\n" + #"{"input_length": 512, "hash_ids": [1, 2"#), nil,
     ":2: field 'hash_ids': bad JSON at column 40: expected ',' or ']'"),
    ("t.jsonl", u(mooncakeLine + "\n{\"a\u{1B}[2J\": 1, \"input_length\": 512, \"hash_ids\": [1], \"a\u{1B}[2J\": 2}\n"), "mooncake",
     ":2: field 'a\\x1b[2J': duplicate key in one JSON object"),
    ("t.csv", u("sequence_id,sequence_length\ns1,1024\ns2,1\u{1B}[2J\u{0}\n"), "csv",
     ":3: field 'sequence_length': must be an integer between 1 and 2^31 - 1 (got '1\\x1b[2J\\x00')"),
    ("t.csv", garbage, "csv", ":1: CSV header must name sequence_id and sequence_length (found: \\x00\\x1b[2j\\x07"),
    ("t.ids", u("1\n2\n18446744073709551616\n"), nil, ":3: field 'id': not an integer (column 20: integer out of range; ids are 64-bit, -2^63 to 2^64 - 1)"),
    ("t.ids", garbage, "ids", ":1: field 'id': not an integer (column 1: expected an integer)"),
    ("t.oracleGeneral.bin", record(time: 1, id: 7) + record(time: 2, id: 8) + Array(record(time: 3, id: 9).prefix(13)), nil,
     ": field 'record': truncated record at byte offset 48: the input's size is not a multiple of 24 bytes"),
    ("s.jsonl", u(sessionLine + "\n" + #"{"requests": [{"in": 128, "hash_ids": [1, -1]}]}"# + "\n"), nil,
     ":2: field 'requests[0].hash_ids': element 1: hash id -1 is outside 0 ... 4294967295"),
    ("s.json", u(sessionLine + "\n" + #"{"hash_id_scope": "\u001b[2J", "requests": []}"# + "\n"), "sessions",
     ":2: field 'hash_id_scope': must be 'local' or 'global' (got '\\x1b[2J')"),
    ("b.jsonl", u(bailianLine + "\n" + #"{"chat_id": 2, "parent_chat_id": 18446744073709551615, "input_length": 32, "hash_ids": [1, 2]}"# + "\n"), nil,
     ":2: field 'parent_chat_id': bad JSON at column 54: integer out of range"),
    ("b.jsonl", u(bailianLine + "\n" + #"{"chat_id": 2, "timestamp": 1e303, "input_length": 32, "hash_ids": [1, 2]}"# + "\n"), "bailian",
     ":2: field 'timestamp': out of range in milliseconds"),
]

// MARK: - Tests

@Suite("kvcache-sim bad inputs: exit 2, the place on stderr, nothing on stdout")
struct BadInputCLITests {
    // One bad file per reader, through `simulate` (the default) and one other subcommand each.
    @Test func badFileOfEveryReaderExits2() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let others = ["mrc", "reuse", "fit", "report"]
        for (k, bad) in badFiles.enumerated() {
            let path = dir.appendingPathComponent("\(k)-\(bad.name)").path
            try Data(bad.bytes).write(to: URL(fileURLWithPath: path))
            let format = bad.format.map { ["--format", $0] } ?? []
            let what = "\(bad.name) \(bad.format ?? "inferred")"
            expectBadInput(try run(["--trace", path] + format + ["--capacity-blocks", "5", "--json"]), path + bad.message, what)
            let out = dir.appendingPathComponent("out-\(k)").path
            let sub = others[k % others.count]
            expectBadInput(try run([sub, "--trace", path] + format + ["--out", out]), path + bad.message, "\(sub) \(what)")
            #expect(!FileManager.default.fileExists(atPath: out), "\(sub) \(what): wrote \(out)")
        }
    }

    // Standard input: binary garbage (named by hex), the same forced through a text reader, a bad
    // line, and a gzip stream that holds a bad line or is cut short.
    @Test func badStandardInputExits2() throws {
        let badLine = Data((mooncakeLine + "\n" + #"{"input_length": 9223372036854775808, "hash_ids": [1]}"# + "\n").utf8)
        let packed = try ByteStream.compress(Array(badLine), as: .gzip)
        let long = Data((0 ..< 400).map { _ in mooncakeLine + "\n" }.joined().utf8)
        let cut = Data(try ByteStream.compress(Array(long), as: .zstd).dropLast(7))
        let cases: [(String, Data, [String], String)] = [
            ("binary", Data(garbage), [], "<stdin>: not a trace: starts with bytes 00 1b 5b 32 4a 07 7f 9b ..."),
            ("binary as mooncake", Data(garbage), ["--format", "mooncake"],
             "<stdin>:1: bad JSON at column 1: expected '{' (each line must be one JSON object)"),
            ("binary as sessions", Data(garbage), ["--format", "sessions"], "<stdin>:1: expected a session object, found '\\x0'"),
            ("binary as bailian", Data(garbage), ["--format", "bailian"], "<stdin>:1: bad JSON at column 1: expected '{'"),
            ("a bad line", badLine, [], "<stdin>:2: field 'input_length': bad JSON at column 37: integer out of range"),
            ("gzip with a bad line", Data(packed), [], "<stdin>:2: field 'input_length': bad JSON at column 37: integer out of range"),
            ("zstd cut short", cut, [], "<stdin>: corrupt zstd data: "),
            ("oracle-general cut at 13 bytes", Data(record(time: 1, id: 7) + record(time: 1, id: 7).prefix(13)), ["--format", "oracle-general"],
             "<stdin>: field 'record': truncated record at byte offset 24"),
        ]
        for (what, input, format, message) in cases {
            let r = try run(["simulate", "--trace", "-"] + format + ["--capacity-blocks", "5", "--json"], stdin: input)
            expectBadInput(r, message, what)
        }
    }

    // Compressed files whatever their names: truncated, corrupt, or holding a bad record.
    @Test func badCompressedFilesExit2() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = u((0 ..< 400).map { _ in mooncakeLine + "\n" }.joined())
        var corrupt = try ByteStream.compress(long, as: .gzip)
        corrupt[corrupt.count - 8] ^= 0xFF  // the CRC-32 of the data
        let cases: [(String, [UInt8], String)] = [
            ("cut.jsonl.gz", Array(try ByteStream.compress(long, as: .gzip).dropLast(9)), ": corrupt gzip data: unexpected end of input"),
            ("crc.jsonl.gz", corrupt, ": corrupt gzip data: incorrect data check"),
            ("cut.zst", Array(try ByteStream.compress(long, as: .zstd).prefix(30)), ": corrupt zstd data: "),
            ("bad.csv.zst", try ByteStream.compress(u("sequence_id,sequence_length\ns1,-5\n"), as: .zstd),
             ":2: field 'sequence_length': must be an integer between 1 and 2^31 - 1 (got '-5')"),
            ("empty.gz", try ByteStream.compress([], as: .gzip), ": is empty after gzip decompression"),
        ]
        for (name, bytes, message) in cases {
            let path = dir.appendingPathComponent(name).path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            expectBadInput(try run(["simulate", "--trace", path, "--capacity-blocks", "5", "--json"]), path + message, name)
        }
    }

    // Devices and directories: /dev/null is empty; a directory is a trace only as sessions.
    @Test func devicesAndDirectoriesExit2() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        if FileManager.default.fileExists(atPath: "/dev/null") {
            expectBadInput(try run(["simulate", "--trace", "/dev/null", "--json"]), "/dev/null: is empty", "/dev/null")
            expectBadInput(try run(["simulate", "--trace", "/dev/null", "--format", "ids", "--json"]), "/dev/null: is empty", "/dev/null as ids")
        }
        expectBadInput(try run(["simulate", "--trace", dir.path, "--format", "mooncake", "--json"]),
                       "\(dir.path): is a directory: only a sessions trace can be a directory of files (format mooncake)", "a directory")
        try Data(#"{"requests": 5}"#.utf8).write(to: dir.appendingPathComponent("a.json"))
        expectBadInput(try run(["simulate", "--trace", dir.path, "--format", "sessions", "--json"]),
                       "\(dir.path)/a.json:1: field 'requests': expected an array of request objects, found '5'", "a sessions directory")
    }
}
