import Foundation
import KVCacheCore
@testable import KVCacheInput
import KVCacheTestSupport
import Testing

/// The JSONL id scanner's fast paths (SWAR for up to 8 digits, an 18-digit loop, the checked
/// path beyond) must agree with plain parsing for every digit count, separator and position.
@Suite struct JSONScannerTests {
    @Test func hashIdsOfEveryLengthAndSpacing() throws {
        var rng = SplitMix64(seed: 12)
        var lines: [String] = []
        var expected: [[UInt64]] = []
        for _ in 0 ..< 400 {
            var ids: [UInt64] = []
            for _ in 0 ..< Int.random(in: 1 ... 12, using: &rng) {
                let digits = Int.random(in: 1 ... 20, using: &rng)
                var text = String(Int.random(in: 1 ... 9, using: &rng))
                for _ in 1 ..< digits { text += String(Int.random(in: 0 ... 9, using: &rng)) }
                if let v = UInt64(text) { ids.append(v) } else { ids.append(UInt64(text.prefix(19))!) }
            }
            let separators = [", ", ",", " , ", ",  "]
            let body = ids.map(String.init).enumerated().map { i, s in
                i == 0 ? s : separators[Int.random(in: 0 ..< separators.count, using: &rng)] + s
            }.joined()
            lines.append("{\"input_length\": \(ids.count * 512), \"hash_ids\": [\(body)]}")
            expected.append(ids)
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scanner-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        let trace = try TraceLoader.load(path: url.path, blockSizeTokens: 512)
        // Dense ids follow first appearance: rebuild the raw ids through the same order.
        var next: Int32 = 0
        var expectedDense: [Int32] = []
        var seen: [UInt64: Int32] = [:]
        for id in expected.joined() {
            if let d = seen[id] { expectedDense.append(d) } else {
                seen[id] = next
                expectedDense.append(next)
                next += 1
            }
        }
        #expect(trace.blockIds == expectedDense)
        #expect(trace.uniqueBlocks == seen.count)
    }
}

/// Keys are compared in place, byte for byte (MooncakeReader's duplicate-key check).
@Suite struct JSONScannerKeyTests {
    @Test func sameBytesComparesRangesInPlace() throws {
        var text = #"{"ab": 1, "ab": 2, "a": 3, "ba": 4, "": 5, "": 6}"#
        let ranges: [Range<Int>] = try text.withUTF8 { bytes in
            var s = JSONLineScanner(bytes)
            var keys: [Range<Int>] = []
            try s.expect(UInt8(ascii: "{"), "{")
            repeat {
                keys.append(try s.stringRange())
                try s.expect(UInt8(ascii: ":"), ":")
                try s.skipValue()
            } while s.consume(UInt8(ascii: ","))
            return keys
        }
        text.withUTF8 { bytes in
            let s = JSONLineScanner(bytes)
            #expect(s.sameBytes(ranges[0], ranges[1]))
            #expect(!s.sameBytes(ranges[0], ranges[2]))
            #expect(!s.sameBytes(ranges[0], ranges[3]))
            #expect(s.sameBytes(ranges[4], ranges[5]))
            #expect(!s.sameBytes(ranges[2], ranges[4]))
        }
    }
}
