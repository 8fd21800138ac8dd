import KVCacheCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Agentic session traces (`--format sessions`): the layout of the WEKA / SemiAnalysis
/// kv-cache-tester traces of Claude Code sessions (github.com/callanjfox/kv-cache-tester,
/// `traces/`, read by its `trace_replay_tester.py`).
///
/// **Layout** (checked against that source and its 384 published sessions). One JSON object per
/// session: `id`, `models`, `block_size` (tokens per block, 64 in every published file; 64 when
/// absent, as in the source), `hash_id_scope` (`"local"`), `tool_tokens`, `system_tokens`,
/// `totals`, and `requests`, an array of records in session order. A request record has `t`
/// (seconds, a float, from the start of the record list that holds it), `type` (`"s"`
/// streaming, `"n"` non-streaming), `model`, `in` and `out` (tokens), `hash_ids`, `api_time`
/// and `think_time` (seconds), `input_types`, `output_types`, `stop`. A **sub-agent** is a
/// record of that same array with `type: "subagent"` and its own `requests` array (plus
/// `agent_id`, `subagent_type`, `duration_ms`, `status`, `models`, `tool_tokens`, ...); its
/// `t` is when it starts, relative like any record's, and the `t` of its own requests is
/// relative to it (the first is 0.0). The source's `flatten_requests` makes times absolute the
/// same way, recursively: `abs = abs(holder) + t`, summed from the outermost record down.
/// In the 384 sessions: 63 sub-agents, none nested in another, whose requests the time sort
/// moves among their parent's in 17 sessions (no two records share an absolute time); hash ids
/// 1 ... 42,179; every request has `floor(in / 64)` ids (`ceil` would match only 345 of 23,912).
/// (The source's live replay runs a sub-agent as a separate user and pauses its parent; its
/// `flatten_requests` timeline, followed here, is the recorded one.)
///
/// **Rules.**
/// - Requests: a record is a request unless its `type` is `"subagent"`; it needs `in` and
///   `hash_ids` (the source would default them to 0 and `[]`; here they are errors). `out` is
///   the output length. The label is `type`, spelled as the source's `normalize_request` does:
///   `s` -> `streaming`, `n` -> `non_streaming`, absent -> `streaming`, anything else as given.
///   `t` defaults to 0 (as in the source). A sub-agent's own `hash_ids`, `in`, `out` are
///   ignored; a record with nested `requests` whose type is not `"subagent"` is an error.
/// - Blocks: `hash_ids` cover full blocks only, `floor(in / block_size)` of them (so a request
///   under one block has none, and is kept with no block); another count is a counted
///   `block_count_mismatch` warning. `block_size` must equal the trace's `block_size_tokens`
///   (an error otherwise, which says what to set).
/// - Ids are local: a block's key is (session, hash id); sub-agents share their session's
///   namespace. The raw id is `base(session) + hash id`, where sessions get disjoint ranges
///   `[base, base + max hash id]` in input order (bases start at 0, so raw ids stay small and
///   dense); hash ids must be integers in 0 ..< 2^32, and the bases below 2^63. A session with
///   `hash_id_scope: "global"` keys blocks by the hash id alone, as `2^63 + hash id`, shared by
///   every global session and disjoint from the local ranges. Absent or `"per_context"` (the
///   source's default) reads as local.
/// - Order inside a session: records depth first (a record, then the records nested under it),
///   then stably sorted by absolute time, as the source's `flatten_requests` (Python's stable
///   sort); ties keep the depth-first order.
/// - `concatenate` (default): sessions in input order (a directory: file-name byte order; a
///   JSONL: line order). Session 1 keeps its times; every later session is shifted so that its
///   first request comes at the previous session's last request time (`shift_k = last_{k-1} -
///   first_k`, in absolute seconds); timestamps never decrease (a rounding step back is clamped).
/// - `interleave`: session `i` (input order, counting sessions with at least one request) starts
///   at `S_i`: `S_0 = 0`, `S_i = S_{i-1} + Exp(rate)`, the draws from a splitmix64 stream seeded
///   with `seed` (`u = (x >> 11) / 2^53`, gap `-log(1 - u) / rate`); its requests come at
///   `S_i + (abs - first_i)`. `rate` is `sessionRatePerSecond`, or `concurrentSessions / D` with
///   `D` the mean session duration `last_i - first_i` (Little's law: that many sessions in
///   progress on average). All requests are then merged by time, ties by session order and then
///   by order within the session.
/// - Timestamps are milliseconds (`t` is seconds). `api_time` / `think_time` are not used: this
///   replays recorded times (the source's `original` timing strategy).
/// - Sessions with no request are skipped and counted as `empty_session` warnings.
///
/// **Inputs**: a single session object (possibly pretty-printed over many lines), a JSONL with
/// one session per line, or a directory of such files (`readDirectory`), each possibly
/// gzip/zstd compressed (`ByteStream`). A file whose first record does not end on its first
/// line is read as one multi-line document (whitespace-separated session objects), up to
/// `maxLineBytes`; otherwise every non-blank line must be one whole session.
///
/// **Errors** name the file, the line of the offending byte, the field path
/// (`requests[3].hash_ids`, `requests[1].requests[0].in`) and the column; a key given twice in
/// an object is an error naming it. With `skipBadLines` a bad JSONL line (session) is dropped
/// as a `skipped_bad_line` warning; in a multi-line document the rest of the document is.
///
/// **Cost**: the byte-level `JSONDocumentParser`, no allocation per value; hash ids are held as
/// `UInt32` until the session (`concatenate`) or the whole input (`interleave`) is ordered:
/// 4 bytes per block access plus about 60 bytes per request.
public struct SessionsReader: TraceReader {
    public let options: SessionsOptions

