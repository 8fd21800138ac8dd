/// Accumulates requests into a `Trace`, interning raw block ids to dense ones (MODEL 2).
///
/// Readers validate a whole line first and only then call `addRequest`, so a skipped bad line
/// leaves no trace behind (no dense id is assigned to a block of a rejected line).
///
/// Streaming (MODEL 3.7): after `handOffChunks(every:to:)` the builder hands its arrays to a
/// consumer as a chunk (a `Trace` of the requests since the last chunk, with request-local
/// offsets and `uniqueBlocks` the distinct blocks seen so far) whenever they reach the given
/// number of accesses, and starts a new chunk; the interner, the labels and the lineage keys
/// stay, so dense ids and label indices mean the same in every chunk. Memory is then one chunk
/// plus O(distinct blocks), whatever the input's length.
public struct TraceBuilder {
    public private(set) var trace: Trace
    private var interner = BlockInterner()
    private var typeIndex: [String: UInt16] = [:]
    /// The index of the default label, so unlabelled requests skip the dictionary.
    private var defaultTypeIndex: UInt16?
    private var lastTimestamp: Double?
    private var sawTimestamp = false
    private var sawMissingTimestamp = false
    /// The latest request given each `key` (lineage), for resolving `parentKey`s.
    private var requestOfKey: [Int64: Int32] = [:]
    /// The consumer of chunks, when streaming, and the accesses that fill a chunk.
    private var chunkSink: ((Trace) throws -> Void)?
    private var chunkAccesses = Int.max
    /// Whether lineage (`parentKey`s resolved against earlier `key`s, and their warnings) is
    /// recorded: in a whole build, and in chunks when asked (`handOffChunks(tracksLineage:)`).
    private var tracksLineage = true
    /// Requests and accesses already handed off in chunks.
    public private(set) var handedOffRequests = 0
    public private(set) var handedOffAccesses = 0
    /// Populates the reserved room of the block and request arrays on another core, ahead of
    /// the reader (`reserve(accesses:requests:faultingAhead:)`).
    private var faultAhead: PageFaultAhead?

    public init(blockSizeTokens: Int, source: String) {
        trace = Trace(blockSizeTokens: blockSizeTokens, source: source)
    }

    /// The accesses of the trace being built: the whole trace, or the current chunk. The
    /// limit of 2^31 - 1 accesses applies to it (offsets are `Int32`); a consumer that keeps
    /// every chunk checks its own total (`FutureCollector`).
    private var keptAccesses: Int { trace.blockIds.count }

    /// Requests added so far, handed-off chunks included.
    public var requestCount: Int { handedOffRequests + trace.requestCount }

    /// Whether chunks are handed off (`handOffChunks`).
    public var isStreaming: Bool { chunkSink != nil }

    /// From now on, hands the requests to `sink` in chunks of at least `accesses` block
    /// accesses (the chunk closes after the request that reaches it, so a request is never
    /// split), and the rest at `finishChunks()`. Call it before adding any request.
    /// A stream keeps no lineage (MODEL 3.7) unless `tracksLineage` asks for it (a map growing
    /// with the keyed requests): then each chunk has its parents, by index over the whole
    /// stream, and the lineage warnings are the whole build's.
    public mutating func handOffChunks(every accesses: Int, tracksLineage: Bool = false,
                                       to sink: @escaping (Trace) throws -> Void) {
        precondition(accesses >= 1 && requestCount == 0, "handOffChunks before any request, with a positive chunk size")
        chunkAccesses = accesses
        chunkSink = sink
        self.tracksLineage = tracksLineage
    }

    /// Hands the requests added since the last chunk to the sink (nothing when there are none).
    public mutating func finishChunks() throws {
        if trace.requestCount > 0 { try handOff() }
    }

    @inline(__always)
    private mutating func handOffIfFull() throws {
        if trace.blockIds.count >= chunkAccesses { try handOff() }
    }

    private mutating func handOff() throws {
        guard let sink = chunkSink else { return }
        var fresh = Trace(blockSizeTokens: trace.blockSizeTokens, source: trace.source)
        fresh.requestTypeNames = trace.requestTypeNames
        fresh.hasOutputLengths = trace.hasOutputLengths
        fresh.uniqueBlocks = interner.count
        if sawTimestamp && !sawMissingTimestamp { fresh.timestamps = [] }
        let requests = trace.requestCount
        fresh.blockIds.reserveCapacity(min(chunkAccesses, trace.blockIds.count) + 1)
        fresh.requestStarts.reserveCapacity(requests + 1)
        fresh.inputLengths.reserveCapacity(requests)
        var chunk = fresh
        swap(&chunk, &trace)  // the chunk takes the arrays without a copy
        chunk.uniqueBlocks = interner.count
        handedOffRequests += requests
        handedOffAccesses += chunk.accessCount
        try sink(chunk)
    }

