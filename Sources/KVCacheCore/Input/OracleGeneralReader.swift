/// libCacheSim's `oracleGeneral` binary trace (SEMANTICS 9.1): packed little-endian records
/// `{u32 clock_time (s); u64 obj_id; u32 obj_size; i64 next_access_vtime}`, 24 bytes each, one
/// single-block request per record. Object sizes are ignored (one block each); `clock_time`
/// becomes the request's timestamp in milliseconds, unless every record has time 0 (traces
/// converted without times, such as the standard synthetic benchmark): then the trace has none. A file whose size is not a multiple of 24
/// is an error naming the byte offset of the partial record. O(bytes), memory-speed.
public struct OracleGeneralReader: TraceReader {
    public static let recordSize = 24
    public let path: String

    public init(path: String) { self.path = path }

    public func read(into builder: inout TraceBuilder, options: ReadOptions) throws {
        let tokens = builder.trace.blockSizeTokens
        var offset = 0
        var anyTime = false
        let records = FileChunks(path: path).fileSize / Self.recordSize
        builder.reserve(accesses: builder.trace.accessCount + records, requests: builder.requestCount + records)
        try FileChunks(path: path).forEachChunk(recordSize: Self.recordSize) { chunk in
            let records = chunk.count / Self.recordSize
            for r in 0 ..< records {
                let base = r * Self.recordSize
                let time = UInt32(littleEndian: chunk.loadUnaligned(fromByteOffset: base, as: UInt32.self))
                if time != 0, !anyTime {
                    anyTime = true
                    builder.startTimestampsAtZero()
                }
                let id = UInt64(littleEndian: chunk.loadUnaligned(fromByteOffset: base + 4, as: UInt64.self))
                try builder.addRequest(rawIds: CollectionOfOne(id), inputLength: tokens, outputLength: nil,
                                       timestamp: anyTime ? Double(time) * 1000 : nil, line: nil)
            }
            offset += records * Self.recordSize
            if chunk.count % Self.recordSize != 0 {
                throw InputError(file: path, field: "record",
                                 "truncated record at byte offset \(offset): the file size is not a multiple of \(Self.recordSize) bytes")
            }
        }
    }
}