    public init(options: SessionsOptions = SessionsOptions()) {
        self.options = options
    }

    /// Reads one input: a session object, a multi-line document or a JSONL of sessions.
    public func read(_ input: ByteStream, into builder: inout TraceBuilder, options readOptions: ReadOptions) throws {
        try options.validate()
        let replay = SessionReplay(options: options, blockSize: builder.trace.blockSizeTokens)
        if let size = input.sizeHint {
            builder.reserve(accesses: builder.trace.accessCount + reservation(size / 5),
                            requests: builder.requestCount + reservation(size / 4000))
        }
        try replay.read(input, into: &builder, readOptions)
        try replay.finish(into: &builder)
    }

    /// Reads every regular file of `path` (names starting with `.` excepted) in file-name byte
    /// order, each through `ByteStream.open`, as one set of sessions (one namespace counter, one
    /// replay order across all files).
    public static func readDirectory(_ path: String, options: SessionsOptions, readOptions: ReadOptions = ReadOptions(),
                                     into builder: inout TraceBuilder) throws {
        try options.validate()
        let files = try regularFiles(in: path)
        guard !files.isEmpty else { throw InputError(file: path, "no session files in the directory") }
        let replay = SessionReplay(options: options, blockSize: builder.trace.blockSizeTokens)
        for file in files {
            try replay.read(try ByteStream.open(file), into: &builder, readOptions)
        }
        replay.file = path
        try replay.finish(into: &builder)
    }

    /// Whether the first bytes of an input (e.g. `ByteStream.peek(4096)`, blank space and a BOM
    /// skipped or not) look like a session: a JSON object with a top-level `requests` array or
    /// a `hash_id_scope` key among the keys that fit in `head`. (Mooncake and Bailian lines have
    /// neither.)
    public static func looksLikeSessions(_ head: UnsafeBufferPointer<UInt8>) -> Bool {
        struct Found: Error {}
        var start = 0
        if head.count >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF { start = 3 }
        var p = JSONDocumentParser(UnsafeBufferPointer(rebasing: head[start...]))
        do {
            try p.readObject { p, key in
                if p.key(key, is: "hash_id_scope") { throw Found() }
                if p.key(key, is: "requests"), p.peek() == UInt8(ascii: "[") { throw Found() }
                try p.skipValue()
            }
        } catch is Found {
            return true
        } catch {
            return false
        }
        return false
    }

