import Foundation
import KVCacheCore
@testable import KVCacheInput
import Testing

/// A plain `ids` file is mapped and scanned in blocks of whole lines on both cores
/// (`IdsReader`), a compressed one in order as it is read: whatever the block size, both give
/// the same trace, the same warnings and the same first error, with line numbers counted from
/// the file's start.
@Suite struct IdsBlocksTests {
    private static func write(_ bytes: [UInt8], suffix: String = "") throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kvcache-ids-\(UUID().uuidString).txt\(suffix)")
        try Data(bytes).write(to: url)
        return url.path
    }

    private static func load(_ path: String, blockBytes: Int, skipBadLines: Bool) throws -> Trace {
        var options = ReadOptions(skipBadLines: skipBadLines)
        options.parallelBlockBytes = blockBytes
        return try TraceLoader.load(path: path, format: .ids, blockSizeTokens: 16, options: options)
    }

    /// A deterministic mix of ids (short, long, negative, 20-digit), blank lines, CRLF endings,
    /// spaces and (when `bad`) malformed lines; the last line may lack its newline.
    private static func text(seed: UInt64, lines: Int, bad: Bool) -> String {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var out = seed % 3 == 0 ? "\u{FEFF}" : ""
        for k in 0 ..< lines {
            switch next(12) {
            case 0: out += "\n"
            case 1: out += "  \(next(50))\t\r\n"
            case 2: out += "-\(next(50))\n"
            case 3: out += "\(18_446_744_073_709_551_000 + UInt64(next(600)))\n"
            case 4 where bad: out += ["x\n", "1.5\n", "12 34\n", "-\n", "99999999999999999999\n"][next(5)]
            default: out += "\(next(40))" + (next(5) == 0 ? "\r\n" : "\n")
            }
            if k == lines - 1, next(2) == 0, out.hasSuffix("\n") { out.removeLast() }
        }
        return out
    }

    private static func summary(_ t: Trace, _ path: String) -> String {
        let examples = t.warnings.examples.mapValues { $0.replacingOccurrences(of: path, with: "FILE") }
        return "\(t.blockIds) \(Array(t.requestStarts)) \(Array(t.inputLengths)) \(t.uniqueBlocks) \(t.warnings.counts) \(examples)"
    }

    private static func firstError(_ path: String, blockBytes: Int) -> String {
        do { _ = try load(path, blockBytes: blockBytes, skipBadLines: false) } catch let e as InputError {
            return "\(e.line ?? -1) \(e.field ?? "") \(e.message)"
        } catch { return "\(error)" }
        return "no error"
    }

    @Test func mappedBlocksAndTheInOrderReadGiveTheSameTrace() throws {
        for seed in UInt64(1) ... 9 {
            let text = Self.text(seed: seed, lines: 400, bad: true)
            let path = try Self.write(Array(text.utf8))
            let gzip = try Self.write(try ByteStream.compress(Array(text.utf8), as: .gzip), suffix: ".gz")
            defer {
                try? FileManager.default.removeItem(atPath: path)
                try? FileManager.default.removeItem(atPath: gzip)
            }
            let inOrder = try Self.load(gzip, blockBytes: 1 << 20, skipBadLines: true)
            #expect(inOrder.requestCount > 250)
            #expect(inOrder.warnings.counts["skipped_bad_line"] ?? 0 > 0)
            let expected = Self.summary(inOrder, gzip), expectedError = Self.firstError(gzip, blockBytes: 1 << 20)
            #expect(expectedError != "no error")
            for blockBytes in [1, 2, 7, 64, 999, 1 << 20] {
                let mapped = try Self.load(path, blockBytes: blockBytes, skipBadLines: true)
                #expect(Self.summary(mapped, path) == expected, "seed \(seed), blocks of \(blockBytes) bytes")
                #expect(Self.firstError(path, blockBytes: blockBytes) == expectedError, "seed \(seed), blocks of \(blockBytes) bytes")
            }
        }
    }

    /// A malformed line far into the file is named by its line in the file, not in its block.
    @Test func aLateBadLineIsNamedByItsLineInTheFile() throws {
        var text = ""
        for k in 0 ..< 999 { text += k % 10 == 0 ? "\n" : "\(k)\n" }
        text += "12x\n7\n"
        let path = try Self.write(Array(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        for blockBytes in [1, 5, 100, 1 << 20] {
            #expect(throws: InputError(file: path, line: 1000, field: "id", "unexpected text after the id (column 3)")) {
                try Self.load(path, blockBytes: blockBytes, skipBadLines: false)
            }
            let skipped = try Self.load(path, blockBytes: blockBytes, skipBadLines: true)
            #expect(skipped.requestCount == 999 - 100 + 1)
            #expect(skipped.warnings.examples["skipped_bad_line"]?.hasPrefix("\(path):1000: ") == true)
        }
    }
}