    /// Appends one request whose blocks are the raw ids in `rawIds`, in order.
    ///
    /// Optional per-request facts, each stored only once some request has it (earlier requests
    /// then read "none"): `turn`, the conversation turn (at least 1; above 65,535 stored as
    /// 65,535); `key`, an id naming this request so later requests can name it as their parent;
    /// `parentKey`, the `key` of the request whose conversation this one continues (nil for a
    /// root). A `parentKey` that no earlier request had as `key` leaves the request without a
    /// parent and counts an `unknown_parent` warning; a `key` given twice counts a
    /// `duplicate_request_key` warning, and later children find the latest request with it.
    /// - Throws: `InputError` for a turn below 1 (before anything is added), past 2^31 accesses
    ///   or distinct blocks (the dense-id limit).
    @inlinable
    public mutating func addRequest<C: Collection>(
        rawIds: C, inputLength: Int, outputLength: Int?, timestamp: Double?,
        requestType: String? = nil, turn: Int? = nil, key: Int64? = nil, parentKey: Int64? = nil,
        line: Int? = nil
    ) throws where C.Element == UInt64 {
        // Specialised in the caller's module, then one non-generic loop over contiguous ids.
        let done: Void? = try rawIds.withContiguousStorageIfAvailable { ids in
            try addRequest(rawIdBuffer: ids, inputLength: inputLength, outputLength: outputLength, timestamp: timestamp,
                           requestType: requestType, turn: turn, key: key, parentKey: parentKey, line: line)
        }
        if done == nil {
            try Array(rawIds).withUnsafeBufferPointer { ids in
                try addRequest(rawIdBuffer: ids, inputLength: inputLength, outputLength: outputLength, timestamp: timestamp,
                               requestType: requestType, turn: turn, key: key, parentKey: parentKey, line: line)
            }
        }
    }

    /// `addRequest(rawIds:...)` over a contiguous buffer of raw ids: the loop every reader
    /// ends in, O(ids) with no allocation beyond the trace's own growth.
    public mutating func addRequest(
        rawIdBuffer rawIds: UnsafeBufferPointer<UInt64>, inputLength: Int, outputLength: Int?, timestamp: Double?,
        requestType: String? = nil, turn: Int? = nil, key: Int64? = nil, parentKey: Int64? = nil,
        line: Int? = nil
    ) throws {
        if let turn, turn < 1 {
            throw InputError(file: trace.source, line: line, field: "turn", "must be at least 1 (got \(turn))")
        }
        guard keptAccesses + rawIds.count < Int(Int32.max) else {
            throw InputError(file: trace.source, line: line, "more than 2^31 - 1 block accesses; split the trace")
        }
        try appendInterned(rawIds, line: line)
        try finishRequest(inputLength: inputLength, outputLength: outputLength, timestamp: timestamp,
                          requestType: requestType, line: line)
        recordTurn(turn)
        // Lineage needs every request's key at once (a map growing with the requests): a stream
        // does not keep it (MODEL 3.7) unless asked.
        if tracksLineage, key != nil || parentKey != nil || !trace.parents.isEmpty {
            recordLineage(key: key, parentKey: parentKey, line: line)
        }
        if faultAhead != nil { reportFill() }
        if chunkSink != nil { try handOffIfFull() }
    }

    private mutating func finishRequest(
        inputLength: Int, outputLength: Int?, timestamp: Double?, requestType: String?, line: Int?
    ) throws {
        let r = trace.inputLengths.count   // this request's index
        trace.requestStarts.append(Int32(trace.blockIds.count))
        trace.inputLengths.append(Int32(clamping: inputLength))
        if let outputLength {
            if !trace.hasOutputLengths {
                trace.hasOutputLengths = true
                trace.outputLengths = Array(repeating: 0, count: r)
                trace.outputLengths.reserveCapacity(trace.inputLengths.capacity)
            }
            trace.outputLengths.append(Int32(clamping: outputLength))
        } else if trace.hasOutputLengths {
            trace.outputLengths.append(0)
        }
        appendLabel(try labelIndex(requestType, line: line), count: 1)
        recordTimestamp(timestamp, line: line)
        trace.uniqueBlocks = interner.count
    }

    /// Appends the turn of the request just added (MODEL 2.1 pattern: stored once present).
    private mutating func recordTurn(_ turn: Int?) {
        if let turn {
            if trace.turns.isEmpty {
                trace.turns = Array(repeating: 0, count: trace.inputLengths.count - 1)
                trace.turns.reserveCapacity(trace.inputLengths.capacity)
            }
            trace.turns.append(UInt16(clamping: turn))
        } else if !trace.turns.isEmpty {
            trace.turns.append(0)
        }
    }