    /// Whether `path` names a directory (to choose `readDirectory`).
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// The regular files of a directory (following symbolic links; hidden names excepted), as
    /// paths, sorted by name bytes.
    public static func regularFiles(in path: String) throws -> [String] {
        guard let dir = opendir(path) else {
            throw InputError(file: path, "cannot open the directory: \(String(cString: strerror(errno)))")
        }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            guard let first = name.first, first != UInt8(ascii: ".") else { continue }
            names.append(name)
        }
        names.sort { $0.lexicographicallyPrecedes($1) }
        let prefix = path.hasSuffix("/") ? path : path + "/"
        return names.compactMap { name in
            let full = prefix + String(decoding: name, as: UTF8.self)
            var info = stat()
            guard stat(full, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            return full
        }
    }
}

/// A located failure inside a session, with the field path built on the way out.
struct SessionFailure: Error {
    var field: String?
    let line: Int
    let column: Int
    let message: String
    let truncated: Bool

    init(field: String?, line: Int, column: Int, message: String, truncated: Bool) {
        self.field = field
        self.line = line
        self.column = column
        self.message = message
        self.truncated = truncated
    }

    init(_ f: JSONDocumentParser.Failure, field: String?) {
        self.init(field: field, line: f.line, column: f.column, message: f.message, truncated: f.truncated)
    }

    func inputError(file: String) -> InputError {
        InputError(file: file, line: line, field: field, "\(message) (column \(column))")
    }
}

/// Runs `body`, prefixing the field path of its failures with `component` (`requests`, `[3]`,
/// `hash_ids`); the component is only built on failure.
@inline(__always)
private func within(_ component: @autoclosure () -> String, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let f as JSONDocumentParser.Failure {
        throw SessionFailure(f, field: component())
    } catch var f as SessionFailure {
        let c = component()
        if let inner = f.field {
            f.field = inner.hasPrefix("[") ? c + inner : c + "." + inner
        } else {
            f.field = c
        }
        throw f
    }
}

/// Collects sessions from one or more inputs and adds their requests to a builder in replay
/// order (`SessionsReader`'s rules).
final class SessionReplay {
    /// One record of a session, in depth-first order.
    struct Entry {
        /// `t` as read, then the absolute time in seconds within the session.
        var time: Double
        /// The holding sub-agent's entry index (absolute), -1 at the top level.
        var parent: Int32
        /// The record's index in its `requests` array (for messages).
        var arrayIndex: Int32
        var isSubagent = false
        var idStart = 0
        var idCount = 0
        var input: Int32 = 0
        var output: Int32 = -1
        var label: UInt16 = 0
        var line: Int32
    }

    enum Scope { case local, global }

    /// One committed session, waiting (interleave) or being emitted (concatenate).
    struct Session {
        /// Its requests' entry indices in replay order: `order[orderStart ..< orderEnd]`.
        var orderStart: Int
        var orderEnd: Int
        var first: Double
        var last: Double
        var base: UInt64
        var scope: Scope
    }

    struct Label {
        let raw: [UInt8]?
        let name: String
    }

    let options: SessionsOptions
    let blockSize: Int

    private var entries: [Entry] = []
    private let ids = HashIdBuffer()
    private var order: [Int32] = []
    private var sessions: [Session] = []
    private var labels: [Label] = [Label(raw: nil, name: "streaming")]
    /// Largest hash id of the session being read (-1: none).
    private var maxHash: Int64 = -1
    /// Next free local base.
    private var nextBase: UInt64 = 0
    /// concatenate: the last timestamp emitted (ms) and last request time of the previous session (s).
    private var lastEmitted: Double?
    private var previousLast: Double?
    private let raw = RawIdBuffer()
    /// The name of the input being read, for messages.
    var file = ""

    init(options: SessionsOptions, blockSize: Int) {
        self.options = options
        self.blockSize = blockSize
        entries.reserveCapacity(4096)
    }

    // MARK: Reading

