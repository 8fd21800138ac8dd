import KVCacheCore

/// A spatially sampled single-block trace read in one pass over an `ids` or `oracle-general`
/// input (MODEL 5.11), in memory proportional to the sample, not to the input: each raw 64-bit
/// id is hashed (`Trace.samplingHash(raw:seed:)`) as it is parsed, and only the ids whose hash
/// is below `threshold` are interned and kept. The rest costs a parse, a hash and a compare
/// (a loop over raw bytes, no allocation per line). This is SHARDS's filter (Waldspurger et
/// al., FAST 2015) in front of the reader, so that a 10^10-access stream fits in memory.
///
/// Memory: O(sampled distinct ids + sampled accesses). Time: O(input bytes).
public struct SampledIdStream {
    /// The sampled accesses, one single-block request each, dense ids by first appearance.
    public var sample: Trace
    /// Every access read (sampled or not).
    public var accesses: Int
    /// The hash of each sampled dense id's raw id (for the error slices, MODEL 5.11).
    public var hashes: [UInt64]

    /// Reads `input` (format `.ids` or `.oracleGeneral`).
    /// - Throws: an InputError naming the file, line (ids) or byte offset (oracle-general) and
    ///   field of a malformed record.
    public static func read(_ input: ByteStream, format: TraceFormat, threshold: UInt64, seed: UInt64,
                            blockSizeTokens: Int) throws -> SampledIdStream {
        var interner = Interner(seed: seed)
        var accesses = 0
        /// SHARDS's filter: the id is kept when its hash is below the threshold.
        func keep(_ id: UInt64) {
            let h = Trace.samplingHash(raw: id, seed: seed)
            if h < threshold { interner.add(id, hash: h) }
        }
        switch format {
        case .ids:
            _ = try input.skipBOM()
            var scanner = IdLineScanner(path: input.name)
            try input.forEachChunk(recordSize: 1) { chunk in try scanner.scan(chunk, keep) }
            try scanner.finish(keep)
            accesses = scanner.count
        case .oracleGeneral:
            try OracleGeneralReader.forEachRecordChunk(input) { chunk, count in
                for r in 0 ..< count { keep(OracleGeneralReader.id(chunk, r)) }
                accesses += count
            }
        default:
            throw InputError(file: input.name, field: "format", "a sampled stream reads ids or oracle-general, not \(format.rawValue)")
        }
        guard accesses > 0 else { throw InputError(file: input.name, "the trace has no requests") }
        var builder = TraceBuilder(blockSizeTokens: blockSizeTokens, source: input.name)
        builder.reserve(accesses: interner.accesses.count, requests: interner.accesses.count)
        try interner.accesses.withUnsafeBufferPointer { try builder.addSingleBlockRequests($0, inputLength: blockSizeTokens) }
        return SampledIdStream(sample: builder.build(), accesses: accesses, hashes: interner.hashes)
    }

    /// Dense ids of the sampled raw ids, by first appearance.
    private struct Interner {
        let seed: UInt64
        var dense: [UInt64: UInt64] = [:]
        var accesses: [UInt64] = []
        var hashes: [UInt64] = []

        init(seed: UInt64) { self.seed = seed }

        @inline(__always)
        mutating func add(_ id: UInt64, hash: UInt64) {
            let next = UInt64(hashes.count)
            let d = dense[id, default: next]
            if d == next {
                dense[id] = next
                hashes.append(hash)
            }
            accesses.append(d)
        }
    }
}
