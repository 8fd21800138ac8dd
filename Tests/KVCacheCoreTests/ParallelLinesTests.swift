import Foundation
import KVCacheCore
@testable import KVCacheInput
import Testing

/// Mooncake JSONL is parsed a block of lines at a time on a second thread (`ParallelLines`);
/// whatever the block size, the trace, its warnings and the first error are those of a
/// line-by-line read.
@Suite struct ParallelLinesTests {
    private static func write(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kvcache-parallel-\(UUID().uuidString).jsonl")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    private static func load(_ path: String, blockBytes: Int, skipBadLines: Bool, maxLineBytes: Int = 64 << 20) throws -> Trace {
        var options = ReadOptions(skipBadLines: skipBadLines, maxLineBytes: maxLineBytes)
        options.parallelBlockBytes = blockBytes
        return try TraceLoader.load(path: path, format: .mooncake, blockSizeTokens: 16, options: options)
    }

    /// A deterministic mix of good lines, blank lines, count mismatches, CRLF endings and (when
    /// `bad`) malformed lines.
    private static func text(seed: UInt64, lines: Int, bad: Bool) -> String {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var out = ""
        for k in 0 ..< lines {
            switch next(10) {
            case 0: out += "\n"
            case 1 where bad: out += "{\"timestamp\": \(k), \"input_length\": 5, \"hash_ids\": [1, oops]}\n"
            case 2 where bad: out += "{\"timestamp\": \(k), \"hash_ids\": [3]}\n"
            default:
                let n = 1 + next(6)
                let ids = (0 ..< n).map { _ in String(next(40)) }.joined(separator: ", ")
                let length = 16 * n - next(3) + (next(7) == 0 ? 40 : 0)
                out += "{\"timestamp\": \(k), \"input_length\": \(length), \"output_length\": \(next(9)), \"hash_ids\": [\(ids)]}"
                out += next(4) == 0 ? "\r\n" : "\n"
            }
        }
        return out
    }

    private static func same(_ a: Trace, _ b: Trace) -> Bool {
        a.blockIds == b.blockIds && a.requestStarts == b.requestStarts && a.inputLengths == b.inputLengths
            && a.outputLengths == b.outputLengths && a.timestamps == b.timestamps && a.warnings == b.warnings
            && a.uniqueBlocks == b.uniqueBlocks
    }

    @Test func everyBlockSizeGivesTheLineByLineTrace() throws {
        for seed in UInt64(1) ... 12 {
            let path = try Self.write(Self.text(seed: seed, lines: 300, bad: true))
            let whole = try Self.load(path, blockBytes: 1 << 30, skipBadLines: true)
            #expect(whole.requestCount > 100)
            #expect(whole.warnings.counts["skipped_bad_line"] ?? 0 > 0)
            for blockBytes in [1, 50, 700, 4096] {
                let split = try Self.load(path, blockBytes: blockBytes, skipBadLines: true)
                #expect(Self.same(whole, split), "seed \(seed), blocks of \(blockBytes) bytes")
            }
        }
    }

