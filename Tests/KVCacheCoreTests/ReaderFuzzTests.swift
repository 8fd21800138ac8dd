import Foundation
import KVCacheCore
import KVCacheInput
import Testing
#if canImport(Glibc)
import Glibc
#endif

// Seeded mutation fuzzing of every trace reader: a few small valid inputs per format (the
// README's example records, the first lines of the committed samples in notebooks-data/, a
// pretty-printed session, gzip and zstd copies) are mutated (bit flips, byte insertion, deletion
// and duplication, truncation, splices of two inputs, a number replaced by an extreme one,
// JSON punctuation swapped) and each mutant is loaded through `TraceLoader.load(ByteStream...)`.
// Every outcome must be a well-formed `Trace` or an `InputError`; another error type fails, and
// a crash fails the run. Deterministic: our own splitmix64 with fixed seeds.
//
// 100,000 mutants in all (see `mutants`), 10-11 s in a debug build on 2 cores. ByteStream
// reads files only (no in-memory constructor), so each mutant is written to a file of its own
// in a temporary folder per format and removed after its load: after a crash the folder holds
// the input that caused it; after a failure its path is recorded. Prints nothing on success.

// MARK: - Helpers (private to this file)

/// splitmix64 (Steele, Lea and Flood, OOPSLA 2014), our own so that the mutants never change
/// with a library.
private struct FuzzRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0 ..< n` (n > 0; the modulo bias is irrelevant here).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    mutating func chance(_ oneIn: Int) -> Bool { below(oneIn) == 0 }
}

private func u(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The package root, from this file's path: Tests/KVCacheCoreTests/ReaderFuzzTests.swift.
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The first whole lines of a committed sample, at most `limit` bytes (none if it is missing).
private func sampleHead(_ path: String, limit: Int = 320) -> String? {
    guard let data = FileManager.default.contents(atPath: packageRoot.appendingPathComponent(path).path) else { return nil }
    let head = Array(data.prefix(limit))
    guard let end = head.lastIndex(of: 0x0A) else { return nil }
    return String(decoding: head[...end], as: UTF8.self)
}

private func oracleRecord(time: UInt32, id: UInt64, size: UInt32 = 4096, next: Int64 = -1) -> [UInt8] {
    var bytes: [UInt8] = []
    withUnsafeBytes(of: time.littleEndian) { bytes += $0 }
    withUnsafeBytes(of: id.littleEndian) { bytes += $0 }
    withUnsafeBytes(of: size.littleEndian) { bytes += $0 }
    withUnsafeBytes(of: next.littleEndian) { bytes += $0 }
    return bytes
}

/// A large id without a zero digit standing for the small id `k` (distinct ones for distinct
/// ones): `"1"` and 18 digits (below 2^63), or `"3"` and 9 (below 2^32, for sessions' hash ids).
/// A few digits deleted, it stays above 2^20. (`BlockInterner` gives raw ids below 2^20 a direct
/// table of at least 65,536 slots, whose fill takes about 14 ms per trace in a debug build, so
/// 10^5 mutants with small ids would take minutes; they still occur, from CSV, whose first
/// block is raw id 0, and from a few mutations.)
private func bigId(_ k: UInt64, sessions: Bool = false) -> String {
    var h = (k &* 0x9E37_79B9_7F4A_7C15) ^ 0x5EED
    var s = sessions ? "3" : "1"
    for _ in 0 ..< (sessions ? 9 : 18) {
        s.append(Character(Unicode.Scalar(UInt8(0x31 + h % 9))))
        h /= 9
    }
    return s
}

/// `text` with every id of every `hash_ids` array replaced by its `bigId`.
private func bigIds(_ text: String, sessions: Bool = false) -> String {
    var out = ""
    var rest = Substring(text)
    while let r = rest.range(of: "\"hash_ids\": [") {
        out += rest[..<r.upperBound]
        rest = rest[r.upperBound...]
        let end = rest.firstIndex(of: "]") ?? rest.endIndex
        out += rest[..<end].split(separator: ",")
            .compactMap { UInt64($0.trimmingCharacters(in: .whitespaces)).map { bigId($0, sessions: sessions) } }
            .joined(separator: ", ")
        rest = rest[end...]
    }
    return out + rest
}

/// Valid inputs of each format, a few hundred bytes each: the README's example records and the
/// first lines of the committed samples (ids made large, see `bigId`), plus a few written here.
private enum FuzzSeeds {
    static func plain(_ format: TraceFormat) -> [[UInt8]] {
        var seeds: [String]
        switch format {
        case .mooncake:
            seeds = [
                #"{"timestamp": 27482, "input_length": 6955, "output_length": 52, "hash_ids": [46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 2353]}"# + "\n",
                #"{"timestamp": 0, "input_length": 1024, "hash_ids": [1, 2], "request_type": "chat", "meta": {"a": [1, {"b": null}], "c": true}}"# + "\n"
                    + #"{"timestamp": 5.5, "input_length": 600, "output_length": 3, "hash_ids": [1, 9223372036854775000]}"# + "\r\n",
            ]
            if let s = sampleHead("notebooks-data/sample_mooncake.jsonl") { seeds.append(s) }
            seeds = seeds.map { bigIds($0) }
        case .csv:
            seeds = [
                "sequence_id,sequence_length,request_type,timestamp\n7,2048,chat,1500\n7,4096,chat,1600\n8,100,batch,1700\n",
                "\"sequence_id\",\"sequence_length\",output_length\n\"a,b\",513,1\n\"q\"\"x\",1,0\n",
            ]
            if let s = sampleHead("notebooks-data/sample_sequences.csv", limit: 200) { seeds.append(s) }
        case .ids:
            // The README's `184467` and a few more, as negative large ids (kept by their bit
            // pattern): truncated, they stay large.
            seeds = ["184467\n3\n184467\n1\n", "1\n2\n3\n1\n\n42\n"].map { text in
                text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                    UInt64(line).map { "-" + bigId($0) } ?? String(line)
                }.joined(separator: "\n")
            }
            seeds.append("-9223372036854775808\n-1\n-1999999999999999999\n -7318264951111111142 \r\n\n")
        case .oracleGeneral:
            // Ids, sizes and next-access times of random-looking bits: a record shifted by an
            // inserted or deleted byte still has a large id.
            let a: UInt64 = 0x9E37_79B9_7F4A_7C15, b: UInt64 = 0xBF58_476D_1CE4_E5B9
            return [
                oracleRecord(time: 0, id: a, size: 0x7F4A_7C15, next: 0x1CE4_E5B9_94D0_49BB)
                    + oracleRecord(time: 0, id: b, size: 4096, next: -1) + oracleRecord(time: 0, id: a, size: 1, next: 0x5EED_5EED_5EED_5EED),
                oracleRecord(time: 1, id: b, size: 0xC0FF_EE00, next: 0x7FFF_FFFF_FFFF_FFF0) + oracleRecord(time: 1, id: UInt64.max, size: 1, next: 0x0123_4567_89AB_CDEF)
                    + oracleRecord(time: 2, id: a ^ b, size: 0xABCD_EF01, next: -0x1234_5678_9ABC_DEF0) + oracleRecord(time: UInt32.max, id: b, size: 4096, next: -1),
            ]
        case .sessions:
            seeds = [
                #"{"id": "trace_0001", "block_size": 64, "hash_id_scope": "local", "requests": [{"t": 0.0, "type": "n", "in": 200, "out": 169, "hash_ids": [1, 2, 3]}, {"t": 30.5, "type": "subagent", "requests": [{"t": 0.0, "type": "s", "in": 128, "out": 1, "hash_ids": [1, 2]}]}]}"# + "\n",
                "{\n  \"id\": \"p\",\n  \"hash_id_scope\": \"global\",\n  \"requests\": [\n    {\"t\": 1e0, \"in\": 64, \"out\": null, \"hash_ids\": [7]},\n    {\"t\": 0.25, \"type\": \"x\", \"in\": 130, \"hash_ids\": [7, 8]}\n  ]\n}\n",
                #"{"requests": [{"in": 64, "hash_ids": [0]}]}"# + "\n" + #"{"requests": [{"t": 2, "in": 63, "hash_ids": []}], "tool_tokens": 5}"# + "\n",
            ]
            seeds = seeds.map { bigIds($0, sessions: true) }
        case .bailian:
            seeds = [
                #"{"chat_id": 12, "parent_chat_id": 3, "timestamp": 61.114, "input_length": 1603, "output_length": 120, "type": "text", "turn": 2, "hash_ids": [1, 2, 3, 4, 5, 101]}"# + "\n",
                #"{"chat_id": 1, "parent_chat_id": -1, "timestamp": 0.5, "input_length": 20, "type": null, "hash_ids": [9, 10]}"# + "\n"
                    + #"{"chat_id": 2, "parent_chat_id": 1, "timestamp": 0.75, "input_length": 40, "turn": 2, "hash_ids": [9, 10, 11]}"# + "\n",
            ]
            if let s = sampleHead("notebooks-data/sample_bailian.jsonl", limit: 300) { seeds.append(s) }
            seeds = seeds.map { bigIds($0) }
        }
        return seeds.map { Array($0.utf8) }
    }

    /// The plain seeds plus gzip and zstd copies of the first.
    static func all(_ format: TraceFormat) -> [[UInt8]] {
        let p = plain(format)
        var seeds = p
        for compression in [ByteStream.Compression.gzip, .zstd] {
            if let packed = try? ByteStream.compress(p[0], as: compression) { seeds.append(packed) }
        }
        return seeds
    }
}

/// Numbers that break parsers: past every integer width, huge and tiny exponents, malformed ones.
private let extremeNumbers: [[UInt8]] = [
    "18446744073709551616", "18446744073709551615", "9223372036854775808", "-9223372036854775809", "4294967296",
    "2147483648", "2147483647", "-1", "1e400", "-1e400", "1e-400", "1e308", "1e303", "0.0000001",
    "1.", ".5", "+1", "1e", "NaN", "Infinity", "null", "true", "\"7\"", "9" + String(repeating: "0", count: 399),
].map { u($0) }

/// Zeros, for values only (after a `:`): as ids they would be small (see `bigId`).
private let zeroNumbers: [[UInt8]] = ["0", "-0", "00", "-"].map { u($0) }

/// Bytes worth inserting: structure, whitespace, line ends, NUL, invalid UTF-8, a BOM's first byte.
private let interestingBytes: [UInt8] = Array("{}[],:\"\\-.e0 \t\n\r".utf8) + [0x00, 0x7F, 0xFF, 0xC3, 0xEF, 0x1F, 0x8B]

private let punctuation: [UInt8] = Array("{}[],:\"".utf8)

private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

/// The first index at or after `start` (wrapping around) whose byte satisfies `match`.
private func find(_ b: [UInt8], from start: Int, _ match: (UInt8) -> Bool) -> Int? {
    let n = b.count
    for k in 0 ..< n where match(b[(start + k) % n]) { return (start + k) % n }
    return nil
}

/// `at`, moved past the digits it falls among: a byte put there does not split a number. (A
/// split id leaves a short one, below 2^20: see `bigId`.)
private func outsideDigits(_ b: [UInt8], _ at: Int) -> Int {
    var at = at
    if at > 0 { while at < b.count, isDigit(b[at]), isDigit(b[at - 1]) { at += 1 } }
    return at
}

/// One mutation of `input`; `seeds` are the splice partners.
private func mutate(_ input: [UInt8], _ rng: inout FuzzRandom, seeds: [[UInt8]]) -> [UInt8] {
    var b = input
    let n = b.count
    switch rng.below(9) {
    case 0 where n > 0:  // flip one bit
        b[rng.below(n)] ^= 1 << UInt8(rng.below(8))
    case 1:  // insert a byte: a structural one, or any
        if rng.chance(2) {
            b.insert(interestingBytes[rng.below(interestingBytes.count)], at: outsideDigits(b, rng.below(n + 1)))
        } else {
            b.insert(UInt8(truncatingIfNeeded: rng.next()), at: rng.below(n + 1))
        }
    case 2 where n > 0:  // delete one to three bytes
        let at = rng.below(n)
        b.removeSubrange(at ..< min(n, at + 1 + rng.below(3)))
    case 3 where n > 0:  // duplicate a range of up to 8 bytes, whole numbers only
        let start = outsideDigits(b, rng.below(n))
        var end = min(n, start + 1 + rng.below(8))
        while end > start, end < n, isDigit(b[end]), isDigit(b[end - 1]) { end -= 1 }
        b.insert(contentsOf: b[start ..< end], at: outsideDigits(b, rng.below(n + 1)))
    case 4 where n > 0:  // truncate
        b.removeLast(1 + rng.below(n))
    case 5:  // splice: a prefix of this input and a suffix of another, cut outside numbers
        let other = seeds[rng.below(seeds.count)]
        var cut = rng.below(n + 1), from = rng.below(other.count + 1)
        while cut < n, isDigit(b[cut]) { cut += 1 }
        while from < other.count, isDigit(other[from]) { from += 1 }
        b = Array(b.prefix(cut)) + other.suffix(from: from)
    case 6 where n > 0:  // replace a number (digits, signs, dots, exponents) by an extreme one
        guard let pick = find(b, from: rng.below(n), isDigit) else { break }
        func partOfNumber(_ c: UInt8) -> Bool { isDigit(c) || c == 0x2D || c == 0x2E || c == 0x2B || c == 0x65 || c == 0x45 }
        var lo = pick, hi = pick + 1
        while lo > 0, partOfNumber(b[lo - 1]) { lo -= 1 }
        while hi < n, partOfNumber(b[hi]) { hi += 1 }
        var before = lo
        while before > 0, b[before - 1] == 0x20 { before -= 1 }
        let isValue = before > 0 && b[before - 1] == UInt8(ascii: ":")
        let pool = isValue && rng.chance(3) ? zeroNumbers : extremeNumbers
        b.replaceSubrange(lo ..< hi, with: pool[rng.below(pool.count)])
    case 7 where n > 0:  // swap one JSON punctuation mark for another
        guard let at = find(b, from: rng.below(n), { punctuation.contains($0) }) else { break }
        b[at] = punctuation[rng.below(punctuation.count)]
    default:  // overwrite a byte (not inside a number) with a structural one
        guard n > 0 else { break }
        let at = outsideDigits(b, rng.below(n))
        if at < n { b[at] = interestingBytes[rng.below(interestingBytes.count)] }
    }
    return b
}

/// Writes `bytes` over the file at `path` (created or truncated).
private func overwrite(_ path: String, _ bytes: [UInt8]) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw InputError(file: path, "cannot write the fuzz input") }
    defer { close(fd) }
    try bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
            let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
            guard n > 0 else { throw InputError(file: path, "cannot write the fuzz input") }
            offset += n
        }
    }
}

/// What a returned trace must satisfy whatever its input: at least one request, consistent
/// offsets and dense ids, finite timestamps, parents before children.
private func malformation(_ t: Trace) -> String? {
    guard t.requestCount > 0 else { return "no request" }
    guard t.requestStarts.count == t.requestCount + 1, t.requestStarts.first == 0,
          t.requestStarts.last.map(Int.init) == t.blockIds.count else { return "bad request offsets" }
    for r in 0 ..< t.requestCount where t.requestStarts[r] > t.requestStarts[r + 1] { return "decreasing offsets" }
    for id in t.blockIds where id < 0 || Int(id) >= t.uniqueBlocks { return "block id \(id) outside 0 ..< \(t.uniqueBlocks)" }
    if t.inputLengths.contains(where: { $0 < 0 }) { return "a negative input length" }
    if let ts = t.timestamps {
        guard ts.count == t.requestCount else { return "\(ts.count) timestamps for \(t.requestCount) requests" }
        if let bad = ts.first(where: { !$0.isFinite }) { return "timestamp \(bad)" }
    }
    if t.hasLineage {
        for r in 0 ..< t.requestCount where t.parents[r] >= Int32(r) { return "request \(r) has parent \(t.parents[r])" }
    }
    return nil
}

// MARK: - Tests

@Suite("Reader fuzzing: every mutant is a Trace or an InputError")
struct ReaderFuzzTests {
    /// Mutants per format: 100,000 in all, 10-11 s for the six in a debug build on 2 cores
    /// (measured: 2 cores, `swift test --filter ReaderFuzzTests`). CSV gets fewer: each of its
    /// traces starts at raw id 0 (sequence 0, block 0), whose interner table costs about 14 ms
    /// in a debug build (see `bigId`); `ids` gets fewer because every number in it is an id.
    static func mutants(_ format: TraceFormat) -> Int {
        switch format {
        case .csv: 500
        case .ids: 10_000
        case .mooncake, .oracleGeneral, .sessions, .bailian: 22_375
        }
    }

    @Test(arguments: TraceFormat.allCases)
    func mutantsEndInATraceOrAnInputError(_ format: TraceFormat) throws {
        let seeds = FuzzSeeds.all(format)
        let compressed = 2  // the last two seeds
        #expect(seeds.count >= compressed + 2)
        let partners = TraceFormat.allCases.flatMap { FuzzSeeds.plain($0) }
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("kvcache-fuzz-\(format.rawValue)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var rng = FuzzRandom(seed: 0x5EED_0000 &+ UInt64(TraceFormat.allCases.firstIndex(of: format)!))
        var traces = 0, inputErrors = 0, failures = 0
        for i in 0 ..< Self.mutants(format) {
            // Mostly a plain seed; a compressed one time in 16 (each costs a decompression
            // thread and its buffers). One to three mutations, splicing with any format's seeds
            // one time in 3.
            let plain = seeds.count - compressed
            var bytes = seeds[rng.chance(16) ? plain + rng.below(compressed) : rng.below(plain)]
            for _ in 0 ... rng.below(3) {
                bytes = mutate(bytes, &rng, seeds: rng.chance(3) ? partners : seeds)
            }
            // A new file per mutant (rewriting one file in place costs ext4 a flush per mutant);
            // it is removed after its load, so a crash leaves the input that caused it.
            let path = dir.appendingPathComponent("mutant-\(i)").path
            try overwrite(path, bytes)
            // Mostly the format's own reader; one time in 4 through format inference (CSV may
            // then be inferred: blocks of 2^20 tokens keep its sequences to a few blocks).
            let inferred = rng.chance(4)
            let blockSize = inferred || format == .csv ? 1 << 20 : 512
            let options = ReadOptions(skipBadLines: rng.chance(4), maxLineBytes: 4096)
            do {
                let trace = try TraceLoader.load(try ByteStream.open(path), format: inferred ? nil : format,
                                                 blockSizeTokens: blockSize, options: options)
                traces += 1
                if let problem = malformation(trace) {
                    failures += 1
                    Issue.record("malformed trace (\(problem)) from \(bytes.count) bytes: \(ByteStream.hexPrefix(bytes, count: 64))")
                }
            } catch is InputError {
                inputErrors += 1
            } catch {
                failures += 1
                Issue.record("\(type(of: error)): \(error) from \(bytes.count) bytes: \(ByteStream.hexPrefix(bytes, count: 64))")
            }
            if failures > 0 {
                Issue.record("the input is kept at \(path)")
                break
            }
            unlink(path)
        }
        if failures == 0 { try? FileManager.default.removeItem(at: dir) }
        #expect(failures == 0)
        // Both outcomes occur: the mutants are neither all rejected nor all harmless.
        #expect(traces > Self.mutants(format) / 50, "\(traces) traces")
        #expect(inputErrors > Self.mutants(format) / 50, "\(inputErrors) input errors")
    }

    @Test func oneHundredThousandMutantsInAll() {
        #expect(TraceFormat.allCases.reduce(0) { $0 + Self.mutants($1) } == 100_000)
    }
}
