import Foundation
import KVCacheCore
import KVCacheInput
import KVCacheTestSupport
import Testing

// Agentic session traces (`SessionsReader`, the kv-cache-tester layout): nesting of sub-agents
// and their relative times, the stable time sort, concatenate and interleave replay, local id
// namespaces, the full-block rule, inputs (JSONL, pretty-printed, compressed, directories) and
// every malformed case with its message. Inputs are inline sessions written to fresh temporary
// folders; an opt-in suite reads the 384 published sessions when ../shared is present.

// MARK: - Helpers (private to this file)

private func makeTempDir() throws -> URL {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("kvcache-sessions-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

private func writeTemp(_ name: String, bytes: [UInt8], in dir: URL? = nil) throws -> String {
    let url = try (dir ?? makeTempDir()).appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}

private func writeTemp(_ name: String, _ text: String, in dir: URL? = nil) throws -> String {
    try writeTemp(name, bytes: Array(text.utf8), in: dir)
}

/// Reads one file with `SessionsReader`.
private func readSessions(path: String, options: SessionsOptions = SessionsOptions(), blockSize: Int = 4,
                          skipBadLines: Bool = false) throws -> Trace {
    let input = try ByteStream.open(path)
    var builder = TraceBuilder(blockSizeTokens: blockSize, source: input.name)
    try SessionsReader(options: options).read(input, into: &builder, options: ReadOptions(skipBadLines: skipBadLines))
    return builder.build()
}

/// Reads `text` written to a temporary file named `name`.
private func readSessions(_ text: String, name: String = "sessions.jsonl", options: SessionsOptions = SessionsOptions(),
                          blockSize: Int = 4, skipBadLines: Bool = false) throws -> Trace {
    try readSessions(path: try writeTemp(name, text), options: options, blockSize: blockSize, skipBadLines: skipBadLines)
}


/// The error of reading `text` (one file called `name`).
private func sessionsError(_ text: String, name: String = "bad.jsonl", blockSize: Int = 4,
                          sourceLocation: SourceLocation = #_sourceLocation) -> InputError? {
    inputError({ _ = try readSessions(text, name: name, blockSize: blockSize) }, sourceLocation: sourceLocation)
}

/// One request record (block size 4 in these tests: `in` 4 x ids).
private func req(_ t: Double, _ ids: [Int], type: String? = "n", input: Int? = nil, out: Int = 1) -> String {
    var fields = ["\"t\": \(t)"]
    if let type { fields.append("\"type\": \"\(type)\"") }
    fields.append("\"in\": \(input ?? ids.count * 4)")
    fields.append("\"out\": \(out)")
    fields.append("\"hash_ids\": \(ids)")
    return "{" + fields.joined(separator: ", ") + "}"
}

private func subagent(_ t: Double, _ records: [String]) -> String {
    "{\"t\": \(t), \"type\": \"subagent\", \"agent_id\": \"agent_001\", \"requests\": [\(records.joined(separator: ", "))]}"
}

private func session(_ records: [String], id: String = "s", blockSize: Int = 4, scope: String = "local") -> String {
    "{\"id\": \"\(id)\", \"block_size\": \(blockSize), \"hash_id_scope\": \"\(scope)\", \"requests\": [\(records.joined(separator: ", "))]}"
}

private func requests(_ t: Trace) -> [[Int32]] {
    (0 ..< t.requestCount).map { r in Array(t.blockIds[t.blockRange(of: r)]) }
}

private func labels(_ t: Trace) -> [String] {
    (0 ..< t.requestCount).map { t.requestTypeNames[t.requestType(of: $0)] }
}

// MARK: - Layout and order inside a session

@Suite struct SessionsLayoutTests {
    // a sub-agent's t is relative to the record list holding it, its requests' t to the
    // sub-agent: absolute = holder + t, summed from the top; then sorted by absolute time.
    @Test func subagentTimesAreRelativeAndSorted() throws {
        let text = session([
            req(0, [1], input: 4),
            subagent(10, [req(0, [1, 2], input: 8), req(5, [1, 2, 3], input: 12)]),
            req(12, [1, 4], input: 9),
        ])
        let t = try readSessions(text)
        #expect(t.timestamps == [0, 10_000, 12_000, 15_000])
        #expect(t.inputLengths == [4, 8, 9, 12])
        #expect(t.requestCount == 4)
    }

    @Test func nestedSubagentsAddEveryLevel() throws {
        let text = session([
            req(0, [1]),
            subagent(10, [req(1, [2]), subagent(2, [req(0.5, [3]), req(3, [4])])]),
            req(100, [5]),
        ])
        let t = try readSessions(text)
        #expect(t.timestamps == [0, 11_000, 12_500, 15_000, 100_000])
    }

    // equal absolute times keep the depth-first order (a record, then what is nested under it).
    @Test func tiesKeepDepthFirstOrder() throws {
        let subFirst = session([req(0, [1], input: 1), subagent(10, [req(0, [2], input: 2)]), req(10, [3], input: 3)])
        #expect(try readSessions(subFirst).inputLengths == [1, 2, 3])
        let parentFirst = session([req(0, [1], input: 1), req(10, [3], input: 3), subagent(4, [req(6, [2], input: 2)])])
        #expect(try readSessions(parentFirst).inputLengths == [1, 3, 2])
        // Records out of time order in the file are sorted, ties stay in file order.
        let unsorted = session([req(5, [1], input: 1), req(1, [2], input: 2), req(5, [3], input: 3), req(1, [4], input: 4)])
        #expect(try readSessions(unsorted).inputLengths == [2, 4, 1, 3])
    }

    // `type` is the label, spelled as the source normalises it; a sub-agent is not a request.
    @Test func typeLabels() throws {
        let text = session([req(0, [1], type: "s"), req(1, [1], type: "n"), req(2, [1], type: nil),
                            req(3, [1], type: "custom"), subagent(4, [req(0, [2], type: "s")])])
        let t = try readSessions(text)
        #expect(labels(t) == ["streaming", "non_streaming", "streaming", "custom", "streaming"])
        #expect(t.outputLengths == [1, 1, 1, 1, 1])
    }

    // unknown keys are skipped (and checked); key order does not matter.
    @Test func keyOrderAndUnknownKeys() throws {
        let text = """
            {"requests": [{"hash_ids": [7, 8], "x": {"y": [1, 2.5e3, true, null, "s\\u00e9"]}, "in": 9, "t": 2.5, "type": "s"}, \
            {"type": "subagent", "requests": [{"in": 4, "hash_ids": [7]}], "t": 3}], "block_size": 4, "totals": {"a": 1}}
            """
        let t = try readSessions(text)
        #expect(t.timestamps == [2_500, 3_000])
        #expect(requests(t) == [[0, 1], [0]])
    }
}

// MARK: - Blocks

@Suite struct SessionsBlockTests {
    // ids are local: the same hash id in two sessions is two blocks; a sub-agent shares its
    // session's namespace.
    @Test func localNamespaces() throws {
        let a = session([req(0, [1, 2]), subagent(1, [req(0, [1, 3])])], id: "a")
        let b = session([req(0, [1, 2])], id: "b")
        let t = try readSessions(a + "\n" + b + "\n")
        #expect(requests(t) == [[0, 1], [0, 2], [3, 4]])
        #expect(t.uniqueBlocks == 5)
    }

    // "global" scope keys blocks by the hash id alone, shared by global sessions only.
    @Test func globalScope() throws {
        let g1 = session([req(0, [1, 2])], scope: "global")
        let g2 = session([req(0, [1, 2])], scope: "global")
        let l = session([req(0, [1, 2])], scope: "local")
        let t = try readSessions([g1, l, g2].joined(separator: "\n"))
        #expect(requests(t) == [[0, 1], [2, 3], [0, 1]])
    }

    // hash_ids cover full blocks only: floor(in / block_size) is the norm; other counts warn.
    @Test func fullBlockRule() throws {
        let text = session([req(0, [1, 2], input: 11), req(1, [], input: 3), req(2, [1, 2, 3], input: 11),
                            req(3, [1], input: 4)])
        let t = try readSessions(text)
        #expect(t.requestCount == 4)
        #expect(t.warnings.counts["block_count_mismatch"] == 1)
        #expect(t.warnings.examples["block_count_mismatch"]?.contains("requests[2].hash_ids") == true)
        #expect(requests(t)[1].isEmpty)   // under one block: kept with no block
    }

    @Test func blockSizeMustMatch() throws {
        let e = sessionsError(session([req(0, [1])], blockSize: 64), blockSize: 4)
        #expect(e?.field == "block_size")
        #expect(e?.message.contains("set block_size_tokens: 64") == true)
        // absent: 64, as in the source
        let t = try readSessions("{\"requests\": [\(req(0, [1], input: 64))]}", blockSize: 64)
        #expect(t.requestCount == 1)
    }

    @Test func hashIdRange() throws {
        let max = session([req(0, [4_294_967_295, 0])])
        #expect(try readSessions(max).uniqueBlocks == 2)
        let e = sessionsError(session([req(0, [1, 4_294_967_296])]))
        #expect(e?.field == "requests[0].hash_ids")
        #expect(e?.message.contains("element 1: hash id 4294967296 is outside 0 ... 4294967295") == true)
        let n = sessionsError(session([req(0, [-1])]))
        #expect(n?.message.contains("hash id -1") == true)
    }
}

// MARK: - Replay orders

@Suite struct SessionsReplayTests {
    static let three = [
        session([req(0, [1], input: 4), req(5, [1, 2], input: 8)], id: "a"),
        session([req(2, [1], input: 5), req(3, [1], input: 6)], id: "b"),
        session([req(0, [9], input: 7), subagent(1, [req(0, [9, 10], input: 9)])], id: "c"),
    ].joined(separator: "\n")

    // each session continues where the previous ended: shifted so its first request comes at
    // the previous session's last request time.
    @Test func concatenate() throws {
        let t = try readSessions(Self.three)
        #expect(t.inputLengths == [4, 8, 5, 6, 7, 9])
        #expect(t.timestamps == [0, 5_000, 5_000, 6_000, 6_000, 7_000])
        #expect(t.warnings.isEmpty)
    }

    @Test func interleaveIsDeterministicPerSeed() throws {
        let o = SessionsOptions(order: .interleave, sessionRatePerSecond: 0.5, seed: 7)
        let a = try readSessions(Self.three, options: o)
        let b = try readSessions(Self.three, options: o)
        #expect(a.timestamps == b.timestamps)
        #expect(requests(a) == requests(b))
        #expect(a.requestCount == 6)
        #expect(a.timestamps?.first == 0)   // the first session starts at 0
        let ts = try #require(a.timestamps)
        #expect(zip(ts, ts.dropFirst()).allSatisfy { $0 <= $1 })
        var other = o
        other.seed = 8
        #expect(try readSessions(Self.three, options: other).timestamps != a.timestamps)
        // Within a session the order is kept; the first request of each session is at S_i.
        let order = a.inputLengths.map(Int.init)
        for (x, y) in [(4, 8), (5, 6), (7, 9)] {
            let i = try #require(order.firstIndex(of: x)), j = try #require(order.firstIndex(of: y))
            #expect(i < j)
        }
        #expect(Set(order) == [4, 8, 5, 6, 7, 9])
    }

    // ties across sessions go by session order.
    @Test func interleaveTiesBySessionOrder() throws {
        // A huge rate: every session starts within 1e-20 s, so the second requests (1 s after
        // each session's first) all land on exactly 1000 ms.
        let text = (1 ... 3).map { i in session([req(0, [1], input: 10 + i), req(1, [2], input: 20 + i)], id: "s\(i)") }
            .joined(separator: "\n")
        let t = try readSessions(text, options: SessionsOptions(order: .interleave, sessionRatePerSecond: 1e30, seed: 1))
        #expect(t.inputLengths == [11, 12, 13, 21, 22, 23])
        #expect(Array(t.timestamps?.suffix(3) ?? []) == [1000, 1000, 1000])
    }

    // concurrent sessions become a rate by Little's law: N / mean duration.
    @Test func concurrentSessionsIsARate() throws {
        // durations 5, 1, 1 s: mean 7/3 s; 2 concurrent sessions = 6/7 sessions per second.
        let byConcurrency = try readSessions(Self.three, options: SessionsOptions(order: .interleave, concurrentSessions: 2, seed: 3))
        let byRate = try readSessions(Self.three, options: SessionsOptions(order: .interleave, sessionRatePerSecond: 2 / (7.0 / 3), seed: 3))
        #expect(byConcurrency.timestamps == byRate.timestamps)
        #expect(requests(byConcurrency) == requests(byRate))
    }

    @Test func optionChecks() {
        let cases: [(SessionsOptions, String)] = [
            (SessionsOptions(order: .interleave), "workload.replay"),
            (SessionsOptions(order: .interleave, sessionRatePerSecond: 1, concurrentSessions: 1), "workload.concurrent_sessions"),
            (SessionsOptions(order: .interleave, sessionRatePerSecond: 0), "workload.session_rate_per_s"),
            (SessionsOptions(order: .interleave, concurrentSessions: .infinity), "workload.concurrent_sessions"),
            (SessionsOptions(sessionRatePerSecond: 1), "workload.session_rate_per_s"),
        ]
        for (o, field) in cases {
            #expect(inputError { try o.validate() }?.field == field)
        }
        let zero = session([req(0, [1])])
        let e = inputError { _ = try readSessions(zero, options: SessionsOptions(order: .interleave, concurrentSessions: 2)) }
        #expect(e?.message.contains("mean session duration") == true)
    }

    @Test func emptySessionsAreSkippedWithAWarning() throws {
        let text = session([]) + "\n" + session([subagent(0, [])]) + "\n" + session([req(0, [1])])
        let t = try readSessions(text)
        #expect(t.requestCount == 1)
        #expect(t.warnings.counts["empty_session"] == 2)
    }
}

// MARK: - Inputs

@Suite struct SessionsInputTests {
    // one session pretty-printed over many lines; blank lines and CRLF in a JSONL.
    @Test func prettyPrintedDocument() throws {
        let text = """
            {
              "id": "p",
              "block_size": 4,
              "requests": [
                {"t": 0.0, "type": "n", "in": 8, "out": 1, "hash_ids": [
                  1,
                  2
                ]},
                {"t": 1.5, "type": "s", "in": 4, "out": 2, "hash_ids": [1]}
              ]
            }

            """
        let t = try readSessions(text, name: "one.json")
        #expect(requests(t) == [[0, 1], [0]])
        #expect(t.timestamps == [0, 1_500])
        // Two pretty sessions in one document also read (whitespace-separated objects).
        let two = try readSessions(text + text, name: "two.json")
        #expect(two.requestCount == 4)
        #expect(two.uniqueBlocks == 4)
        let jsonl = "\r\n" + session([req(0, [1])]) + "\r\n\r\n" + session([req(0, [1])]) + "\r\n"
        #expect(try readSessions(jsonl).uniqueBlocks == 2)
    }

    @Test func sniffing() {
        func looks(_ text: String) -> Bool {
            Array(text.utf8).withUnsafeBufferPointer { SessionsReader.looksLikeSessions($0) }
        }
        #expect(looks(session([req(0, [1])])))
        #expect(looks("\u{FEFF}\n {\"id\": \"x\", \"models\": [\"m\"], \"block_size\": 64, \"hash_id_scope\": \"local\", \"tool_tokens\": 1"))
        #expect(looks("{\"id\": \"x\", \"requests\": [{\"t\": 0, \"hash_ids\": [1, 2"))   // cut by the peek
        #expect(!looks("{\"timestamp\": 0, \"input_length\": 10, \"output_length\": 1, \"hash_ids\": [1]}"))
        #expect(!looks("{\"chat_id\": 1, \"parent_chat_id\": -1, \"requests\": 3}"))
        #expect(!looks("sequence_id,sequence_length\n1,2\n"))
        #expect(!looks(""))
    }

    @Test func compressedInputs() throws {
        let text = Array((session([req(0, [1, 2])]) + "\n" + session([req(0, [1])]) + "\n").utf8)
        for c in [ByteStream.Compression.gzip, .zstd] {
            let path = try writeTemp("s.jsonl.\(c.rawValue)", bytes: try ByteStream.compress(text, as: c))
            let t = try readSessions(path: path)
            #expect(requests(t) == [[0, 1], [2]], "\(c)")
        }
    }

    // a directory: every regular file in file-name order, hidden ones skipped, one namespace
    // per session across files, compressed or not.
    @Test func directoryInNameOrder() throws {
        let dir = try makeTempDir()
        _ = try writeTemp("b.json", session([req(0, [1], input: 2)]), in: dir)
        _ = try writeTemp("a.json.gz", bytes: try ByteStream.compress(Array(session([req(0, [1], input: 1)]).utf8), as: .gzip), in: dir)
        _ = try writeTemp("c.jsonl", session([req(0, [1], input: 3)]) + "\n" + session([req(0, [1], input: 4)]) + "\n", in: dir)
        _ = try writeTemp(".hidden", "not json", in: dir)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        #expect(SessionsReader.isDirectory(dir.path))
        var builder = TraceBuilder(blockSizeTokens: 4, source: dir.path)
        try SessionsReader.readDirectory(dir.path, options: SessionsOptions(), into: &builder)
        let t = builder.build()
        #expect(t.inputLengths == [1, 2, 3, 4])
        #expect(t.uniqueBlocks == 4)
        let empty = try makeTempDir()
        var b2 = TraceBuilder(blockSizeTokens: 4, source: empty.path)
        #expect(inputError { try SessionsReader.readDirectory(empty.path, options: SessionsOptions(), into: &b2) }?
            .message.contains("no session files") == true)
    }
}

// MARK: - Malformed input

@Suite struct SessionsErrorTests {
    /// `(text, field, message fragment, line)`: each must fail naming all three.
    static let cases: [(String, String?, String, Int)] = [
        (session([req(0, [1]), req(1, [1]), req(2, [1]), "{\"t\": 3, \"in\": 4, \"hash_ids\": 5}"]),
         "requests[3].hash_ids", "expected an array of integers", 1),
        (session(["{\"in\": 4, \"hash_ids\": [1, \"x\"]}"]), "requests[0].hash_ids",
         "expected an array of integers (element 1: expected an integer, found a string)", 1),
        (session(["{\"in\": 4, \"hash_ids\": [1.5]}"]), "requests[0].hash_ids", "found '1.5'", 1),
        (session(["{\"in\": 4, \"hash_ids\": [01]}"]), "requests[0].hash_ids", "leading zero", 1),
        (session(["{\"t\": 1, \"hash_ids\": [1]}"]), "requests[0].in", "missing", 1),
        (session(["{\"t\": 1, \"in\": 4}"]), "requests[0].hash_ids", "missing", 1),
        (session(["{\"in\": -4, \"hash_ids\": [1]}"]), "requests[0].in", "must be between 0 and 2^31 - 1 (got -4)", 1),
        (session(["{\"in\": 4.5, \"hash_ids\": [1]}"]), "requests[0].in", "expected an integer, found '4.5'", 1),
        (session(["{\"in\": 4, \"out\": \"7\", \"hash_ids\": [1]}"]), "requests[0].out", "expected an integer, found a string", 1),
        (session(["{\"t\": \"0\", \"in\": 4, \"hash_ids\": [1]}"]), "requests[0].t", "expected a number, found a string", 1),
        (session(["{\"t\": null, \"in\": 4, \"hash_ids\": [1]}"]), "requests[0].t", "expected a number, found 'null'", 1),
        (session(["{\"t\": 1e999, \"in\": 4, \"hash_ids\": [1]}"]), "requests[0].t", "number out of range", 1),
        (session(["{\"type\": 3, \"in\": 4, \"hash_ids\": [1]}"]), "requests[0].type", "expected a string", 1),
        (session(["{\"in\": 4, \"in\": 4, \"hash_ids\": [1]}"]), "requests[0]", "duplicate key 'in'", 1),
        ("{\"requests\": [], \"requests\": []}", nil, "duplicate key 'requests'", 1),
        ("{\"totals\": {\"a\": 1, \"\\u0061\": 2}, \"requests\": []}", "totals", "duplicate key 'a'", 1),
        (session([subagent(0, [req(0, [1]), "{\"in\": 4, \"hash_ids\": [1], \"hash_ids\": [2]}"])]),
         "requests[0].requests[1]", "duplicate key 'hash_ids'", 1),
        (session([subagent(0, ["{\"in\": 4}"])]), "requests[0].requests[0].hash_ids", "missing", 1),
        (session(["{\"in\": 4, \"hash_ids\": [1], \"requests\": []}"]), "requests[0].requests",
         "nested requests in a record whose type is not 'subagent'", 1),
        (session(["5"]), "requests[0]", "expected a request object, found '5'", 1),
        ("{\"requests\": {}}", "requests", "expected an array of request objects, found an object", 1),
        ("{\"id\": \"x\"}", "requests", "missing", 1),
        ("{\"block_size\": 0, \"requests\": []}", "block_size", "must be a positive integer (got 0)", 1),
        ("{\"hash_id_scope\": \"galactic\", \"requests\": []}", "hash_id_scope", "must be 'local' or 'global' (got 'galactic')", 1),
        ("[1, 2]", nil, "expected a session object, found an array", 1),
        (session([]) + " x", nil, "unexpected text after the session object", 1),
        ("{\"id\": \"a\tb\", \"requests\": []}", "id", "control character in a string", 1),
        ("{\"id\": \"a\\qb\", \"requests\": []}", "id", "bad escape in a string", 1),
        ("{\"id\": tru, \"requests\": []}", "id", "unexpected 'tru'", 1),
        ("{\"requests\": [] \"id\": 1}", nil, "expected ',' or '}'", 1),
        ("{\"x\": " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + ", \"requests\": []}",
         "x", "nested deeper than 256 levels", 1),
        // the line of a JSONL session, and inside a pretty document the line of the byte
        (session([req(0, [1])]) + "\n\n" + session(["{\"in\": 4, \"hash_ids\": [1, -2]}"]), "requests[0].hash_ids", "hash id -2", 3),
        ("{\n  \"requests\": [\n    {\"in\": 4,\n     \"hash_ids\": [1,\n 2, x]}\n  ]\n}\n", "requests[0].hash_ids",
         "expected an array of integers (element 2: expected an integer, found 'x')", 5),
        ("{\n  \"requests\": [\n    {\"in\": 4, \"hash_ids\": [1]}\n", "requests", "expected ',' or ']'", 4),
    ]

    @Test func everyMalformedCaseNamesFileLineAndField() {
        for (i, (text, field, fragment, line)) in Self.cases.enumerated() {
            guard let e = sessionsError(text, name: "bad\(i).jsonl") else { continue }
            #expect(e.file?.hasSuffix("bad\(i).jsonl") == true, "case \(i)")
            #expect(e.field == field, "case \(i): \(e)")
            #expect(e.message.contains(fragment), "case \(i): \(e)")
            #expect(e.line == line, "case \(i): \(e)")
            #expect(e.message.contains("(column "), "case \(i): \(e)")
        }
    }

    @Test func columnOfTheOffendingByte() {
        let e = sessionsError("{\"requests\": [{\"in\": 4, \"hash_ids\": [1, 2, -3]}]}")
        #expect(e?.description.hasSuffix("(column 44)") == true, "\(String(describing: e))")
    }

    // skip_bad_lines drops a bad session line, leaving no id behind.
    @Test func skipBadLinesDropsTheSession() throws {
        let text = [session([req(0, [1])]), session([req(0, [1, 2]), "{\"in\": 4}"]), session([req(0, [7])])].joined(separator: "\n")
        let t = try readSessions(text, skipBadLines: true)
        #expect(t.requestCount == 2)
        #expect(t.uniqueBlocks == 2)
        #expect(t.warnings.counts["skipped_bad_line"] == 1)
        #expect(t.warnings.examples["skipped_bad_line"]?.contains(":2: field 'requests[1].hash_ids': missing") == true)
        #expect(inputError { _ = try readSessions(text) }?.line == 2)
    }
}

// MARK: - The published sessions (opt-in)

/// `../shared/data/kv-cache-tester/traces` beside the package, if present.
private let sharedSessions: String? = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let path = root.deletingLastPathComponent().appendingPathComponent("shared/data/kv-cache-tester/traces").path
    return SessionsReader.isDirectory(path) ? path : nil
}()

@Suite(.enabled(if: sharedSessions != nil, "../shared/data/kv-cache-tester/traces is not present"))
struct SharedSessionsTests {
    // the 384 sessions (gzip): 23,912 requests, 47,200,855 block accesses, 1,949,587 distinct
    // (session, hash id) blocks, every request with floor(in / 64) ids; the same counts
    // interleaved.
    @Test func publishedSessionCounts() throws {
        let dir = try #require(sharedSessions)
        for options in [SessionsOptions(), SessionsOptions(order: .interleave, concurrentSessions: 8, seed: 42)] {
            var builder = TraceBuilder(blockSizeTokens: 64, source: dir)
            try SessionsReader.readDirectory(dir, options: options, into: &builder)
            let t = builder.build()
            #expect(t.requestCount == 23_912)
            #expect(t.accessCount == 47_200_855)
            #expect(t.uniqueBlocks == 1_949_587)
            #expect(t.warnings.isEmpty, "\(t.warnings.counts)")
            let ts = try #require(t.timestamps)
            #expect(zip(ts, ts.dropFirst()).allSatisfy { $0 <= $1 })
        }
    }
}