    /// A plain file is read through a mapping, a compressed one through pooled, reused buffers
    /// (and ids written compactly take the integer arrays' fast path): the same trace and the
    /// same first error either way, whatever the block size.
    @Test func mappedAndPooledReadsGiveTheSameTrace() throws {
        for seed in UInt64(1) ... 6 {
            for compact in [false, true] {
                var text = Self.text(seed: seed, lines: 300, bad: true)
                if compact { text = text.replacingOccurrences(of: ", ", with: ",") }
                let path = try Self.write(text)
                let gzip = path + ".gz"
                try Data(ByteStream.compress(Array(text.utf8), as: .gzip)).write(to: URL(fileURLWithPath: gzip))
                defer { try? FileManager.default.removeItem(atPath: gzip) }
                for blockBytes in [1, 64, 700, 1 << 20] {
                    let plain = try Self.load(path, blockBytes: blockBytes, skipBadLines: true)
                    let packed = try Self.load(gzip, blockBytes: blockBytes, skipBadLines: true)
                    // (The warnings' examples name the file, which differs.)
                    #expect(plain.blockIds == packed.blockIds && plain.requestStarts == packed.requestStarts
                                && plain.inputLengths == packed.inputLengths && plain.outputLengths == packed.outputLengths
                                && plain.timestamps == packed.timestamps && plain.uniqueBlocks == packed.uniqueBlocks
                                && plain.warnings.counts == packed.warnings.counts,
                            "seed \(seed), compact \(compact), blocks of \(blockBytes) bytes")
                    var errors: [String] = []
                    for file in [path, gzip] {
                        do { _ = try Self.load(file, blockBytes: blockBytes, skipBadLines: false) } catch let e as InputError {
                            errors.append("\(e.line ?? -1) \(e.field ?? "") \(e.message)")
                        }
                    }
                    #expect(errors.count == 2 && errors[0] == errors[1], "seed \(seed), blocks of \(blockBytes): \(errors)")
                }
            }
        }
    }

    @Test func theFirstBadLineIsTheErrorWhateverTheBlocks() throws {
        for seed in UInt64(1) ... 12 {
            let path = try Self.write(Self.text(seed: seed, lines: 200, bad: true))
            var expected: InputError?
            do { _ = try Self.load(path, blockBytes: 1 << 30, skipBadLines: false) } catch let e as InputError { expected = e }
            let first = try #require(expected)
            for blockBytes in [1, 64, 1000] {
                #expect(throws: first) { try Self.load(path, blockBytes: blockBytes, skipBadLines: false) }
            }
        }
    }

    /// A line over the limit late in the file fails the read only after the earlier lines: an
    /// earlier malformed line is the error, as reading line by line.
    @Test func anEarlierBadLineWinsOverALaterLongLine() throws {
        var text = ""
        for k in 0 ..< 40 { text += "{\"input_length\": 16, \"hash_ids\": [\(k)]}\n" }
        text += "{\"input_length\": 16, \"hash_ids\": [x]}\n"  // line 41
        for k in 0 ..< 40 { text += "{\"input_length\": 16, \"hash_ids\": [\(k)]}\n" }
        text += "{\"input_length\": 16, \"hash_ids\": [" + Array(repeating: "7", count: 400).joined(separator: ",") + "]}\n"  // line 82
        let path = try Self.write(text)
        for blockBytes in [1, 100, 1 << 20] {
            do {
                _ = try Self.load(path, blockBytes: blockBytes, skipBadLines: false, maxLineBytes: 200)
                Issue.record("no error")
            } catch let e as InputError {
                #expect(e.line == 41, "blocks of \(blockBytes): \(e)")
            }
            do {
                _ = try Self.load(path, blockBytes: blockBytes, skipBadLines: true, maxLineBytes: 200)
                Issue.record("no error")
            } catch let e as InputError {
                #expect(e.line == 82, "blocks of \(blockBytes): \(e)")
            }
        }
    }

    /// The blocks' lines are `forEachLine`'s, whatever the block size: numbers, `\r\n`, a BOM,
    /// blank lines, a last line without a newline, lines longer than a block; and a line over the
    /// limit is the same error, after the same lines.
    @Test func lineBlocksGiveTheLinesOfALineByLineRead() throws {
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        for round in 0 ..< 8 {
            var text = round % 2 == 0 ? "\u{FEFF}" : ""
            for _ in 0 ..< 60 {
                text += String(repeating: "ab", count: next(round < 4 ? 20 : 120))
                text += next(3) == 0 ? "\r\n" : "\n"
            }
            if round % 3 == 0 { text += "last without newline" }
            let path = try Self.write(text)
            for limit in [1 << 20, 150] {
                var expected: [(String, Int)] = [], expectedError: InputError?
                do {
                    try ByteStream.open(path).forEachLine(maxLineBytes: limit) { expected.append((String(decoding: $0, as: UTF8.self), $1)) }
                } catch let e as InputError { expectedError = e }
                for blockBytes in [1, 7, 64, 1000, 1 << 20] {
                    var got: [(String, Int)] = [], error: InputError?
                    do {
                        try ByteStream.open(path).forEachLineBlock(maxLineBytes: limit, blockBytes: blockBytes) { block in
                            block.forEachLine { got.append((String(decoding: $0, as: UTF8.self), $1)) }
                        }
                    } catch let e as InputError { error = e }
                    #expect(got.map(\.0) == expected.map(\.0) && got.map(\.1) == expected.map(\.1), "round \(round) limit \(limit) blocks of \(blockBytes)")
                    #expect(error == expectedError, "round \(round) limit \(limit) blocks of \(blockBytes)")
                }
            }
        }
    }

    /// A read error (a truncated gzip member) comes after the whole lines read before it, in
    /// blocks as line by line.
    @Test func aReadErrorComesAfterTheLinesBeforeIt() throws {
        var text = ""
        for k in 0 ..< 4000 { text += "line \(k) " + String(repeating: "x", count: k % 50) + "\n" }
        let packed = try ByteStream.compress(Array(text.utf8), as: .gzip)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kvcache-truncated-\(UUID().uuidString).gz")
        try Data(packed.prefix(packed.count * 2 / 3)).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var expected: [Int] = [], expectedError: String?
        do {
            try ByteStream.open(url.path).forEachLine(maxLineBytes: 1 << 20) { _, n in expected.append(n) }
        } catch { expectedError = "\(error)" }
        #expect(expectedError != nil && expected.count > 100)
        for blockBytes in [1, 100, 1 << 20] {
            var got: [Int] = [], error: String?
            do {
                try ByteStream.open(url.path).forEachLineBlock(maxLineBytes: 1 << 20, blockBytes: blockBytes) { block in
                    block.forEachLine { _, n in got.append(n) }
                }
            } catch let e { error = "\(e)" }
            #expect(got == expected, "blocks of \(blockBytes)")
            #expect(error == expectedError, "blocks of \(blockBytes)")
        }
    }
}
