import KVCacheCore
/// `ids` traces (MODEL 9.1): one block id per line (a decimal integer, signed ids kept by
/// their bit pattern), each a single-block request of one full block of tokens. This is
/// libCacheSim's `txt` trace type. Blank lines are skipped. The bytes go straight through
/// `IdLineScanner` (one loop over the stream's chunks, no line buffer, no allocation per line),
/// and the ids to the builder in batches. O(bytes).
public struct IdsReader: TraceReader {
    public init() {}

    public func read(_ input: ByteStream, into builder: inout TraceBuilder, options: ReadOptions) throws {
        let tokens = builder.trace.blockSizeTokens
        let batch = RawIdBuffer(capacity: 1 << 16)
        let skipped = SkippedLines()
        func flush() throws {
            for error in skipped.errors { builder.warn("skipped_bad_line", error.description) }
            skipped.errors.removeAll(keepingCapacity: true)
            try builder.addSingleBlockRequests(batch.buffer, inputLength: tokens)
            batch.removeAll()
        }
        if let size = input.sizeHint {
            // About 5 to 6 bytes per line in the public traces and ours: room for 4, so the arrays
            // never grow (room reserved and never touched costs no memory).
            // Their pages are faulted in on the other core, ahead of the parse.
            builder.reserve(accesses: builder.trace.accessCount + reservation(size / 4),
                            requests: builder.requestCount + reservation(size / 4), faultingAhead: true)
        }
        defer { builder.stopFaultingAhead() }
        _ = try input.skipBOM()
        var scanner = IdLineScanner(path: input.name, onBadLine: options.skipBadLines ? { skipped.errors.append($0) } : nil)
        // Slices of 64 KiB (about 10^4 ids): a stream's consumer gets its first requests early,
        // and an error in a later line comes after the requests before it were handed on.
        let slice = 1 << 16
        try input.forEachChunk(recordSize: 1, chunkSize: Self.chunkBytes) { chunk in
            var from = 0
            while from < chunk.count {
                let to = min(chunk.count, from + slice)
                try scanner.scan(UnsafeRawBufferPointer(rebasing: chunk[from ..< to])) { batch.append($0) }
                try flush()
                from = to
            }
        }
        try scanner.finish { batch.append($0) }
        try flush()
    }

    /// Bytes read at once: small enough that the read's copy stays in the L2 cache for the scan
    /// (a larger buffer is also that many more fresh pages).
    static let chunkBytes = 256 << 10

    /// The malformed lines met since the last flush (with `--skip-bad-lines`), in order.
    private final class SkippedLines {
        var errors: [InputError] = []
    }
}
