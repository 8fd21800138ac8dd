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

    public func read(_ input: ByteStream, into builder: inout TraceBuilder, options: ReadOptions) throws {
        let path = input.name
        let tokens = builder.trace.blockSizeTokens
        var offset = 0
        var anyTime = false
        if let size = input.sizeHint {
            let records = reservation(size / Self.recordSize)
            builder.reserve(accesses: builder.trace.accessCount + records, requests: builder.requestCount + records)
        }
        try input.forEachChunk(recordSize: Self.recordSize) { chunk in
            // Chunk-local buffers: no captured mutable state in the per-record loop.
            let count = chunk.count / Self.recordSize
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
                let base = r * Self.recordSize
                let time = UInt32(littleEndian: chunk.loadUnaligned(fromByteOffset: base, as: UInt32.self))
                let id = UInt64(littleEndian: chunk.loadUnaligned(fromByteOffset: base + 4, as: UInt64.self))
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
            offset += count * Self.recordSize
            if chunk.count % Self.recordSize != 0 {
                throw InputError(file: path, field: "record",
                                 "truncated record at byte offset \(offset): the input's size is not a multiple of \(Self.recordSize) bytes")
            }
        }
    }
}
