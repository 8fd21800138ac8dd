import KVCacheCore
/// libCacheSim's `oracleGeneral` binary trace (MODEL 9.1): packed little-endian records
/// `{u32 clock_time (s); u64 obj_id; u32 obj_size; i64 next_access_vtime}`, 24 bytes each, one
/// single-block request per record. Object sizes are ignored (one block each); `clock_time`
/// becomes the request's timestamp in milliseconds, unless every record has time 0 (traces
/// converted without times, such as the standard synthetic benchmark): then the trace has none.
/// An input whose size is not a multiple of 24 is an error naming the byte offset of the partial
/// record. O(bytes), in batches of one read chunk; the arrays are reserved up front only for a
/// regular uncompressed file (whose size is known).
public struct OracleGeneralReader: TraceReader {
    public static let recordSize = 24

    public init() {}

    /// One record per access.
    public var bytesPerAccess: Int? { Self.recordSize }

    public func read(_ input: ByteStream, into builder: inout TraceBuilder, options: ReadOptions) throws {
        let tokens = builder.trace.blockSizeTokens
        var anyTime = false
        let records = expectedAccesses(in: input)
        if records > 0 {
            builder.reserve(accesses: builder.trace.accessCount + records, requests: builder.requestCount + records)
        }
        try Self.forEachRecordChunk(input) { chunk, count in
            // Chunk-local buffers: no captured mutable state in the per-record loop.
            var ids: [UInt64] = []
            var times: [Double] = []
            ids.reserveCapacity(count)
            func flush(_ builder: inout TraceBuilder) throws {
                try ids.withUnsafeBufferPointer { i in
                    try times.withUnsafeBufferPointer { t in
                        try builder.addSingleBlockRequests(i, inputLength: tokens, timestamps: anyTime ? t : nil)
                    }
                }
                ids.removeAll(keepingCapacity: true)
                times.removeAll(keepingCapacity: true)
            }
            var timed = anyTime
            for r in 0 ..< count {
                let time = Self.time(chunk, r), id = Self.id(chunk, r)
                if time != 0, !timed {
                    // Times so far were all 0: they were real after all.
                    try flush(&builder)
                    timed = true
                    anyTime = true
                    builder.startTimestampsAtZero()
                    times.reserveCapacity(count)
                }
                ids.append(id)
                if timed { times.append(Double(time) * 1000) }
            }
            try flush(&builder)
        }
    }

    /// The input's whole records, a chunk at a time with their count; a truncated last record
    /// is an error naming its byte offset. For this reader and the sampled stream
    /// (`SampledIdStream`) alike. A regular uncompressed file is mapped and its records read in
    /// place (no copy out of the page cache), each chunk's pages let go once it is read.
    static func forEachRecordChunk(_ input: ByteStream, _ body: (UnsafeRawBufferPointer, Int) throws -> Void) throws {
        var offset = 0
        /// Hands on a chunk's whole records; a partial one after them is the truncated last record.
        func deliver(_ chunk: UnsafeRawBufferPointer) throws {
            let count = chunk.count / recordSize
            try body(chunk, count)
            offset += count * recordSize
            if chunk.count % recordSize != 0 {
                throw InputError(file: input.name, field: "record",
                                 "truncated record at byte offset \(offset): the input's size is not a multiple of \(recordSize) bytes")
            }
        }
        guard let mapped = input.mapRemaining() else { return try input.forEachChunk(recordSize: recordSize, deliver) }
        var from = 0
        while from < mapped.count {
            let n = min(mapped.count - from, mappedChunkRecords * recordSize)
            try deliver(UnsafeRawBufferPointer(start: mapped.base + from, count: n))
            mapped.dropPages(from: from, count: n)
            from += n
        }
    }

    /// Records per chunk of a mapped file: 3 MiB, a few page releases per 100 MB.
    static let mappedChunkRecords = 1 << 17

    /// Record `r`'s time (seconds) and object id, little-endian at offsets 0 and 4.
    @inline(__always)
    static func time(_ chunk: UnsafeRawBufferPointer, _ r: Int) -> UInt32 {
        UInt32(littleEndian: chunk.loadUnaligned(fromByteOffset: r * recordSize, as: UInt32.self))
    }

    @inline(__always)
    static func id(_ chunk: UnsafeRawBufferPointer, _ r: Int) -> UInt64 {
        UInt64(littleEndian: chunk.loadUnaligned(fromByteOffset: r * recordSize + 4, as: UInt64.self))
    }
}
