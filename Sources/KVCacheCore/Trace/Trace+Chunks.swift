extension Trace {
    /// Appends the requests of `chunk`, the next chunk a `TraceBuilder` handed off
    /// (`handOffChunks`, MODEL 3.7), so that appending every chunk of an input in order gives
    /// the trace the builder would have built whole: the same arrays, labels, warnings and
    /// distinct-block count. A chunk keeps an optional per-request array only once one of its
    /// own requests has it, so an array that a later chunk has and an earlier one lacks is
    /// filled with that earlier chunk's "none" (0, or -1 for a parent), as the whole build does.
    /// Timestamps are the exception: a chunk without them after chunks with them means a
    /// request had none, and then the trace has none; chunks without them before chunks with
    /// them had all-zero times (`startTimestampsAtZero`), which become zeros. Lineage (`parents`)
    /// is kept only when the builder was asked to track it (`handOffChunks(tracksLineage:)`).
    /// O(chunk) amortised. Nothing in the tool appends chunks: this states the chunk contract
    /// that `RunDigestBuilder` and `FutureCollector` rely on, and the tests check it.
    public mutating func append(chunk: Trace) {
        let before = requestCount, n = chunk.requestCount
        // Below 2^31: a builder whose chunks are all kept refuses more accesses in all.
        let offset = Int32(accessCount)
        blockIds.append(contentsOf: chunk.blockIds)
        requestStarts.reserveCapacity(requestStarts.count + n)
        requestStarts.append(contentsOf: chunk.requestStarts.dropFirst().lazy.map { $0 &+ offset })  // chunk-local, rebased
        inputLengths.append(contentsOf: chunk.inputLengths)
        Self.appendOptional(&outputLengths, chunk.outputLengths, before: before, count: n, none: 0)
        hasOutputLengths = hasOutputLengths || chunk.hasOutputLengths
        Self.appendOptional(&requestTypes, chunk.requestTypes, before: before, count: n, none: 0)
        Self.appendOptional(&turns, chunk.turns, before: before, count: n, none: 0)
        Self.appendOptional(&parents, chunk.parents, before: before, count: n, none: -1)
        if let times = chunk.timestamps {
            if timestamps == nil { timestamps = Array(repeating: 0, count: before) }
            timestamps?.append(contentsOf: times)
        } else {
            timestamps = nil
        }
        if chunk.requestTypeNames.count > requestTypeNames.count { requestTypeNames = chunk.requestTypeNames }
        uniqueBlocks = max(uniqueBlocks, chunk.uniqueBlocks)
        warnings.merge(chunk.warnings)
    }

    /// Appends a chunk's optional array (empty: every one of its `count` requests has `none`)
    /// to `array` (empty: every one of the `before` requests so far has `none`).
    private static func appendOptional<T>(_ array: inout [T], _ chunk: [T], before: Int, count: Int, none: T) {
        if chunk.isEmpty {
            if !array.isEmpty { array.append(contentsOf: repeatElement(none, count: count)) }
        } else {
            if array.isEmpty { array = Array(repeating: none, count: before) }
            array.append(contentsOf: chunk)
        }
    }
}
