import Foundation
import KVCacheCore
@testable import KVCacheInput
import KVCacheTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

// Input plumbing (ByteStream, TraceFormat.infer, TraceLoader): gzip and zstd recognised by their
// first bytes and read in a stream, concatenated members, truncated and corrupt streams, format
// inference on the decompressed bytes and on pipes, BOM, CRLF, empty and binary inputs, the line
// length limit, /dev/zero, and JSON keys given twice. Compressed inputs are made in the test through
// the same libraries (`ByteStream.compress`); every file goes to a fresh temporary folder.

// MARK: - Helpers (private to this file)

private func makeTempDir() throws -> URL {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("kvcache-plumbing-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

private func writeTemp(_ name: String, _ bytes: [UInt8], in dir: URL? = nil) throws -> String {
    let url = try (dir ?? makeTempDir()).appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}


private func load(_ path: String, _ format: TraceFormat? = nil, options: ReadOptions = ReadOptions()) throws -> Trace {
    try TraceLoader.load(path: path, format: format, blockSizeTokens: 512, options: options)
}

/// Everything a trace holds except where it came from.
private func expectSameTrace(_ a: Trace, _ b: Trace, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.requestCount == b.requestCount, sourceLocation: sourceLocation)
    #expect(a.blockIds == b.blockIds, sourceLocation: sourceLocation)
    #expect(a.requestStarts == b.requestStarts, sourceLocation: sourceLocation)
    #expect(a.inputLengths == b.inputLengths, sourceLocation: sourceLocation)
    #expect(a.outputLengths == b.outputLengths, sourceLocation: sourceLocation)
    #expect(a.timestamps == b.timestamps, sourceLocation: sourceLocation)
    #expect(a.requestTypes == b.requestTypes, sourceLocation: sourceLocation)
    #expect(a.requestTypeNames == b.requestTypeNames, sourceLocation: sourceLocation)
    #expect(a.uniqueBlocks == b.uniqueBlocks, sourceLocation: sourceLocation)
    #expect(a.hasOutputLengths == b.hasOutputLengths, sourceLocation: sourceLocation)
    #expect(a.warnings.counts == b.warnings.counts, sourceLocation: sourceLocation)
}

/// Deterministic inputs of every format, large enough to span several reads of the compressed
/// input (its buffers hold 128 KiB).
private enum Samples {
    static func mooncake(_ n: Int = 5000) -> [UInt8] {
        var rng = SplitMix64(seed: 5)
        var text = ""
        for r in 0 ..< n {
            let count = Int.random(in: 1 ... 12, using: &rng)
            let ids = (0 ..< count).map { _ in String(UInt64.random(in: 0 ... 1 << 40, using: &rng)) }.joined(separator: ", ")
            let type = r % 7 == 0 ? ", \"request_type\": \"batch\"" : ""
            text += "{\"timestamp\": \(r * 3), \"input_length\": \(count * 512 - r % 100), \"output_length\": \(r % 50), \"hash_ids\": [\(ids)]\(type)}\n"
        }
        return Array(text.utf8)
    }

    static func csv(_ n: Int = 5000) -> [UInt8] {
        var rng = SplitMix64(seed: 6)
        var text = "sequence_id,sequence_length,request_type,timestamp,output_length\n"
        for r in 0 ..< n {
            text += "s\(Int.random(in: 0 ..< 500, using: &rng)),\(Int.random(in: 1 ... 9000, using: &rng)),\(r % 3 == 0 ? "chat" : "batch"),\(r),\(r % 9)\n"
        }
        return Array(text.utf8)
    }

    /// Ids of up to 13 digits, most of them distinct: compresses to more than one input buffer.
    static func ids(_ n: Int = 40_000) -> [UInt8] {
        var rng = SplitMix64(seed: 7)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(n * 14)
        for _ in 0 ..< n {
            bytes += String(UInt64.random(in: 0 ..< 1 << 40, using: &rng)).utf8
            bytes.append(0x0A)
        }
        return bytes
    }

    static func oracle(_ n: Int = 30_000) -> [UInt8] {
        var rng = SplitMix64(seed: 8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(n * 24)
        for r in 0 ..< n {
            withUnsafeBytes(of: UInt32(r / 10).littleEndian) { bytes += $0 }
            withUnsafeBytes(of: UInt64.random(in: 0 ..< 1 << 40, using: &rng).littleEndian) { bytes += $0 }
            withUnsafeBytes(of: UInt32(4096).littleEndian) { bytes += $0 }
            withUnsafeBytes(of: Int64(-1).littleEndian) { bytes += $0 }
        }
        return bytes
    }
}

private let jsonLine = "{\"input_length\": 1024, \"hash_ids\": [1, 2]}\n"

// MARK: - Tests

@Suite("Input plumbing: compression, pipes, inference, limits")
struct InputPlumbingTests {
    // Compressed inputs of every format give exactly the plain file's trace, whether the format
    // comes from the name (`t.jsonl.gz`), from the decompressed bytes (no extension) or is given.
    @Test(arguments: [ByteStream.Compression.gzip, .zstd])
    func compressedTracesEqualPlainOnes(_ compression: ByteStream.Compression) throws {
        let dir = try makeTempDir()
        let suffix = compression == .gzip ? ".gz" : ".zst"
        let cases: [(String, [UInt8], TraceFormat, Bool)] = [
            ("t.jsonl", Samples.mooncake(), .mooncake, true),
            ("t.csv", Samples.csv(), .csv, true),
            ("t.ids", Samples.ids(), .ids, true),
            ("t.oracleGeneral.bin", Samples.oracle(), .oracleGeneral, false),
        ]
        for (name, bytes, format, inferable) in cases {
            let plain = try load(try writeTemp(name, bytes, in: dir))
            let packed = try ByteStream.compress(bytes, as: compression)
            if !name.hasSuffix(".csv") { #expect(packed.count > 1 << 17, "\(name): more than one read of the compressed input") }
            let named = try writeTemp(name + suffix, packed, in: dir)
            expectSameTrace(plain, try load(named))
            expectSameTrace(plain, try load(named, format))
            let stream = try ByteStream.open(named)
            #expect(stream.compression == compression)
            #expect(stream.sizeHint == nil)  // a compressed file has no size to reserve from
            if inferable {
                let bare = try writeTemp("bare-\(format.rawValue)", packed, in: dir)
                #expect(try TraceFormat.infer(path: bare) == format)
                expectSameTrace(plain, try load(bare))
            }
        }
    }

    // `cat a.gz b.gz` is one gzip stream (zlib inflateReset at each member's end); zstd frames
    // concatenate the same way.
    @Test(arguments: [ByteStream.Compression.gzip, .zstd])
    func concatenatedMembersAreOneStream(_ compression: ByteStream.Compression) throws {
        let all = Samples.ids(20_000)
        let cut1 = all.count / 3, cut2 = 2 * all.count / 3
        // Cut mid-line on purpose: a line spans two members.
        let packed = try ByteStream.compress(Array(all[..<cut1]), as: compression)
            + ByteStream.compress(Array(all[cut1 ..< cut2]), as: compression)
            + ByteStream.compress([], as: compression)
            + ByteStream.compress(Array(all[cut2...]), as: compression)
        let dir = try makeTempDir()
        let plain = try load(try writeTemp("t.ids", all, in: dir))
        expectSameTrace(plain, try load(try writeTemp("multi.ids.gz", packed, in: dir)))
    }

    // A truncated stream is an error naming the file, never a crash nor a silently short trace.
    @Test(arguments: [ByteStream.Compression.gzip, .zstd])
    func truncatedStreamIsAnErrorNamingTheFile(_ compression: ByteStream.Compression) throws {
        let packed = try ByteStream.compress(Samples.mooncake(1000), as: compression)
        let dir = try makeTempDir()
        for keep in [5, 20, packed.count / 2, packed.count - 9, packed.count - 1] {
            let path = try writeTemp("cut\(keep).jsonl", Array(packed.prefix(keep)), in: dir)
            let error = inputError { _ = try load(path) }
            #expect(error?.file == path)
            #expect(error?.message.hasPrefix("corrupt \(compression.rawValue) data: ") == true, "\(keep): \(String(describing: error))")
            // The same through the raw chunks.
            let raw = inputError { try ByteStream.open(path).forEachChunk(recordSize: 1) { _ in } }
            #expect(raw?.message.hasPrefix("corrupt \(compression.rawValue) data: ") == true)
        }
    }

    // gzip's CRC catches a flipped byte; the error names the file.
    @Test func corruptGzipIsAnError() throws {
        var packed = try ByteStream.compress(Samples.ids(5000), as: .gzip)
        let dir = try makeTempDir()
        for position in [12, packed.count / 2, packed.count - 6] {
            packed[position] ^= 0x5A
            let path = try writeTemp("bad\(position).ids", packed, in: dir)
            let error = inputError { _ = try load(path) }
            #expect(error?.file == path)
            #expect(error?.description.contains("corrupt gzip data: ") == true, "\(String(describing: error))")
            packed[position] ^= 0x5A
        }
        // Garbage after a complete member.
        let path = try writeTemp("trailing.ids", packed + [0x41, 0x42, 0x43], in: dir)
        #expect(inputError { _ = try load(path) }?.message.hasPrefix("corrupt gzip data") == true)
    }

    // The first bytes decide the compression, whatever the name; the format comes from the
    // decompressed bytes when they plainly contradict the name (a `.csv` holding gzip JSONL).
    @Test func formatInferredThroughCompressionDespiteAMisleadingName() throws {
        let dir = try makeTempDir()
        let bytes = Samples.mooncake(500)
        let plain = try load(try writeTemp("t.jsonl", bytes, in: dir))
        for (name, compression) in [("trace.csv", ByteStream.Compression.gzip), ("trace.txt.zst", .zstd), ("trace.gz", .zstd)] {
            let path = try writeTemp(name, try ByteStream.compress(bytes, as: compression), in: dir)
            #expect(try TraceFormat.infer(path: path) == .mooncake, "\(name)")
            expectSameTrace(plain, try load(path))
        }
        // The name still wins when the bytes do not plainly say otherwise (MODEL 9.1).
        let ids = try writeTemp("numbers.csv.gz", try ByteStream.compress(Array("1\n2\n".utf8), as: .gzip), in: dir)
        #expect(try TraceFormat.infer(path: ids) == .csv)
        // A CSV header naming sequence_id wins over a `.jsonl` name.
        let csv = try writeTemp("seq.jsonl", Array("sequence_id,sequence_length\na,512\n".utf8), in: dir)
        #expect(try TraceFormat.infer(path: csv) == .csv)
        // Inference only peeks: the reader still gets every byte (first line included).
        let stream = try ByteStream.open(try writeTemp("peek", try ByteStream.compress(Array("7\n8\n7\n".utf8), as: .zstd), in: dir))
        #expect(try TraceFormat.infer(stream) == .ids)
        #expect(try stream.peek(2) == Array("7\n".utf8))
        let t = try TraceLoader.load(stream, blockSizeTokens: 512)
        #expect(t.blockIds == [0, 1, 0])
    }

    // A UTF-8 byte order mark is skipped in inference and in line 1, plain or compressed.
    @Test(arguments: [ByteStream.Compression.none, .gzip, .zstd])
    func byteOrderMarkIsSkipped(_ compression: ByteStream.Compression) throws {
        let dir = try makeTempDir()
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        for (name, text) in [("a.jsonl", jsonLine + jsonLine), ("a.csv", "sequence_id,sequence_length\na,1024\na,1024\n"),
                             ("a.ids", "1\n2\n")] {
            let plain = try load(try writeTemp(name, Array(text.utf8), in: dir))
            let marked = try ByteStream.compress(bom + Array(text.utf8), as: compression)
            expectSameTrace(plain, try load(try writeTemp("bom-" + name, marked, in: dir)))
            expectSameTrace(plain, try load(try writeTemp("bom-noext-" + name.dropFirst(2), marked, in: dir)))
        }
        // Only at the very start: line 1 of a stream starting with a BOM, seen by forEachLine.
        let path = try writeTemp("lines", try ByteStream.compress(bom + Array("x\ny".utf8), as: compression), in: dir)
        var lines: [String] = []
        try ByteStream.open(path).forEachLine(maxLineBytes: 100) { line, _ in lines.append(String(decoding: line, as: UTF8.self)) }
        #expect(lines == ["x", "y"])
    }

    // CRLF line ends, compressed, give the LF trace; the CSV label carries no "\r".
    @Test(arguments: [ByteStream.Compression.gzip, .zstd])
    func crlfThroughCompression(_ compression: ByteStream.Compression) throws {
        let dir = try makeTempDir()
        for (name, bytes) in [("c.jsonl", Samples.mooncake(300)), ("c.csv", Samples.csv(300)), ("c.ids", Samples.ids(300))] {
            let plain = try load(try writeTemp(name, bytes, in: dir))
            let crlf = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
            expectSameTrace(plain, try load(try writeTemp("crlf-" + name + ".z", try ByteStream.compress(crlf, as: compression), in: dir)))
        }
    }

    // Chunk and line boundaries anywhere in the decompressed stream (tiny buffers).
    @Test(arguments: [1, 2, 7, 64, 4096])
    func compressedLinesSurviveEveryBufferSize(_ chunkSize: Int) throws {
        let text = ["", "a", "bc\r", String(repeating: "x", count: 5000), "", "last"].joined(separator: "\n")
        let dir = try makeTempDir()
        for compression in [ByteStream.Compression.gzip, .zstd] {
            let path = try writeTemp("l", try ByteStream.compress(Array(text.utf8), as: compression), in: dir)
            var lines: [String] = []
            try ByteStream.open(path).forEachLine(maxLineBytes: 1 << 20, chunkSize: chunkSize) { line, n in
                #expect(n == lines.count + 1)
                lines.append(String(decoding: line, as: UTF8.self))
            }
            #expect(lines == ["", "a", "bc", String(repeating: "x", count: 5000), "", "last"])
            var bytes: [UInt8] = []
            try ByteStream.open(path).forEachChunk(recordSize: 3, chunkSize: chunkSize) { chunk in
                if !bytes.isEmpty { #expect(bytes.count % 3 == 0) }
                bytes += chunk
            }
            #expect(bytes == Array(text.utf8))
        }
    }

    @Test func peekDoesNotConsumeAndReadAllReadsTheRest() throws {
        let dir = try makeTempDir()
        let text = Array("hello\nworld\n".utf8)
        for compression in [ByteStream.Compression.none, .gzip, .zstd] {
            let path = try writeTemp("p", try ByteStream.compress(text, as: compression), in: dir)
            let s = try ByteStream.open(path)
            #expect(s.compression == compression)
            #expect(s.sizeHint == (compression == .none ? text.count : nil))
            #expect(try s.peek(3) == Array("hel".utf8))
            #expect(try s.peek(100) == text)
            #expect(try s.readAll(maxBytes: 1000) == text)
            #expect(try s.readAll(maxBytes: 1000) == [])  // read once
            let small = inputError { _ = try ByteStream.open(path).readAll(maxBytes: 5) }
            #expect(small?.file == path)
        }
    }

    // Empty inputs are a clear error, plain or compressed.
    @Test func emptyInputIsAnError() throws {
        let dir = try makeTempDir()
        let plain = try writeTemp("empty.jsonl", [], in: dir)
        let error = inputError { _ = try load(plain) }
        #expect(error?.file == plain)
        #expect(error?.message == "is empty")
        let packed = try writeTemp("empty.jsonl.gz", try ByteStream.compress([], as: .gzip), in: dir)
        #expect(inputError { _ = try load(packed) }?.message == "is empty after gzip decompression")
        let zst = try writeTemp("empty.zst", try ByteStream.compress([], as: .zstd), in: dir)
        #expect(inputError { _ = try load(zst, .ids) }?.message == "is empty after zstd decompression")
    }

    // Binary input is named by the hex of its first bytes, never printed raw.
    @Test func binaryGarbageIsNotATrace() throws {
        let dir = try makeTempDir()
        let garbage: [UInt8] = [0x00, 0x01, 0xFE, 0x7F, 0x1B, 0x5B, 0x32, 0x4A, 0x07, 0x41]
        let path = try writeTemp("mystery", garbage, in: dir)
        let error = inputError { _ = try load(path) }
        #expect(error?.file == path)
        #expect(error?.message.hasPrefix("not a trace: starts with bytes 00 01 fe 7f 1b 5b 32 4a ...") == true, "\(String(describing: error))")
        #expect(error?.description.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } == true)
        // Compressed twice: the decompressed bytes are gzip again.
        let twice = try ByteStream.compress(try ByteStream.compress(Array(jsonLine.utf8), as: .gzip), as: .gzip)
        let double = try writeTemp("double.gz", twice, in: dir)
        #expect(inputError { _ = try load(double) }?.message.hasPrefix("not a trace: starts with bytes 1f 8b 08 00") == true)
        // A text-format name does not make binary bytes a trace.
        let named = try writeTemp("named.jsonl", garbage, in: dir)
        #expect(inputError { _ = try load(named) }?.message.hasPrefix("not a trace") == true)
        // A directory is a sessions trace (MODEL 2.7): its non-session files are errors naming
        // the file; with another format it is no trace at all.
        let dirError = inputError { _ = try load(dir.path) }
        #expect(dirError?.file?.hasPrefix(dir.path + "/") == true)
        let named2 = inputError { _ = try TraceLoader.load(path: dir.path, format: .mooncake, blockSizeTokens: 512) }
        #expect(named2?.message.hasPrefix("is a directory") == true)
        #expect(named2?.file == dir.path)
    }

    // /dev/zero: not a trace (inferred), one endless line that the limit stops, or (ids, read
    // byte by byte with no line buffer) a NUL that is not an integer, fast; its missing size is
    // never reserved from.
    @Test func devZeroEndsInAnErrorFast() throws {
        guard FileManager.default.fileExists(atPath: "/dev/zero") else { return }
        let start = Date()
        #expect(try ByteStream.open("/dev/zero").sizeHint == nil)
        let inferred = inputError { _ = try load("/dev/zero") }
        #expect(inferred?.message.hasPrefix("not a trace: starts with bytes 00 00 00 00 00 00 00 00 ...") == true)
        for format in [TraceFormat.mooncake, .csv] {
            let error = inputError { _ = try load("/dev/zero", format) }
            #expect(error?.description == "/dev/zero:1: line longer than 64 MiB", "\(format)")
        }
        let small = inputError { _ = try load("/dev/zero", .csv, options: ReadOptions(maxLineBytes: 1000)) }
        #expect(small?.description == "/dev/zero:1: line longer than 1000 bytes")
        let ids = inputError { _ = try load("/dev/zero", .ids) }
        #expect(ids?.description == "/dev/zero:1: field 'id': not an integer (column 1: expected an integer)")
        #expect(Date().timeIntervalSince(start) < 30)
    }

    // A line over ReadOptions.maxLineBytes names the file and the line, wherever it is.
    @Test func lineOverTheLimitNamesTheLine() throws {
        let dir = try makeTempDir()
        let long = "{\"input_length\": 512, \"hash_ids\": [\(Array(repeating: "7", count: 60).joined(separator: ", "))]}"
        #expect(long.utf8.count > 100)
        for (name, text, line) in [("mid.jsonl", jsonLine + jsonLine + long + "\n" + jsonLine, 3),
                                   ("last.jsonl", jsonLine + long, 2),
                                   ("first.jsonl.gz", long + "\n", 1)] {
            var bytes = Array(text.utf8)
            if name.hasSuffix(".gz") { bytes = try ByteStream.compress(bytes, as: .gzip) }
            let path = try writeTemp(name, bytes, in: dir)
            let error = inputError { _ = try load(path, options: ReadOptions(maxLineBytes: 100)) }
            #expect(error?.description == "\(path):\(line): line longer than 100 bytes")
            // The limit is not a bad line to skip: it bounds memory.
            #expect(inputError { _ = try load(path, options: ReadOptions(skipBadLines: true, maxLineBytes: 100)) }?.line == line)
            // Under a larger limit the same file loads.
            #expect(try load(path, options: ReadOptions(maxLineBytes: 1000)).requestCount >= 1)
        }
        #expect(ByteStream.byteText(64 << 20) == "64 MiB")
        #expect(ReadOptions().maxLineBytes == 64 << 20)
    }

    // MooncakeReader: a key given twice in one object is an error naming the key and the line
    // (`hash_ids` twice used to be concatenated).
    @Test func duplicateKeysAreErrors() throws {
        let dir = try makeTempDir()
        for (key, line) in [("hash_ids", #"{"hash_ids": [1], "input_length": 512, "hash_ids": [2]}"#),
                            ("input_length", #"{"input_length": 512, "hash_ids": [1], "input_length": 1024}"#),
                            ("timestamp", #"{"timestamp": 1, "input_length": 512, "hash_ids": [1], "timestamp": 2}"#),
                            ("session", #"{"session": 1, "input_length": 512, "hash_ids": [1], "other": 3, "session": {"a": 1}}"#)] {
            let path = try writeTemp("dup.jsonl", Array((jsonLine + line + "\n").utf8), in: dir)
            let error = inputError { _ = try load(path) }
            #expect(error?.file == path)
            #expect(error?.line == 2)
            #expect(error?.field == key)
            #expect(error?.message.contains("duplicate key") == true)
            // skip_bad_lines counts it like any bad line.
            let t = try load(path, options: ReadOptions(skipBadLines: true))
            #expect(t.requestCount == 1)
            #expect(t.warnings.counts == ["skipped_bad_line": 1])
        }
        // The same key in nested objects, or distinct unknown keys, are fine.
        let fine = #"{"a": {"x": 1}, "b": {"x": 2}, "ab": 1, "ba": 2, "input_length": 512, "hash_ids": [1]}"#
        #expect(try load(try writeTemp("fine.jsonl", Array((fine + "\n" + fine).utf8), in: dir)).requestCount == 2)
    }

    // A named pipe has no size and cannot be read twice: inference peeks, the reader gets all.
    @Test(arguments: [ByteStream.Compression.none, .gzip, .zstd])
    func fifoWithoutFormatGivesTheSameTrace(_ compression: ByteStream.Compression) throws {
        signal(SIGPIPE, SIG_IGN)  // a failing read must not kill the test process through the writer
        let dir = try makeTempDir()
        for (name, bytes) in [("f.jsonl", Samples.mooncake(1000)), ("f.ids", Samples.ids(10_000))] {
            let plain = try load(try writeTemp(name, bytes, in: dir))
            let fifo = dir.appendingPathComponent("pipe-\(name)-\(compression.rawValue)").path
            #expect(mkfifo(fifo, 0o600) == 0)
            let payload = Data(try ByteStream.compress(bytes, as: compression))
            let writer = Thread {
                guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
                handle.write(payload)
                try? handle.close()
            }
            writer.start()
            let stream = try ByteStream.open(fifo)
            #expect(stream.sizeHint == nil)
            let t = try TraceLoader.load(stream, blockSizeTokens: 512)
            expectSameTrace(plain, t)
        }
    }
}

/// Reading progress (issue 13): raw bytes read against the file's size, compressed or not.
@Suite struct ReadProgressTests {
    @Test func readingAFile_reachesTheWholeFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let progress = ReadProgress()
        #expect(progress.fraction == nil)
        var options = ReadOptions()
        options.progress = progress
        let trace = try TraceLoader.load(path: root.appendingPathComponent("notebooks-data/sample_mooncake.jsonl").path,
                                         blockSizeTokens: 512, options: options)
        #expect(trace.requestCount == 3000)
        #expect(progress.fraction == 1)
    }
}