    /// Resolves the parent of the request just added and registers its key.
    private mutating func recordLineage(key: Int64?, parentKey: Int64?, line: Int?) {
        let local = trace.inputLengths.count - 1
        let r = handedOffRequests + local  // the request's index in the whole input
        if trace.parents.isEmpty {
            trace.parents = Array(repeating: -1, count: local)
            trace.parents.reserveCapacity(trace.inputLengths.capacity)
        }
        var parent: Int32 = -1
        if let parentKey {
            if let p = requestOfKey[parentKey] {
                parent = p
            } else {
                trace.warnings.add("unknown_parent",
                                   example: "\(trace.source):\(line.map(String.init) ?? "?"): parent \(parentKey) not seen before")
            }
        }
        trace.parents.append(parent)
        if let key {
            if requestOfKey.updateValue(Int32(clamping: r), forKey: key) != nil {
                trace.warnings.add("duplicate_request_key",
                                   example: "\(trace.source):\(line.map(String.init) ?? "?"): key \(key) given again")
            }
        }
    }

    /// The index of a `request_type` label (nil: the default `prefill`), registering new ones.
    private mutating func labelIndex(_ requestType: String?, line: Int?) throws -> UInt16 {
        if requestType == nil, let d = defaultTypeIndex { return d }
        let name = requestType ?? "prefill"
        if let known = typeIndex[name] { return known }
        guard trace.requestTypeNames.count < Int(UInt16.max) else {
            throw InputError(file: trace.source, line: line, field: "request_type", "more than 65,535 distinct request types")
        }
        let index = UInt16(trace.requestTypeNames.count)
        typeIndex[name] = index
        trace.requestTypeNames.append(name)
        if name == "prefill" { defaultTypeIndex = index }
        return index
    }

    /// Records the label of the last `count` requests (already counted in `inputLengths`).
    /// `requestTypes` stays empty while every label is 0.
    private mutating func appendLabel(_ index: UInt16, count: Int) {
        if trace.requestTypes.isEmpty {
            guard index != 0 else { return }
            // The first request with another label: every earlier one had label 0. (It can be
            // the first request of a chunk, when none is left before it.)
            trace.requestTypes = Array(repeating: 0, count: trace.inputLengths.count - count)
        }
        trace.requestTypes.append(contentsOf: repeatElement(index, count: count))
    }

    /// Appends one single-block request per raw id, each of `inputLength` tokens, unlabelled and
    /// without output length, turn or parent (the `ids` and `oracle-general` formats): the same trace as one
    /// `addRequest` per id, built in tight loops. `timestamps`, when given, has one per id.
    /// When streaming, a batch is split at chunk boundaries.
    public mutating func addSingleBlockRequests(_ rawIds: UnsafeBufferPointer<UInt64>, inputLength: Int,
                                                timestamps: UnsafeBufferPointer<Double>? = nil) throws {
        guard chunkSink != nil else {
            return try appendSingleBlockRequests(rawIds, inputLength: inputLength, timestamps: timestamps)
        }
        var from = 0
        while from < rawIds.count {
            let n = min(rawIds.count - from, max(1, chunkAccesses - trace.blockIds.count))
            try appendSingleBlockRequests(UnsafeBufferPointer(rebasing: rawIds[from ..< from + n]), inputLength: inputLength,
                                          timestamps: timestamps.map { UnsafeBufferPointer(rebasing: $0[from ..< from + n]) })
            try handOffIfFull()
            from += n
        }
    }

    private mutating func appendSingleBlockRequests(_ rawIds: UnsafeBufferPointer<UInt64>, inputLength: Int,
                                                    timestamps: UnsafeBufferPointer<Double>?) throws {
        let n = rawIds.count
        guard n > 0 else { return }
        guard keptAccesses + n < Int(Int32.max) else {
            throw InputError(file: trace.source, "more than 2^31 - 1 block accesses; split the trace")
        }
        let start = Int32(trace.blockIds.count)  // below Int32.max - n (checked above)
        try appendInterned(rawIds, line: nil)
        trace.requestStarts.append(successorsOf: start, count: n)
        trace.inputLengths.append(repeating: Int32(clamping: inputLength), count: n)
        if trace.hasOutputLengths { trace.outputLengths.append(contentsOf: repeatElement(0, count: n)) }
        if !trace.turns.isEmpty { trace.turns.append(contentsOf: repeatElement(0, count: n)) }
        if !trace.parents.isEmpty { trace.parents.append(contentsOf: repeatElement(-1, count: n)) }
        appendLabel(try labelIndex(nil, line: nil), count: n)
        if let timestamps {
            for t in timestamps { recordTimestamp(t, line: nil) }
        } else {
            recordTimestamp(nil, line: nil)
        }
        trace.uniqueBlocks = interner.count
        if faultAhead != nil { reportFill() }
    }