    func read(_ input: ByteStream, into builder: inout TraceBuilder, _ readOptions: ReadOptions) throws {
        file = input.name
        var documentMode = false
        var decided = false
        var document: [UInt8] = []
        var documentLine = 0
        let limit = readOptions.maxLineBytes
        try input.forEachLine(maxLineBytes: limit) { line, number in
            if documentMode {
                guard document.count + line.count < limit else {
                    throw InputError(file: file, line: documentLine,
                                     "a multi-line JSON document longer than \(ByteStream.byteText(limit)) (the limit of one record)")
                }
                document.append(contentsOf: line)
                document.append(0x0A)
                return
            }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
            let mark = mark()
            let pending: PendingSession
            do {
                var p = JSONDocumentParser(line, firstLine: number)
                pending = try parseSession(&p)
                p.skipWhitespace()
                if !p.atEnd { throw p.fail("unexpected text after the session object (one session per line)") }
                decided = true
            } catch where !decided && Self.isTruncated(error) {
                rollback(mark)
                documentMode = true
                documentLine = number
                document = Array(line)
                document.append(0x0A)
                return
            } catch let e where readOptions.skipBadLines {
                decided = true
                rollback(mark)
                builder.warn("skipped_bad_line", "\(located(e))")
                return
            } catch {
                throw located(error)
            }
            do { try commit(pending, into: &builder) } catch { throw located(error) }
        }
        guard documentMode else { return }
        try document.withUnsafeBufferPointer { bytes in
            var p = JSONDocumentParser(bytes, firstLine: documentLine)
            p.skipWhitespace()
            while !p.atEnd {
                let mark = mark()
                let pending: PendingSession
                do {
                    pending = try parseSession(&p)
                } catch let e where readOptions.skipBadLines {
                    rollback(mark)
                    builder.warn("skipped_bad_line", "\(located(e)) (the rest of the document is skipped)")
                    return
                } catch {
                    throw located(error)
                }
                do { try commit(pending, into: &builder) } catch { throw located(error) }
                p.skipWhitespace()
            }
        }
    }

    /// Whether `error` says the input ended inside a value.
    private static func isTruncated(_ error: any Error) -> Bool {
        switch error {
        case let f as SessionFailure: f.truncated
        case let f as JSONDocumentParser.Failure: f.truncated
        default: false
        }
    }

    private func located(_ error: any Error) -> any Error {
        switch error {
        case let f as SessionFailure: f.inputError(file: file)
        case let f as JSONDocumentParser.Failure: SessionFailure(f, field: nil).inputError(file: file)
        default: error
        }
    }

    struct Mark {
        let entries: Int
        let ids: Int
        let order: Int
        let sessions: Int
    }

    func mark() -> Mark {
        Mark(entries: entries.count, ids: ids.count, order: order.count, sessions: sessions.count)
    }

    /// Forgets a session that failed to parse (nothing of it was committed).
    func rollback(_ m: Mark) {
        entries.removeLast(max(0, entries.count - m.entries))
        ids.truncate(to: m.ids)
        order.removeLast(max(0, order.count - m.order))
        sessions.removeLast(max(0, sessions.count - m.sessions))
        maxHash = -1
    }

    /// A session parsed into `entries[firstEntry...]` and `ids[firstId...]`, not yet committed.
    struct PendingSession {
        let firstEntry: Int
        let firstId: Int
        let scope: Scope
        let line: Int
        let column: Int
    }

    /// One session object at the parser's position, parsed and checked.
    func parseSession(_ p: inout JSONDocumentParser) throws -> PendingSession {
        guard p.peek() == UInt8(ascii: "{") else {
            throw p.fail("expected a session object, found \(p.describeValue())")
        }
        let startLine = p.line
        let startColumn = p.column
        let firstEntry = entries.count
        let firstId = ids.count
        maxHash = -1
        var sessionBlockSize: Int?
        var scope = Scope.local
        var sawRequests = false
        try p.readObject { p, key in
            if p.key(key, is: "requests") {
                sawRequests = true
                try within("requests") { try parseRequests(&p, parent: -1) }
            } else if p.key(key, is: "block_size") {
                try within("block_size") {
                    let v = try p.readInt64()
                    guard v >= 1, v <= Int64(Int32.max) else { throw p.fail("must be a positive integer (got \(v))") }
                    sessionBlockSize = Int(v)
                }
            } else if p.key(key, is: "hash_id_scope") {
                try within("hash_id_scope") {
                    let s = try p.readString()
                    switch s {
                    case "local", "per_context": scope = .local
                    case "global": scope = .global
                    default: throw p.fail("must be 'local' or 'global' (got '\(ByteStream.printable(s))')")
                    }
                }
            } else {
                let bytes = p.bytes
                try within(ByteStream.printable(JSONDocumentParser.text(of: key, in: bytes))) { try p.skipValue() }
            }
        }
        guard sawRequests else {
            throw SessionFailure(field: "requests", line: startLine, column: startColumn, message: "missing", truncated: false)
        }
        let b = sessionBlockSize ?? 64
        guard b == blockSize else {
            throw SessionFailure(field: "block_size", line: startLine, column: startColumn,
                                 message: "the session has \(b)-token blocks but block_size_tokens is \(blockSize): "
                                     + "set block_size_tokens: \(b) (a reblock factor then gives larger blocks)",
                                 truncated: false)
        }
        return PendingSession(firstEntry: firstEntry, firstId: firstId, scope: scope, line: startLine, column: startColumn)
    }

