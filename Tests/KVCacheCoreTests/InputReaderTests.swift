import Foundation
import KVCacheCore
@testable import KVCacheInput
import KVCacheTestSupport
import Testing

// Trace readers (MODEL 2.1-2.3, 9.1): Mooncake JSONL, CSV of sequences, `ids`, libCacheSim's
// oracleGeneral, format inference, line reassembly across read chunks and the block interner.
// Every input is a small deterministic file written to a fresh temporary folder.

// MARK: - Helpers (private to this file; Tests/KVCacheTestSupport belongs to someone else)

/// A fresh folder under the system's temporary directory.
private func makeTempDir() throws -> URL {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("kvcache-input-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// Writes `bytes` to a new file called `name` in a fresh temporary folder; returns its path.
private func writeTemp(_ name: String, bytes: [UInt8]) throws -> String {
    let url = try makeTempDir().appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}

private func writeTemp(_ name: String, _ text: String) throws -> String {
    try writeTemp(name, bytes: Array(text.utf8))
}

/// Loads `text` written to a temporary file named `name`.
private func load(_ text: String, name: String = "trace.jsonl", format: TraceFormat? = nil,
                  blockSize: Int = 512, skipBadLines: Bool = false) throws -> Trace {
    let path = try writeTemp(name, text)
    return try TraceLoader.load(path: path, format: format, blockSizeTokens: blockSize,
                                options: ReadOptions(skipBadLines: skipBadLines))
}

/// The dense block ids of every request, in file order.
private func requests(_ t: Trace) -> [[Int32]] {
    (0 ..< t.requestCount).map { r in Array(t.blockIds[t.blockRange(of: r)]) }
}


/// A 24-byte oracleGeneral record, little-endian (MODEL 9.1).
private func oracleRecord(time: UInt32, id: UInt64, size: UInt32 = 4096, next: Int64 = -1) -> [UInt8] {
    var bytes: [UInt8] = []
    withUnsafeBytes(of: time.littleEndian) { bytes += $0 }
    withUnsafeBytes(of: id.littleEndian) { bytes += $0 }
    withUnsafeBytes(of: size.littleEndian) { bytes += $0 }
    withUnsafeBytes(of: next.littleEndian) { bytes += $0 }
    return bytes
}

/// SplitMix64: a tiny deterministic generator so random tests repeat exactly.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

// MARK: - Mooncake JSONL

/// Groups the reader suites, so `swift test --filter InputReaderTests` runs them all.
@Suite struct InputReaderTests {}

extension InputReaderTests {
    @Suite("Mooncake JSONL reader")
    struct MooncakeReaderTests {
        // MODEL 2.2: ids are hash_ids as given; dense ids in order of first appearance (Trace doc).
        @Test func readsRequestsAccessesAndDenseIds() throws {
            let text = """
            {"timestamp": 0, "input_length": 1500, "output_length": 10, "hash_ids": [10, 20, 30]}
            {"timestamp": 5.5, "input_length": 2048, "output_length": 20, "hash_ids": [10, 20, 40, 50]}
            {"timestamp": 7, "input_length": 100, "output_length": 0, "hash_ids": [99]}

            """
            let t = try load(text)
            #expect(t.requestCount == 3)
            #expect(t.accessCount == 8)
            #expect(t.uniqueBlocks == 6)
            #expect(requests(t) == [[0, 1, 2], [0, 1, 3, 4], [5]])
            #expect(t.inputLengths == [1500, 2048, 100])
            #expect(t.outputLengths == [10, 20, 0])
            #expect(t.hasOutputLengths)
            #expect(t.timestamps == [0, 5.5, 7])
            #expect(t.warnings.isEmpty)
            #expect(t.requestTypeNames == ["prefill"])  // MODEL 2.1: default label
        }

        // MODEL 2.1: request_type is kept as the request's label, in order of first appearance.
        @Test func keepsRequestTypeLabels() throws {
            let text = """
            {"input_length": 512, "hash_ids": [1], "request_type": "chat"}
            {"input_length": 512, "hash_ids": [2]}
            {"input_length": 512, "hash_ids": [3], "request_type": "chat"}
            """
            let t = try load(text)
            #expect(t.requestTypeNames == ["chat", "prefill"])
            #expect(t.requestTypes == [0, 1, 0])
            #expect(t.timestamps == nil)  // no timestamps in the input
            #expect(!t.hasOutputLengths)
        }

        // MODEL 2.2: a count differing from ceil(input_length / B) is a counted warning, not an error.
        @Test func blockCountMismatchIsACountedWarning() throws {
            let text = """
            {"input_length": 100, "hash_ids": [1, 2, 3]}
            {"input_length": 1024, "hash_ids": [1, 2]}
            {"input_length": 1025, "hash_ids": [1, 2]}
            {"input_length": 0, "hash_ids": [4]}
            """
            let t = try load(text)
            #expect(t.requestCount == 4)
            #expect(t.accessCount == 8)  // ids kept as given, not truncated or padded
            #expect(t.warnings.counts == ["block_count_mismatch": 3])
            #expect(t.warnings.examples["block_count_mismatch"]?.contains(":1") == true)
        }

        struct BadLine: Sendable, CustomTestStringConvertible {
            let name: String
            let line: String
            /// The field the error must name; nil where the line is not JSON at all.
            let field: String?
            var testDescription: String { name }
        }

        static let badLines: [BadLine] = [
            BadLine(name: "not JSON", line: #"this is not json"#, field: nil),
            BadLine(name: "unterminated array", line: #"{"input_length": 10, "hash_ids": [900, 901"#, field: "hash_ids"),
            BadLine(name: "missing input_length", line: #"{"hash_ids": [900, 901]}"#, field: "input_length"),
            BadLine(name: "negative input_length", line: #"{"hash_ids": [900, 901], "input_length": -5}"#, field: "input_length"),
            BadLine(name: "fractional input_length", line: #"{"hash_ids": [900, 901], "input_length": 1.5}"#, field: "input_length"),
            BadLine(name: "string input_length", line: #"{"hash_ids": [900, 901], "input_length": "10"}"#, field: "input_length"),
            BadLine(name: "missing hash_ids", line: #"{"input_length": 10}"#, field: "hash_ids"),
            BadLine(name: "empty hash_ids", line: #"{"input_length": 10, "hash_ids": []}"#, field: "hash_ids"),
            BadLine(name: "string id", line: #"{"hash_ids": [900, "x"], "input_length": 10}"#, field: "hash_ids"),
            BadLine(name: "fractional id", line: #"{"hash_ids": [900, 1.5], "input_length": 10}"#, field: "hash_ids"),
            BadLine(name: "null id", line: #"{"hash_ids": [900, null], "input_length": 10}"#, field: "hash_ids"),
            BadLine(name: "id above 2^64", line: #"{"hash_ids": [900, 18446744073709551616], "input_length": 10}"#, field: "hash_ids"),
            BadLine(name: "string timestamp", line: #"{"hash_ids": [900], "input_length": 10, "timestamp": "noon"}"#, field: "timestamp"),
        ]

        // MODEL 2.2: each malformed line is an error naming the file, the line and the field.
        @Test(arguments: badLines)
        func malformedLineIsAnInputError(_ bad: BadLine) throws {
            // Line 1 good, line 2 blank, line 3 bad: the line number counts physical lines.
            let path = try writeTemp("bad.jsonl", "{\"input_length\": 10, \"hash_ids\": [1]}\n\n\(bad.line)\n")
            let error = inputError { _ = try TraceLoader.load(path: path, format: .mooncake, blockSizeTokens: 512) }
            #expect(error?.file == path)
            #expect(error?.line == 3)
            if let field = bad.field { #expect(error?.field == field) }
            #expect(error?.description.contains("\(path):3") == true)
        }

        // Trailing text after the object is an error with the file and line.
        @Test func trailingGarbageIsAnInputError() throws {
            let path = try writeTemp("garbage.jsonl", "{\"input_length\": 10, \"hash_ids\": [1]}\n{\"input_length\": 10, \"hash_ids\": [2]} trailing\n")
            let error = inputError { _ = try TraceLoader.load(path: path, blockSizeTokens: 512) }
            #expect(error?.file == path)
            #expect(error?.line == 2)
            #expect(error?.message.contains("after the JSON object") == true)
        }

        // ReadOptions.skipBadLines: a bad line becomes a counted `skipped_bad_line` warning, the good
        // lines still load, and the skipped line leaves no dense ids behind (TraceBuilder doc).
        @Test(arguments: badLines)
        func skipBadLinesKeepsGoodLinesAndAssignsNoIdsToBadOnes(_ bad: BadLine) throws {
            let text = "{\"input_length\": 1024, \"hash_ids\": [1, 2]}\n\(bad.line)\n{\"input_length\": 1024, \"hash_ids\": [2, 3]}\n"
            let t = try load(text, skipBadLines: true)
            #expect(t.requestCount == 2)
            #expect(requests(t) == [[0, 1], [1, 2]])
            #expect(t.uniqueBlocks == 3)  // 900/901 of the bad line are not counted
            #expect(t.warnings.counts == ["skipped_bad_line": 1])
            #expect(t.warnings.examples["skipped_bad_line"]?.contains(":2") == true)
        }

        @Test func blankAndWhitespaceOnlyLinesAreSkipped() throws {
            let t = try load("\n   \n{\"input_length\": 512, \"hash_ids\": [7]}\n\t\n\n{\"input_length\": 512, \"hash_ids\": [8]}\n\n")
            #expect(t.requestCount == 2)
            #expect(t.warnings.isEmpty)
        }

        @Test func crlfLineEndingsAndMissingFinalNewline() throws {
            let t = try load("{\"input_length\": 512, \"hash_ids\": [7]}\r\n\r\n{\"input_length\": 1024, \"hash_ids\": [7, 8]}")
            #expect(requests(t) == [[0], [0, 1]])
            #expect(t.warnings.isEmpty)
        }

        @Test func crlfErrorsStillNameTheRightLine() throws {
            let path = try writeTemp("crlf.jsonl", "{\"input_length\": 512, \"hash_ids\": [7]}\r\n{\"input_length\": 512}\r\n")
            let error = inputError { _ = try TraceLoader.load(path: path, blockSizeTokens: 512) }
            #expect(error?.line == 2)
            #expect(error?.field == "hash_ids")
        }

        // MooncakeReader doc: unknown keys are ignored, whatever their value.
        @Test func unknownKeysAreIgnored() throws {
            let line = #"{"session": {"id": "a\"b", "tags": [1, [2, {"x": null}]], "ok": true}, "input_length": 512, "#
                + #""extra": [1.5e3, -2, false], "hash_ids": [5], "note": "},{", "z": null}"#
            let t = try load(line + "\n")
            #expect(requests(t) == [[0]])
            #expect(t.inputLengths == [512])
            #expect(t.warnings.isEmpty)
        }

        // MODEL 2.1: requests stay in file order; a decreasing timestamp is a counted warning.
        @Test func decreasingTimestampsAreCountedNotSorted() throws {
            let text = [0.0, 100, 50, 200, 10, 10].map { "{\"timestamp\": \($0), \"input_length\": 512, \"hash_ids\": [\(Int($0))]}" }
                .joined(separator: "\n")
            let t = try load(text)
            #expect(t.timestamps == [0, 100, 50, 200, 10, 10])
            #expect(t.warnings.counts == ["timestamp_decrease": 2])  // equal timestamps are fine
        }

        // Large ids: above 2^32 and above Int64.max (kept by their unsigned value / bit pattern).
        @Test func largeIdsInternCorrectly() throws {
            let ids = ["4294967296", "4294967297", "9223372036854775807", "9223372036854775808",
                       "18446744073709551615", "0", "4294967296", "18446744073709551615", "9223372036854775808"]
            let line = "{\"input_length\": \(ids.count * 512), \"hash_ids\": [\(ids.joined(separator: ", "))]}"
            let t = try load(line)
            #expect(requests(t) == [[0, 1, 2, 3, 4, 5, 0, 4, 3]])
            #expect(t.uniqueBlocks == 6)
        }

        // A line longer than ByteStream's 8 MiB default chunk is reassembled (the buffer grows).
        @Test func lineLongerThanTheDefaultChunk() throws {
            let n = 1_200_000
            var text = "{\"input_length\": \(n * 512), \"hash_ids\": ["
            text.reserveCapacity(n * 9 + 200)
            for i in 0 ..< n {
                if i > 0 { text += "," }
                text += String(i)
            }
            text += "]}\n{\"input_length\": 512, \"hash_ids\": [7]}\n"
            #expect(text.utf8.count > 8 << 20)
            let t = try load(text)
            #expect(t.requestCount == 2)
            #expect(t.accessCount == n + 1)
            #expect(t.uniqueBlocks == n)
            #expect(t.blockIds[n] == 7)
            #expect(t.warnings.isEmpty)
        }
    }
}

// MARK: - ByteStream chunks and lines

extension InputReaderTests {
    @Suite("ByteStream line reassembly")
    struct ByteStreamChunkTests {
        /// Lines of many lengths, including empty ones, a CRLF one and one much longer than any chunk.
        static let content: String = {
            var lines = ["", "a", "bc", "def", "", "ghij\r", String(repeating: "x", count: 10_000), "klmno", "\r",
                         String(repeating: "yz", count: 33), "1234567"]
            lines.append("last line without a newline")
            return lines.joined(separator: "\n")
        }()

        /// Split on bytes: a Swift String treats "\r\n" as one Character.
        static var expected: [String] {
            Array(content.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
                String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
            }
        }

        @Test(arguments: [1, 2, 3, 7, 8, 64, 1000, 1 << 20])
        func linesSurviveEveryChunkSize(_ chunkSize: Int) throws {
            let path = try writeTemp("lines.txt", Self.content)
            var lines: [String] = []
            var numbers: [Int] = []
            try ByteStream.open(path).forEachLine(maxLineBytes: 1 << 20, chunkSize: chunkSize) { line, number in
                lines.append(String(decoding: line, as: UTF8.self))
                numbers.append(number)
            }
            #expect(lines.count == 12)
            #expect(lines == Self.expected, "lines differ with chunk size \(chunkSize)")
            #expect(numbers == Array(1 ... Self.expected.count))
        }

        @Test(arguments: [1, 5, 24, 25, 4096])
        func chunksHoldWholeRecords(_ chunkSize: Int) throws {
            let bytes = (0 ..< 24 * 7 + 5).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let path = try writeTemp("records.bin", bytes: bytes)
            var seen: [UInt8] = []
            var sizes: [Int] = []
            try ByteStream.open(path).forEachChunk(recordSize: 24, chunkSize: chunkSize) { chunk in
                seen += chunk
                sizes.append(chunk.count)
            }
            #expect(seen == bytes)
            #expect(sizes.dropLast().allSatisfy { $0 % 24 == 0 })
        }

        @Test func missingFileIsAnInputErrorNamingIt() throws {
            let path = try makeTempDir().appendingPathComponent("absent.jsonl").path
            let error = inputError { try ByteStream.open(path).forEachLine(maxLineBytes: 1 << 20) { _, _ in } }
            #expect(error?.file == path)
        }
    }
}

// MARK: - CSV

extension InputReaderTests {
    @Suite("CSV trace reader")
    struct CSVTraceReaderTests {
        // MODEL 2.3: a header row is required.
        @Test func headerIsRequired() throws {
            let path = try writeTemp("noheader.csv", "s1,1024\ns2,512\n")
            let error = inputError { _ = try TraceLoader.load(path: path, blockSizeTokens: 512) }
            #expect(error?.line == 1)
            #expect(error?.message.contains("sequence_id") == true)
            // The error must name the file (MODEL 9.1: the message names file, line, key).
            #expect(error?.file == path)
        }

        @Test func emptyFileIsAnError() throws {
            let path = try writeTemp("empty.csv", "\n\n")
            let error = inputError { _ = try TraceLoader.load(path: path, format: .csv, blockSizeTokens: 512) }
            #expect(error?.file == path)
        }

        @Test func headerOnlyHasNoRequests() throws {
            let path = try writeTemp("header.csv", "sequence_id,sequence_length\n")
            let error = inputError { _ = try TraceLoader.load(path: path, blockSizeTokens: 512) }
            #expect(error?.file == path)
        }

        // MODEL 2.3: sequence_id is an opaque string: `01` and `1` differ.
        @Test func sequenceIdsAreOpaqueStrings() throws {
            let t = try load("sequence_id,sequence_length\n01,512\n1,512\n01,512\n001,512\n", name: "ids.csv")
            #expect(requests(t) == [[0], [1], [0], [2]])
            #expect(t.uniqueBlocks == 3)
        }

        // MODEL 2.3: request k reads (id, 0) .. (id, m-1), m = ceil(L / B): prefix chains.
        @Test func laterLongerRequestsShareThePrefix() throws {
            let text = "sequence_id,sequence_length\na,1000\na,2000\nb,512\na,600\nb,513\n"
            let t = try load(text, name: "chain.csv")
            #expect(requests(t) == [[0, 1], [0, 1, 2, 3], [4], [0, 1], [4, 5]])
            #expect(t.inputLengths == [1000, 2000, 512, 600, 513])
            #expect(t.uniqueBlocks == 6)
            #expect(t.timestamps == nil)
        }

        @Test(arguments: ["0", "-3", "1.5", "abc", "", "99999999999999999999"])
        func badSequenceLengthNamesLineAndField(_ value: String) throws {
            let path = try writeTemp("badlen.csv", "sequence_id,sequence_length\ns,100\n\ns,\(value)\n")
            let error = inputError { _ = try TraceLoader.load(path: path, blockSizeTokens: 512) }
            #expect(error?.file == path)
            #expect(error?.line == 4)
            #expect(error?.field == "sequence_length")
        }

        @Test func tooFewFieldsIsAnError() throws {
            let path = try writeTemp("short.csv", "sequence_id,sequence_length\ns\n")
            let error = inputError { _ = try TraceLoader.load(path: path, blockSizeTokens: 512) }
            #expect(error?.file == path)
            #expect(error?.line == 2)
        }

        @Test func quotedFields() throws {
            let text = """
            sequence_id,sequence_length,request_type
            "a,b",1024,"chat, long"
            "a,b",512,chat
            "x""y"," 600 ",
            x"y,600,

            """
            let t = try load(text, name: "quoted.csv")
            #expect(requests(t) == [[0, 1], [0], [2, 3], [2, 3]])
            #expect(t.requestTypeNames == ["chat, long", "chat", "prefill"])
            #expect(t.requestTypes == [0, 1, 2, 2])
        }

        @Test func unterminatedQuoteIsAnError() throws {
            let path = try writeTemp("unterminated.csv", "sequence_id,sequence_length\n\"abc,512\n")
            let error = inputError { _ = try TraceLoader.load(path: path, blockSizeTokens: 512) }
            #expect(error?.line == 2)
            #expect(error?.file == path)
        }

        // MODEL 2.3: request_type and timestamp are optional columns, in any order; other
        // columns are ignored.
        @Test func optionalColumnsInAnyOrder() throws {
            let text = """
            timestamp,comment,request_type,sequence_length,sequence_id,output_length
            0,hello,chat,512,s1,10
            1.5,,batch,1024,s1,20
            3,x,chat,100,s2,0
            """
            let t = try load(text, name: "cols.csv")
            #expect(requests(t) == [[0], [0, 1], [2]])
            #expect(t.timestamps == [0, 1.5, 3])
            #expect(t.requestTypeNames == ["chat", "batch"])
            #expect(t.requestTypes == [0, 1, 0])
            #expect(t.outputLengths == [10, 20, 0])
            #expect(t.hasOutputLengths)
        }

        @Test func withoutOptionalColumns() throws {
            let t = try load("sequence_id,sequence_length\ns,512\n", name: "min.csv")
            #expect(t.timestamps == nil)
            #expect(t.requestTypeNames == ["prefill"])
            #expect(!t.hasOutputLengths)
        }

        @Test func badTimestampNamesLineAndField() throws {
            let path = try writeTemp("badts.csv", "sequence_id,sequence_length,timestamp\ns,512,0\ns,512,soon\n")
            let error = inputError { _ = try TraceLoader.load(path: path, blockSizeTokens: 512) }
            #expect(error?.line == 3)
            #expect(error?.field == "timestamp")
        }

        // MODEL 2.1 in a CSV: decreasing timestamps are counted, order kept.
        @Test func decreasingTimestamps() throws {
            let t = try load("sequence_id,sequence_length,timestamp\na,512,5\nb,512,1\nc,512,7\n", name: "ts.csv")
            #expect(t.timestamps == [5, 1, 7])
            #expect(t.warnings.counts == ["timestamp_decrease": 1])
        }

        @Test func skipBadLinesInCSV() throws {
            let text = "sequence_id,sequence_length\na,512\nnew,0\nb,512\nc,x\na,1024\n"
            let t = try load(text, name: "skip.csv", skipBadLines: true)
            #expect(requests(t) == [[0], [1], [0, 2]])
            #expect(t.uniqueBlocks == 3)
            #expect(t.warnings.counts == ["skipped_bad_line": 2])
        }

        @Test func crlfCSV() throws {
            let t = try load("sequence_id,sequence_length,request_type\r\na,512,chat\r\na,1024,chat\r\n", name: "crlf.csv")
            #expect(requests(t) == [[0], [0, 1]])
            #expect(t.requestTypeNames == ["chat"])  // no stray "\r" in the label
        }

        // MODEL 1.1: the block count depends on block_size_tokens.
        @Test func blockSizeChangesTheBlockCount() throws {
            let t = try load("sequence_id,sequence_length\na,1000\n", name: "bs.csv", blockSize: 100)
            #expect(t.accessCount == 10)
            #expect(t.blockSizeTokens == 100)
        }
    }
}

// MARK: - ids

extension InputReaderTests {
    @Suite("ids reader")
    struct IdsReaderTests {
        // MODEL 9.1: one block id per line, one single-block request each.
        @Test func oneSingleBlockRequestPerLine() throws {
            let t = try load("5\n7\n\n5\r\n  9  \n18446744073709551615\n4294967296\n7", name: "t.ids", blockSize: 256)
            #expect(requests(t) == [[0], [1], [0], [2], [3], [4], [1]])
            #expect(Array(t.inputLengths) == Array(repeating: 256, count: 7))  // one full block of tokens each
            // Offsets and lengths are a sequence: none stored (RequestColumn).
            #expect(t.inputLengths.isImplicit && t.requestStarts.isImplicit)
            #expect(Array(t.requestStarts) == Array(0 ... 7))
            #expect(t.uniqueBlocks == 5)
            #expect(t.timestamps == nil)
        }

        // IdsReader doc: signed ids are kept by their bit pattern, so -1 is 2^64 - 1.
        @Test func negativeIdsAreBitPatterns() throws {
            let t = try load("-1\n18446744073709551615\n-2\n", name: "neg.txt")
            #expect(requests(t) == [[0], [0], [1]])
        }

        @Test(arguments: ["abc", "1.5", "12 34", "null", "1e3", "-"])
        func badIdNamesLineAndField(_ value: String) throws {
            let path = try writeTemp("bad.ids", "1\n2\n\(value)\n4\n")
            let error = inputError { _ = try TraceLoader.load(path: path, blockSizeTokens: 512) }
            #expect(error?.file == path)
            #expect(error?.line == 3)
            #expect(error?.field == "id")
        }

        @Test func skipBadIds() throws {
            let t = try load("1\nx\n2\n", name: "skip.ids", skipBadLines: true)
            #expect(requests(t) == [[0], [1]])
            #expect(t.warnings.counts == ["skipped_bad_line": 1])
        }
    }
}

// MARK: - oracleGeneral

extension InputReaderTests {
    @Suite("oracleGeneral reader")
    struct OracleGeneralReaderTests {
        // MODEL 9.1: {u32 time, u64 id, u32 size, i64 next_access}, little-endian, one
        // single-block request each; sizes ignored; time in seconds becomes milliseconds.
        @Test func readsLittleEndianRecords() throws {
            let records: [(UInt32, UInt64)] = [(1, 42), (2, 1 << 40), (2, 42), (5, UInt64.max), (9, 0), (9, 1 << 40)]
            let bytes = records.flatMap { oracleRecord(time: $0.0, id: $0.1, size: UInt32.max) }
            let path = try writeTemp("trace.oracleGeneral.bin", bytes: bytes)
            let t = try TraceLoader.load(path: path, blockSizeTokens: 512)
            #expect(requests(t) == [[0], [1], [0], [2], [3], [1]])
            #expect(t.timestamps == [1000, 2000, 2000, 5000, 9000, 9000])
            #expect(Array(t.inputLengths) == Array(repeating: 512, count: 6))
            #expect(t.inputLengths.isImplicit && t.requestStarts.isImplicit)
            #expect(t.uniqueBlocks == 4)
        }

        // Zero times mean "no time" only when every record has one; a later non-zero time
        // keeps the earlier zeros as real times.
        @Test func zeroTimesMeanNoTimestamps() throws {
            let none = try writeTemp("zero.oracleGeneral.bin", bytes: [(0, 1), (0, 2)].flatMap { oracleRecord(time: $0.0, id: $0.1) })
            #expect(try TraceLoader.load(path: none, blockSizeTokens: 512).timestamps == nil)
            let late = try writeTemp("late.oracleGeneral.bin", bytes: [(0, 1), (0, 2), (3, 1)].flatMap { oracleRecord(time: $0.0, id: $0.1) })
            #expect(try TraceLoader.load(path: late, blockSizeTokens: 512).timestamps == [0, 0, 3000])
        }

        @Test(arguments: [1, 10, 23])
        func truncatedFileNamesTheByteOffset(_ extra: Int) throws {
            var bytes = oracleRecord(time: 1, id: 1) + oracleRecord(time: 2, id: 2)
            bytes += Array(repeating: 0xAB, count: extra)
            let path = try writeTemp("short.bin", bytes: bytes)
            let error = inputError { _ = try TraceLoader.load(path: path, format: .oracleGeneral, blockSizeTokens: 512) }
            #expect(error?.file == path)
            #expect(error?.message.contains("byte offset 48") == true)
        }

        @Test func fileShorterThanOneRecord() throws {
            let path = try writeTemp("tiny.bin", bytes: [1, 2, 3])
            let error = inputError { _ = try TraceLoader.load(path: path, blockSizeTokens: 512) }
            #expect(error?.message.contains("byte offset 0") == true)
        }
    }
}

// MARK: - Format inference

extension InputReaderTests {
    @Suite("Trace format inference")
    struct TraceFormatInferenceTests {
        // MODEL 9.1: format inferred from the extension or the first bytes.
        @Test(arguments: [
            ("a.jsonl", TraceFormat.mooncake), ("A.JSONL", .mooncake), ("a.json", .mooncake), ("a.csv", .csv),
            ("a.bin", .oracleGeneral), ("x.oracleGeneral", .oracleGeneral), ("a.txt", .ids), ("a.ids", .ids),
        ])
        func fromExtension(_ name: String, _ format: TraceFormat) throws {
            // The content contradicts the extension: the extension wins.
            let path = try writeTemp(name, "garbage")
            #expect(try TraceFormat.infer(path: path) == format)
        }

        @Test(arguments: [
            ("{\"input_length\": 1, \"hash_ids\": [1]}\n", TraceFormat.mooncake),
            ("\n  \r\n{\"a\": 1}", .mooncake),
            ("sequence_id,sequence_length\na,1\n", .csv),
            ("12\n34\n", .ids),
            ("-5\r\n6\n", .ids),
        ])
        func fromFirstBytes(_ content: String, _ format: TraceFormat) throws {
            let path = try writeTemp("trace", content)
            #expect(try TraceFormat.infer(path: path) == format)
        }

        @Test(arguments: ["", "  \n\n", "hello world\n"])
        func uninferableIsAnError(_ content: String) throws {
            let path = try writeTemp("mystery", content)
            let error = inputError { _ = try TraceFormat.infer(path: path) }
            #expect(error?.file == path)
        }

        @Test func loaderInfersWhenNoFormatIsGiven() throws {
            let t = try load("{\"input_length\": 512, \"hash_ids\": [3]}\n", name: "noext")
            #expect(requests(t) == [[0]])
            let ids = try load("3\n3\n4\n", name: "noext2")
            #expect(requests(ids) == [[0], [0], [1]])
        }

        @Test func missingTraceIsAnInputErrorNamingIt() throws {
            let path = try makeTempDir().appendingPathComponent("absent.jsonl").path
            let error = inputError { _ = try TraceLoader.load(path: path, blockSizeTokens: 512) }
            #expect(error?.file == path)
        }
    }
}

// MARK: - BlockInterner

extension InputReaderTests {
    @Suite("Block interner")
    struct BlockInternerTests {
        @Test func denseIdsInFirstAppearanceOrder() {
            var interner = BlockInterner()
            let raws: [UInt64] = [1 << 40, 3, UInt64.max, 3, 0, 1 << 40, UInt64(Int64.max) + 1, 1 << 20, (1 << 20) + 1]
            let dense = raws.map { interner.intern($0) }
            #expect(dense == [0, 1, 2, 1, 3, 0, 4, 5, 6])
            #expect(interner.count == 7)
        }

        // Random ids mixing the direct table's range, the hashed range that the direct table later
        // grows over (ids in [2^20, 2^22) once more than 2^17 distinct ids are seen) and huge ids
        // (> 2^32, > Int64.max): never two dense ids for one raw id, checked against a Dictionary.
        @Test(arguments: [UInt64(1), 2, 3])
        func neverTwoDenseIdsForOneRawId(_ seed: UInt64) {
            var rng = SplitMix64(state: seed)
            var interner = BlockInterner()
            var reference: [UInt64: Int32] = [:]
            var mismatches = 0
            for step in 0 ..< 400_000 {
                let raw: UInt64
                switch rng.next() % 8 {
                case 0, 1: raw = rng.next() % 5_000                                   // small, direct
                case 2, 3: raw = (1 << 20) + rng.next() % (3 << 20)                  // hashed, later direct
                case 4: raw = (1 << 32) + rng.next() % 100_000                       // just above 2^32
                case 5: raw = UInt64(Int64.max) + 1 + rng.next() % 100_000           // above Int64.max
                case 6: raw = rng.next()                                             // anywhere
                default: raw = UInt64(step % 300)                                    // frequent repeats
                }
                let expected = reference[raw] ?? Int32(reference.count)
                if reference[raw] == nil { reference[raw] = expected }
                if interner.intern(raw) != expected { mismatches += 1 }
            }
            #expect(mismatches == 0)
            #expect(interner.count == reference.count)
            #expect(reference.count > 1 << 17)  // enough distinct ids to make the direct table grow
            // Every raw id still maps to its first dense id after all the growth.
            var late = 0
            for (raw, dense) in reference where interner.intern(raw) != dense { late += 1 }
            #expect(late == 0)
            #expect(interner.count == reference.count)
        }

        // The batch form (the readers' path) gives the ids `intern` gives one at a time, over
        // batches of every size that cross the direct table's growth and the hashed range.
        @Test(arguments: [UInt64(4), 5])
        func batchEqualsOneAtATime(_ seed: UInt64) {
            var rng = SplitMix64(state: seed)
            var raws: [UInt64] = []
            for step in 0 ..< 300_000 {
                switch rng.next() % 5 {
                case 0, 1: raws.append(rng.next() % 200_000)                  // direct, growing
                case 2: raws.append((1 << 20) + rng.next() % (2 << 20))       // hashed, later direct
                case 3: raws.append(rng.next())                                // anywhere
                default: raws.append(UInt64(step % 97))                        // hot
                }
            }
            var single = BlockInterner()
            let expected = raws.map { single.intern($0) ?? -1 }
            var batched = BlockInterner()
            var got = [Int32](repeating: -2, count: raws.count)
            var from = 0, size = 1
            raws.withUnsafeBufferPointer { all in
                got.withUnsafeMutableBufferPointer { out in
                    while from < all.count {
                        let to = min(all.count, from + size)
                        let failed = batched.intern(UnsafeBufferPointer(rebasing: all[from ..< to]), into: out.baseAddress! + from)
                        #expect(failed == nil)
                        from = to
                        size = size * 3 + 1
                    }
                }
            }
            #expect(got == expected)
            #expect(batched.count == single.count)
        }
    }
}

// MARK: - IdLineScanner

extension InputReaderTests {
    @Suite("ids line scanner")
    struct IdLineScannerTests {
        /// Random ids lines of every length (1 to 20 digits, the 8-byte fast path's 1 to 7 and
        /// past it), negative ids, `\r\n`, spaces and blank lines, fed in slices of every size so
        /// that lines straddle slice ends: the ids of a plain split-and-parse.
        @Test(arguments: [UInt64(1), 2, 3])
        func idsOfAPlainParseWhateverTheSlices(_ seed: UInt64) throws {
            var rng = SplitMix64(state: seed)
            var text = "", expected: [UInt64] = []
            for _ in 0 ..< 3_000 {
                let digits = Int(rng.next() % 20) + 1
                var value = UInt64(rng.next() % 9 + 1)
                for _ in 1 ..< digits where value < UInt64.max / 10 - 9 { value = value * 10 + rng.next() % 10 }
                switch rng.next() % 8 {
                case 0:
                    let v = Int64(value % UInt64(Int64.max))
                    text += "-\(v)\n"
                    expected.append(UInt64(bitPattern: -v))
                case 1: text += "\(value)\r\n"; expected.append(value)
                case 2: text += " \(value)\t\n"; expected.append(value)
                case 3: text += "\n"
                default: text += "\(value)\n"; expected.append(value)
                }
            }
            let bytes = Array(text.utf8)
            for slice in [1, 3, 8, 9, 64, 4096, bytes.count] {
                var scanner = IdLineScanner(path: "t")
                var got: [UInt64] = []
                try bytes.withUnsafeBytes { all in
                    var from = 0
                    while from < all.count {
                        let to = min(all.count, from + slice)
                        try scanner.scan(UnsafeRawBufferPointer(rebasing: all[from ..< to])) { got.append($0) }
                        from = to
                    }
                }
                try scanner.finish { got.append($0) }
                #expect(got == expected, "slices of \(slice)")
            }
        }
    }
}