    /// Appends the dense ids of `rawIds` to `blockIds`. The new tail is zero-filled (one
    /// sequential write) and interned in place: no per-id append with its capacity and
    /// uniqueness checks. Past 2^31 - 1 distinct blocks nothing is appended and it throws.
    private mutating func appendInterned(_ rawIds: UnsafeBufferPointer<UInt64>, line: Int?) throws {
        let n = rawIds.count
        guard n > 0 else { return }
        let first = trace.blockIds.count
        trace.blockIds.append(contentsOf: repeatElement(0, count: n))
        let failed = trace.blockIds.withUnsafeMutableBufferPointer { ids -> Int? in
            guard let base = ids.baseAddress else { return 0 }  // not reached: n > 0 slots
            return interner.intern(rawIds, into: base + first)
        }
        if failed != nil {
            trace.blockIds.removeLast(n)
            throw InputError(file: trace.source, line: line, "more than 2^31 - 1 distinct blocks")
        }
    }

    /// MODEL 2.1: requests stay in file order; a timestamp below its predecessor's is a
    /// counted warning. Timestamps are kept only when every request has one.
    private mutating func recordTimestamp(_ t: Double?, line: Int?) {
        guard let t else {
            sawMissingTimestamp = true
            trace.timestamps = nil
            return
        }
        if let last = lastTimestamp, t < last {
            trace.warnings.add("timestamp_decrease",
                               example: "\(trace.source):\(line.map(String.init) ?? "?"): timestamp \(t) < previous \(last)")
        }
        lastTimestamp = t
        if sawMissingTimestamp { return }
        if !sawTimestamp {
            sawTimestamp = true
            trace.timestamps = []
            trace.timestamps?.reserveCapacity(trace.inputLengths.capacity)
        }
        trace.timestamps?.append(t)
    }

    /// For formats whose zero times mean "no time": every request so far had time 0 and was
    /// added without a timestamp; from now on they have one, those earlier ones 0.
    public mutating func startTimestampsAtZero() {
        trace.timestamps = Array(repeating: 0, count: trace.requestCount)
        sawMissingTimestamp = false
        sawTimestamp = true
        lastTimestamp = 0
    }

    /// Counts a warning of `kind` (MODEL 2.2's block-count mismatch, skipped lines, ...).
    public mutating func warn(_ kind: String, _ example: @autoclosure () -> String) {
        trace.warnings.add(kind, example: example())
    }

    /// Reserves room for about `accesses` block accesses and `requests` requests. With
    /// `faultingAhead`, a thread of its own populates the pages of that room a few megabytes
    /// ahead of the requests being added (`PageFaultAhead`), so that the reading thread does not
    /// pay their first-touch faults, until `stopFaultingAhead()`, which the reader must call
    /// when it is done (or fails).
    public mutating func reserve(accesses: Int, requests: Int, faultingAhead: Bool = false) {
        if chunkSink != nil { return }  // streaming: one chunk at a time
        trace.blockIds.reserveCapacity(accesses)
        trace.requestStarts.reserveCapacity(requests + 1)
        trace.inputLengths.reserveCapacity(requests)
        if faultingAhead, faultAhead == nil, chunkSink == nil {
            faultAhead = PageFaultAhead(regions: 3, window: 8 << 20)
            reportFill()
        }
    }

    /// Ends the faulting ahead of `reserve(accesses:requests:faultingAhead:)`, if any.
    public mutating func stopFaultingAhead() {
        faultAhead?.stop()
        faultAhead = nil
    }

    /// Tells the faulting-ahead thread where the block and request arrays are and how far
    /// they are filled.
    private func reportFill() {
        guard let faultAhead else { return }
        trace.blockIds.withUnsafeBufferPointer {
            faultAhead.update(0, base: $0.baseAddress, capacity: 4 * trace.blockIds.capacity, used: 4 * $0.count)
        }
        // The request columns have pages only once they store their values (RequestColumn).
        trace.requestStarts.withStoredBuffer { buffer, capacity in
            faultAhead.update(1, base: buffer?.baseAddress, capacity: 4 * capacity, used: 4 * (buffer?.count ?? 0))
        }
        trace.inputLengths.withStoredBuffer { buffer, capacity in
            faultAhead.update(2, base: buffer?.baseAddress, capacity: 4 * capacity, used: 4 * (buffer?.count ?? 0))
        }
    }

    /// The finished trace.
    public func build() -> Trace { trace }
}