    /// A `requests` array whose records belong to entry `parent` (-1: the session).
    private func parseRequests(_ p: inout JSONDocumentParser, parent: Int) throws {
        guard p.peek() == UInt8(ascii: "[") else {
            throw p.fail("expected an array of request objects, found \(p.describeValue())")
        }
        try p.readArray { p, i in
            try within("[\(i)]") {
                guard p.peek() == UInt8(ascii: "{") else {
                    throw p.fail("expected a request object, found \(p.describeValue())")
                }
                try parseRecord(&p, parent: parent, index: i)
            }
        }
    }

    private func parseRecord(_ p: inout JSONDocumentParser, parent: Int, index: Int) throws {
        let me = entries.count
        let line = p.line
        let column = p.column
        entries.append(Entry(time: 0, parent: Int32(truncatingIfNeeded: parent), arrayIndex: Int32(clamping: index),
                             line: Int32(clamping: line)))
        var t = 0.0
        var input: Int32?
        var output: Int32 = -1
        var label = 0
        var isSubagent = false
        var sawIds = false
        var nested = false
        var idStart = ids.count
        try p.readObject { p, key in
            if p.key(key, is: "hash_ids") {
                sawIds = true
                try within("hash_ids") {
                    idStart = ids.count
                    let ids = self.ids
                    var maxHash = self.maxHash
                    try p.readIntegerArray { v in
                        guard v >= 0, v <= Int64(UInt32.max) else {
                            throw JSONDocumentParser.ElementRejected(message: "hash id \(v) is outside 0 ... 4294967295")
                        }
                        if v > maxHash { maxHash = v }
                        ids.append(UInt32(truncatingIfNeeded: v))
                    }
                    self.maxHash = maxHash
                }
            } else if p.key(key, is: "in") {
                try within("in") { input = try Self.tokenCount(&p) }
            } else if p.key(key, is: "out") {
                try within("out") { output = p.consumeNull() ? -1 : try Self.tokenCount(&p) }
            } else if p.key(key, is: "t") {
                try within("t") { t = try p.readDouble() }
            } else if p.key(key, is: "type") {
                try within("type") {
                    let s = try p.readStringBytes()
                    (label, isSubagent) = try labelIndex(p, s)
                }
            } else if p.key(key, is: "requests") {
                nested = true
                try within("requests") { try parseRequests(&p, parent: me) }
            } else {
                let bytes = p.bytes
                try within(ByteStream.printable(JSONDocumentParser.text(of: key, in: bytes))) { try p.skipValue() }
            }
        }
        entries[me].time = t
        if isSubagent {
            entries[me].isSubagent = true
            return
        }
        if nested {
            throw SessionFailure(field: "requests", line: line, column: column,
                                 message: "nested requests in a record whose type is not 'subagent'", truncated: false)
        }
        guard let input else {
            throw SessionFailure(field: "in", line: line, column: column, message: "missing", truncated: false)
        }
        guard sawIds else {
            throw SessionFailure(field: "hash_ids", line: line, column: column, message: "missing", truncated: false)
        }
        entries[me].input = input
        entries[me].output = output
        entries[me].label = UInt16(truncatingIfNeeded: label)
        entries[me].idStart = idStart
        entries[me].idCount = ids.count - idStart
    }

    /// A token count: an integer in 0 ... 2^31 - 1.
    private static func tokenCount(_ p: inout JSONDocumentParser) throws -> Int32 {
        let v = try p.readInt64()
        guard v >= 0, v <= Int64(Int32.max) else { throw p.fail("must be between 0 and 2^31 - 1 (got \(v))") }
        return Int32(v)
    }

