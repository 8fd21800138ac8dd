import Foundation
import KVCacheCore
import KVCacheInput
import KVCacheRender
import KVCacheTestSupport
import Testing

// The Bailian JSONL reader (alibaba-edu/qwen-bailian-usagetraces-anon), turns and lineage in
// `Trace` / `TraceBuilder`, and `simulate --json`'s `by_turn`. Inputs are inline lines, small
// files in a fresh temporary folder, and the committed notebooks-data/sample_bailian.jsonl.

// MARK: - Helpers (private to this file)

private func writeTemp(_ name: String, _ text: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("kvcache-bailian-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
}

/// Reads `path` with `BailianReader` at `blockSize` tokens per block.
private func readBailian(path: String, blockSize: Int = 16, skipBadLines: Bool = false) throws -> Trace {
    let input = try ByteStream.open(path)
    var builder = TraceBuilder(blockSizeTokens: blockSize, source: input.name)
    try BailianReader().read(input, into: &builder, options: ReadOptions(skipBadLines: skipBadLines))
    return builder.build()
}

private func readBailian(text: String, name: String = "bailian.jsonl", blockSize: Int = 16,
                         skipBadLines: Bool = false) throws -> (Trace, String) {
    let path = try writeTemp(name, text)
    return (try readBailian(path: path, blockSize: blockSize, skipBadLines: skipBadLines), path)
}


private func looksLikeBailian(_ text: String) -> Bool {
    var t = text
    return t.withUTF8 { BailianReader.looksLikeBailian($0) }
}

/// The committed sample, found from this file's path.
private let samplePath: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("notebooks-data/sample_bailian.jsonl").path

private func line(_ chat: Int, parent: Int = -1, t: String = "0.5", input: Int = 40, output: Int = 3,
                  type: String = "text", turn: Int = 1, ids: [Int]) -> String {
    "{\"chat_id\": \(chat), \"parent_chat_id\": \(parent), \"timestamp\": \(t), \"input_length\": \(input), "
        + "\"output_length\": \(output), \"type\": \"\(type)\", \"turn\": \(turn), \"hash_ids\": \(ids)}"
}

// MARK: - One line

@Suite struct BailianLineTests {
    @Test func parsesThePublishedExample() throws {
        let r = try BailianReader.parse("""
            {"chat_id": 159, "parent_chat_id": 55, "timestamp": 61.114, "input_length": 521, \
            "output_length": 132, "type": "text", "turn": 2, "hash_ids": [1089, 1090, 1091, 6326, 13148]}
            """)
        #expect(r.chatId == 159)
        #expect(r.parentChatId == 55)
        #expect(r.timestampMs == 61114)   // seconds -> ms, no binary noise
        #expect(r.inputLength == 521)
        #expect(r.outputLength == 132)
        #expect(r.type == "text")
        #expect(r.turn == 2)
        #expect(r.hashIds == [1089, 1090, 1091, 6326, 13148])
    }

    @Test func timestampsBecomeMillisecondsRoundedToTheMicrosecond() throws {
        for (text, ms) in [("0.0", 0.0), ("0.001", 1.0), ("7199.999", 7_199_999.0), ("12", 12_000.0),
                           ("1.0000004", 1000.0), ("2.5e-3", 2.5)] {
            let r = try BailianReader.parse(line(1, t: text, ids: [1]))
            #expect(r.timestampMs == ms, "\(text)")
        }
    }

    @Test func optionalFieldsAndNulls() throws {
        let r = try BailianReader.parse(#"{"chat_id": 3, "input_length": 5, "hash_ids": [9], "type": null, "turn": null, "timestamp": null, "output_length": null, "parent_chat_id": null}"#)
        #expect(r.parentChatId == -1)
        #expect(r.timestampMs == nil)
        #expect(r.outputLength == nil)
        #expect(r.type == nil)
        #expect(r.turn == nil)
    }

    @Test func unknownKeysAreIgnored() throws {
        let r = try BailianReader.parse(#"{"extra": {"a": [1, {"b": null}], "c": "x"}, "chat_id": 1, "note": "hi", "input_length": 16, "hash_ids": [4], "k": 1.5e3}"#)
        #expect(r.chatId == 1)
        #expect(r.hashIds == [4])
    }

    @Test func errorsNameFileLineAndField() {
        let cases: [(String, String, String)] = [
            (#"{"input_length": 5, "hash_ids": [1]}"#, "chat_id", "missing"),
            (#"{"chat_id": 1, "hash_ids": [1]}"#, "input_length", "missing"),
            (#"{"chat_id": 1, "input_length": 5}"#, "hash_ids", "missing"),
            (#"{"chat_id": 1, "input_length": 5, "hash_ids": []}"#, "hash_ids", "is empty"),
            (#"{"chat_id": 1, "input_length": 5, "hash_ids": [1, "x"]}"#, "hash_ids", "bad JSON"),
            (#"{"chat_id": 1, "input_length": 5, "hash_ids": [1, 2.5]}"#, "hash_ids", "bad JSON"),
            (#"{"chat_id": -4, "input_length": 5, "hash_ids": [1]}"#, "chat_id", "at least 0"),
            (#"{"chat_id": 1, "parent_chat_id": -2, "input_length": 5, "hash_ids": [1]}"#, "parent_chat_id", "-1"),
            (#"{"chat_id": 1, "input_length": -5, "hash_ids": [1]}"#, "input_length", "between 0"),
            (#"{"chat_id": 1, "input_length": 5, "output_length": -1, "hash_ids": [1]}"#, "output_length", "between 0"),
            (#"{"chat_id": 1, "input_length": 5, "turn": 0, "hash_ids": [1]}"#, "turn", "at least 1"),
            (#"{"chat_id": 1, "input_length": 5, "turn": 1.5, "hash_ids": [1]}"#, "turn", "bad JSON"),
            (#"{"chat_id": 1, "input_length": 5, "type": 3, "hash_ids": [1]}"#, "type", "bad JSON"),
            (#"{"chat_id": 1, "input_length": 5, "type": "", "hash_ids": [1]}"#, "type", "is empty"),
            (#"{"chat_id": 1, "input_length": 5, "timestamp": "x", "hash_ids": [1]}"#, "timestamp", "bad JSON"),
            (#"{"chat_id": 1, "turn": 1, "input_length": 5, "turn": 2, "hash_ids": [1]}"#, "turn", "duplicate key"),
            (#"{"chat_id": 1, "hash_ids": [1], "input_length": 5, "hash_ids": [2]}"#, "hash_ids", "duplicate key"),
            (#"{"chat_id": 1, "x": 1, "input_length": 5, "x": 2, "hash_ids": [1]}"#, "x", "duplicate key"),
        ]
        for (text, field, message) in cases {
            let error = inputError { _ = try BailianReader.parse(text, file: "q.jsonl", lineNumber: 7) }
            #expect(error?.file == "q.jsonl", "\(text)")
            #expect(error?.line == 7, "\(text)")
            #expect(error?.field == field, "\(text): \(String(describing: error))")
            #expect(error?.message.contains(message) == true, "\(text): \(String(describing: error))")
        }
        // Not an object, or trailing text: bad JSON, no field.
        for text in ["[1, 2]", #"{"chat_id": 1, "input_length": 5, "hash_ids": [1]} x"#, #"{"chat_id": 1"#] {
            let error = inputError { _ = try BailianReader.parse(text, file: "q.jsonl", lineNumber: 2) }
            #expect(error?.message.contains("bad JSON") == true, "\(text)")
            #expect(error?.line == 2)
        }
    }

    @Test func formatInference() {
        #expect(looksLikeBailian(line(1, ids: [1, 2])))
        #expect(looksLikeBailian(#"{"parent_chat_id": -1, "chat_id": 3}"#))
        // A first line cut short (a file's first bytes) still counts once both keys are seen.
        #expect(looksLikeBailian(String(line(1, ids: Array(0 ..< 500)).prefix(60))))
        #expect(looksLikeBailian(#"  {"chat_id": 0, "parent_chat_id": -1, "timest"#))
        #expect(!looksLikeBailian(#"{"chat_id": 0, "timestamp": 1"#))
        #expect(!looksLikeBailian(#"{"timestamp": 0, "input_length": 5, "output_length": 1, "hash_ids": [1]}"#))
        #expect(!looksLikeBailian(#"{"meta": {"chat_id": 1, "parent_chat_id": -1}}"#))   // top-level keys only
        #expect(!looksLikeBailian("sequence_id,sequence_length"))
        #expect(!looksLikeBailian(""))
    }
}

// MARK: - Whole inputs

@Suite struct BailianReaderTests {
    @Test func readsLineageTurnsTypesAndMilliseconds() throws {
        let text = [
            line(10, t: "0.25", input: 40, type: "text", turn: 1, ids: [100, 101, 102]),
            line(11, t: "1.5", input: 20, type: "search", turn: 1, ids: [200, 201]),
            "",
            line(12, parent: 10, t: "3.125", input: 70, type: "text", turn: 2, ids: [100, 101, 103, 104, 105]),
            line(13, parent: 12, t: "4", input: 90, type: "text", turn: 3, ids: [100, 101, 103, 104, 106, 107]),
            line(14, parent: 11, t: "4.5", input: 33, type: "image", turn: 2, ids: [200, 202, 203]),
        ].joined(separator: "\n") + "\n"
        let (trace, _) = try readBailian(text: text)
        #expect(trace.requestCount == 5)
        #expect(trace.timestamps == [250, 1500, 3125, 4000, 4500])
        #expect(trace.requestTypeNames == ["text", "search", "image"])
        #expect((0 ..< 5).map { trace.requestType(of: $0) } == [0, 1, 0, 0, 2])
        #expect(trace.hasTurns)
        #expect(trace.turns == [1, 1, 2, 3, 2])
        #expect(trace.hasLineage)
        #expect(trace.parents == [-1, -1, 0, 2, 1])
        #expect(trace.parent(of: 3) == 2)
        #expect(trace.parent(of: 0) == nil)
        #expect(trace.turn(of: 3) == 3)
        #expect(trace.outputLengths == [3, 3, 3, 3, 3])
        #expect(TraceFixture.requests(of: trace) == [[0, 1, 2], [3, 4], [0, 1, 5, 6, 7], [0, 1, 5, 6, 8, 9], [3, 10, 11]])
        #expect(trace.warnings.isEmpty, "\(trace.warnings)")
    }

    @Test func unknownParentsAndRepeatedChatIdsAreCountedWarnings() throws {
        let text = [
            line(1, ids: [1]),
            line(2, parent: 99, turn: 2, ids: [1, 2]),   // parent before the trace window
            line(1, ids: [3]),                            // chat_id 1 again
            line(3, parent: 1, turn: 2, ids: [3, 4]),     // finds the latest chat 1
        ].joined(separator: "\n")
        let (trace, path) = try readBailian(text: text)
        #expect(trace.parents == [-1, -1, -1, 2])
        #expect(trace.warnings.counts["unknown_parent"] == 1)
        #expect(trace.warnings.examples["unknown_parent"]?.hasPrefix("\(path):2:") == true)
        #expect(trace.warnings.counts["duplicate_request_key"] == 1)
    }

    @Test func blockCountMismatchIsAWarningAtTheConfiguredSize() throws {
        let text = line(1, input: 40, ids: [1, 2, 3]) + "\n" + line(2, input: 40, ids: [1, 2]) + "\n"
        let (at16, _) = try readBailian(text: text)
        #expect(at16.warnings.counts["block_count_mismatch"] == 1)
        let (at512, _) = try readBailian(text: text, blockSize: 512)
        #expect(at512.warnings.counts["block_count_mismatch"] == 2)
    }

    @Test func errorsNameTheFileAndLineAndSkipBadLinesLeavesNoTrace() throws {
        let text = [line(1, ids: [1, 2]), #"{"chat_id": 2, "input_length": 5, "turn": 0, "hash_ids": [7]}"#,
                    line(3, parent: 1, turn: 2, ids: [1, 2, 3])].joined(separator: "\n")
        let path = try writeTemp("bad.jsonl", text)
        let error = inputError { _ = try readBailian(path: path) }
        #expect(error?.file == path)
        #expect(error?.line == 2)
        #expect(error?.field == "turn")
        let trace = try readBailian(path: path, skipBadLines: true)
        #expect(trace.requestCount == 2)
        #expect(trace.warnings.counts["skipped_bad_line"] == 1)
        #expect(trace.uniqueBlocks == 3)   // id 7 of the skipped line was never interned
        #expect(trace.parents == [-1, 0])
    }

    @Test func gzipInputReads() throws {
        let text = line(1, ids: [1, 2]) + "\n" + line(2, parent: 1, turn: 2, ids: [1, 2, 3]) + "\n"
        let bytes = try ByteStream.compress(Array(text.utf8), as: .gzip)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kvcache-bailian-gz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("t.jsonl.gz")
        try Data(bytes).write(to: url)
        let trace = try readBailian(path: url.path)
        #expect(trace.parents == [-1, 0])
    }

    // The committed sample: lineages whose children extend their parent's full blocks.
    @Test func theCommittedSample() throws {
        let size = try FileManager.default.attributesOfItem(atPath: samplePath)[.size] as? Int ?? 0
        #expect(size > 0 && size < 300_000)
        let trace = try readBailian(path: samplePath)
        #expect(trace.requestCount == 427)
        #expect(trace.warnings.isEmpty, "\(trace.warnings)")
        #expect(Set(trace.requestTypeNames) == ["text", "search", "image", "file"])
        let ts = try #require(trace.timestamps)
        #expect(zip(ts, ts.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(trace.turns.max()! > 10)
        var children = 0
        for r in 0 ..< trace.requestCount {
            guard let p = trace.parent(of: r) else {
                #expect(trace.turn(of: r) == 1)
                continue
            }
            children += 1
            #expect(p < r)
            #expect(trace.turn(of: r) == trace.turn(of: p)! + 1)
            #expect(trace.requestType(of: r) == trace.requestType(of: p))
            let full = Int(trace.inputLengths[p]) / 16
            let mine = Array(trace.blockIds[trace.blockRange(of: r)])
            let theirs = Array(trace.blockIds[trace.blockRange(of: p)])
            #expect(Array(mine.prefix(full)) == Array(theirs.prefix(full)), "request \(r)")
        }
        #expect(children > 200)
        // Re-blocked to 64 tokens, the sample still shares prefixes.
        let re = try trace.reblocked(factor: 4)
        #expect(re.blockSizeTokens == 64)
        #expect(re.uniqueBlocks < re.accessCount)
    }
}

// MARK: - Builder and summary

@Suite struct TurnAndLineageTests {
    @Test func turnsAndLineageAreStoredOnlyWhenGiven() throws {
        var b = TraceBuilder(blockSizeTokens: 1, source: "t")
        try b.addRequest(rawIds: [1] as [UInt64], inputLength: 1, outputLength: nil, timestamp: nil)
        #expect(b.trace.turns.isEmpty && b.trace.parents.isEmpty)
        try b.addRequest(rawIds: [2] as [UInt64], inputLength: 1, outputLength: nil, timestamp: nil, turn: 3)
        #expect(b.trace.turns == [0, 3])
        #expect(b.trace.parents.isEmpty)
        try b.addRequest(rawIds: [3] as [UInt64], inputLength: 1, outputLength: nil, timestamp: nil, key: 5)
        #expect(b.trace.turns == [0, 3, 0])
        #expect(b.trace.parents == [-1, -1, -1])
        try b.addRequest(rawIds: [4] as [UInt64], inputLength: 1, outputLength: nil, timestamp: nil, parentKey: 5)
        let single: [UInt64] = [5, 6]
        try single.withUnsafeBufferPointer { try b.addSingleBlockRequests($0, inputLength: 1) }
        let t = b.build()
        #expect(t.turns == [0, 3, 0, 0, 0, 0])
        #expect(t.parents == [-1, -1, -1, 2, -1, -1])
        #expect(t.turn(of: 0) == nil && t.turn(of: 1) == 3)
        #expect(t.parent(of: 3) == 2)
        #expect(t.turns.count == t.requestCount && t.parents.count == t.requestCount)
        // A trace without them spends nothing.
        let plain = TraceFixture.make([[1], [2]])
        #expect(!plain.hasTurns && !plain.hasLineage)
        #expect(plain.turn(of: 0) == nil && plain.parent(of: 1) == nil)
    }

    @Test func aTurnBelowOneIsRejectedBeforeAnythingIsAdded() {
        var b = TraceBuilder(blockSizeTokens: 1, source: "t")
        let error = inputError { try b.addRequest(rawIds: [1] as [UInt64], inputLength: 1, outputLength: nil, timestamp: nil, turn: 0, line: 4) }
        #expect(error?.field == "turn" && error?.line == 4)
        #expect(b.requestCount == 0 && b.trace.uniqueBlocks == 0 && b.trace.blockIds.isEmpty)
    }

    @Test func largeTurnsAreClamped() throws {
        var b = TraceBuilder(blockSizeTokens: 1, source: "t")
        try b.addRequest(rawIds: [1] as [UInt64], inputLength: 1, outputLength: nil, timestamp: nil, turn: 1_000_000)
        #expect(b.trace.turns == [65535])
    }

    /// The `by_turn` object of a summary, as (key, requests, accesses, prefix hits).
    private func byTurn(_ json: JSONValue) -> [(String, Int, Int, Int)]? {
        guard case .object(let top) = json, let entry = top.first(where: { $0.0 == "by_turn" }),
              case .object(let turns) = entry.1 else { return nil }
        return turns.map { key, value in
            guard case .object(let f) = value,
                  case .int(let requests)? = f.first(where: { $0.0 == "requests" })?.1,
                  case .int(let accesses)? = f.first(where: { $0.0 == "accesses" })?.1,
                  case .object(let hits)? = f.first(where: { $0.0 == "hits" })?.1,
                  case .int(let prefix)? = hits.first(where: { $0.0 == "prefix" })?.1 else { return (key, -1, -1, -1) }
            return (key, requests, accesses, prefix)
        }
    }

    @Test func summaryByTurn() throws {
        // Turns 1, 2, 1, 12, 11, none: buckets "1", "2", "11+", "unknown".
        var b = TraceBuilder(blockSizeTokens: 1, source: "t")
        let requests: [([UInt64], Int?)] = [([1, 2], 1), ([1, 2, 3], 2), ([4], 1), ([1, 2, 3, 5], 12), ([4, 6], 11), ([1], nil)]
        for (ids, turn) in requests {
            try b.addRequest(rawIds: ids, inputLength: ids.count, outputLength: nil, timestamp: nil, turn: turn)
        }
        let trace = b.build()
        var config = SimulationConfig()
        config.blockSizeTokens = 1
        config.capacity = .blocks(100)
        let run = try SimulationRun.execute(config: config, trace: trace)
        let rows = try #require(byTurn(RunSummary.json(run)))
        #expect(rows.map(\.0) == ["1", "2", "11+", "unknown"])
        #expect(rows.map(\.1) == [2, 1, 2, 1])
        #expect(rows.map(\.2) == [3, 3, 6, 1])
        // Infinite cache: hits are the blocks seen before, prefix-wise.
        #expect(rows.map(\.3) == [0, 2, 3 + 1, 1])
        // Without turns there is no by_turn.
        let plain = try SimulationRun.execute(config: config, trace: TraceFixture.make([[1], [1]]))
        #expect(byTurn(RunSummary.json(plain)) == nil)
    }
}