    /// The label of a `type` string, registering new ones, and whether it marks a sub-agent.
    private func labelIndex(_ p: JSONDocumentParser, _ s: JSONDocumentParser.Key) throws -> (Int, Bool) {
        let bytes = p.bytes
        let n = s.end - s.start
        if !s.escaped {
            for (i, label) in labels.enumerated() {
                guard let raw = label.raw, raw.count == n else { continue }
                var same = true
                for k in 0 ..< n where raw[k] != bytes[s.start + k] {
                    same = false
                    break
                }
                if same { return (i, label.name == "subagent") }
            }
        }
        let text = p.decode(s.start, s.end, escaped: s.escaped)
        let raw = Array(text.utf8)
        if let i = labels.firstIndex(where: { $0.raw == raw }) { return (i, text == "subagent") }
        guard labels.count < Int(UInt16.max) else { throw p.fail("more than 65,535 distinct types") }
        let name = switch text {
        case "s": "streaming"
        case "n": "non_streaming"
        default: text
        }
        labels.append(Label(raw: raw, name: name))
        return (labels.count - 1, text == "subagent")
    }

    // MARK: Ordering

    /// Checks the session read into `entries[first...]`, computes absolute times and its replay
    /// order, takes its namespace and warnings, and emits it (concatenate) or keeps it.
    private func commit(_ pending: PendingSession, into builder: inout TraceBuilder) throws {
        let first = pending.firstEntry, scope = pending.scope, line = pending.line, column = pending.column
        // Absolute times: parents come before their records (depth first).
        var requests = 0
        for i in first ..< entries.count {
            let parent = Int(entries[i].parent)
            let base = parent < 0 ? 0 : entries[parent].time
            let abs = base + entries[i].time
            guard abs.isFinite else {
                throw SessionFailure(field: "requests", line: Int(entries[i].line), column: 1,
                                     message: "a record's absolute time is out of range", truncated: false)
            }
            entries[i].time = abs
            if !entries[i].isSubagent { requests += 1 }
        }
        guard requests > 0 else {
            builder.warn("empty_session", "\(file):\(line): a session with no request (skipped)")
            entries.removeLast(entries.count - first)
            ids.truncate(to: pending.firstId)
            return
        }
        // Replay order: stable sort of the depth-first records by absolute time.
        let orderStart = order.count
        for i in first ..< entries.count where !entries[i].isSubagent { order.append(Int32(truncatingIfNeeded: i)) }
        entries.withUnsafeBufferPointer { e in
            order[orderStart...].sort { a, b in
                let ta = e[Int(a)].time, tb = e[Int(b)].time
                return ta < tb || (ta == tb && a < b)
            }
        }
        // Namespace.
        var base: UInt64 = 0
        if scope == .local {
            base = nextBase
            if maxHash >= 0 {
                let (end, overflow) = base.addingReportingOverflow(UInt64(maxHash) + 1)
                guard !overflow, end <= 1 << 63 else {
                    throw SessionFailure(field: nil, line: line, column: column,
                                         message: "too many distinct (session, hash id) keys (over 2^63)", truncated: false)
                }
                nextBase = end
            }
        }
        // Full-block rule.
        for k in orderStart ..< order.count {
            let e = entries[Int(order[k])]
            let expected = Int(e.input) / blockSize
            if e.idCount != expected {
                builder.warn("block_count_mismatch",
                             "\(self.file):\(e.line): field '\(self.path(of: Int(self.order[k]), first: first)).hash_ids': "
                                 + "\(e.idCount) hash_ids for in \(e.input) (expected floor(\(e.input) / \(self.blockSize)) = \(expected))")
            }
        }
        let session = Session(orderStart: orderStart, orderEnd: order.count,
                              first: entries[Int(order[orderStart])].time,
                              last: entries[Int(order[order.count - 1])].time, base: base, scope: scope)
        switch options.order {
        case .concatenate:
            let shift = previousLast.map { $0 - session.first } ?? 0
            for k in session.orderStart ..< session.orderEnd {
                let i = Int(order[k])
                var ms = (shift + entries[i].time) * 1000
                if let last = lastEmitted, ms < last { ms = last }
                guard ms.isFinite else {
                    throw SessionFailure(field: nil, line: line, column: column, message: "timestamps out of range", truncated: false)
                }
                try emit(i, session: session, timestamp: ms, into: &builder)
                lastEmitted = ms
            }
            previousLast = shift + session.last
            entries.removeAll(keepingCapacity: true)
            ids.truncate(to: 0)
            order.removeAll(keepingCapacity: true)
        case .interleave:
            sessions.append(session)
        }
    }

    /// `requests[3]` or `requests[1].requests[0]`: where entry `i` is in its session.
    private func path(of i: Int, first: Int) -> String {
        var parts: [String] = []
        var k = i
        while k >= first {
            parts.append("requests[\(entries[k].arrayIndex)]")
            let parent = Int(entries[k].parent)
            if parent < 0 { break }
            k = parent
        }
        return parts.reversed().joined(separator: ".")
    }

    /// Adds the interleaved sessions (nothing left to do for concatenate).
    func finish(into builder: inout TraceBuilder) throws {
        guard options.order == .interleave, !sessions.isEmpty else { return }
        let rate: Double
        if let r = options.sessionRatePerSecond {
            rate = r
        } else {
            let concurrent = options.concurrentSessions ?? 1
            let total = sessions.reduce(0.0) { $0 + ($1.last - $1.first) }
            let mean = total / Double(sessions.count)
            guard mean > 0, mean.isFinite else {
                throw InputError(file: file, field: "workload.concurrent_sessions",
                                 "cannot convert to a session rate: the mean session duration is \(mean) s (give session_rate_per_s)")
            }
            rate = concurrent / mean
        }
        // Arrivals, then every request's time (ms), in session-major order.
        var state = options.seed
        var start = 0.0
        var times: [Double] = []
        times.reserveCapacity(order.count)
        var owner: [Int32] = []
        owner.reserveCapacity(order.count)
        for (s, session) in sessions.enumerated() {
            if s > 0 {
                let u = Double(splitMix64(&state) >> 11) * 0x1p-53
                start += -log1p(-u) / rate
            }
            for k in session.orderStart ..< session.orderEnd {
                let ms = (start + (entries[Int(order[k])].time - session.first)) * 1000
                guard ms.isFinite else {
                    throw InputError(file: file, "interleaved timestamps out of range (session rate \(rate)/s)")
                }
                times.append(ms)
                owner.append(Int32(truncatingIfNeeded: s))
            }
        }
        // Merge: by time, ties by session order then position (= session-major index).
        var merged = Array(0 ..< times.count)
        times.withUnsafeBufferPointer { t in
            merged.sort { a, b in t[a] < t[b] || (t[a] == t[b] && a < b) }
        }
        for k in merged {
            try emit(Int(order[k]), session: sessions[Int(owner[k])], timestamp: times[k], into: &builder)
        }
        entries = []
        ids.truncate(to: 0)
        order = []
        sessions = []
    }

    /// Adds entry `i`'s request with its raw ids.
    private func emit(_ i: Int, session: Session, timestamp: Double, into builder: inout TraceBuilder) throws {
        let e = entries[i]
        raw.removeAll()
        let hashes = ids.base + e.idStart
        switch session.scope {
        case .local:
            for k in 0 ..< e.idCount { raw.append(session.base &+ UInt64(hashes[k])) }
        case .global:
            for k in 0 ..< e.idCount { raw.append(1 << 63 | UInt64(hashes[k])) }
        }
        try builder.addRequest(rawIds: raw.buffer, inputLength: Int(e.input), outputLength: e.output < 0 ? nil : Int(e.output),
                               timestamp: timestamp, requestType: labels[Int(e.label)].name, line: Int(e.line))
    }
}

/// splitmix64 (Steele, Lea and Flood, 2014): the state advances by the golden gamma; the
/// output is its mix.
@inline(__always)
private func splitMix64(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}

/// A growable buffer of 32-bit hash ids (no copy-on-write or exclusivity check per append).
final class HashIdBuffer {
    @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<UInt32>
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var capacity: Int

    init(capacity: Int = 1 << 16) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    func append(_ value: UInt32) {
        if count == capacity { grow() }
        base[count] = value
        count &+= 1
    }

    func truncate(to n: Int) { count = min(count, n) }

    private func grow() {
        let bigger = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity * 2)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}
