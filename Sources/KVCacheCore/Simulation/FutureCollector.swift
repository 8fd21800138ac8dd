/// Keeps the chunks of a trace as they are read (MODEL 3.7) and learns its future along the
/// way, for an offline policy that needs it before it serves the first request (`belady`,
/// `belady_bypass`, MODEL 4.5): the flattened block ids in touch order (forward within each
/// request) and, for every access, the clock of the next access to the same block
/// (`NextAccess.compute` on the whole trace, computed forward: the access at clock t names
/// itself as the next access of its block's previous one). The work runs while the reader reads
/// the next chunks, and the chunks stay as they came (no whole trace is assembled), to be served
/// in order once the stream has ended. O(1) per access; 8 bytes per access (ids and next
/// accesses) plus 4 per distinct block, beside the chunks.
public final class FutureCollector {
    public private(set) var chunks: [Trace] = []
    /// The flattened block ids (the clock indexes it) and each access's next access, or -1.
    public private(set) var stream: [Int32] = []
    public private(set) var nextAccess: [Int32] = []
    /// Per block id, the clock of its latest access so far, or -1.
    private var latest: [Int32] = []
    public private(set) var uniqueBlocks = 0

    /// Reserves room for about `accesses` accesses (the reader's estimate; 0: none).
    public init(expectedAccesses: Int = 0) {
        stream.reserveCapacity(max(0, expectedAccesses))
        nextAccess.reserveCapacity(max(0, expectedAccesses))
    }

    /// Keeps the next chunk and extends the future with its accesses.
    /// - Throws: `InputError` past 2^31 - 1 accesses (the clock is 32-bit, as in memory).
    public func consume(_ chunk: Trace) throws {
        let before = stream.count, n = chunk.accessCount
        guard before + n <= Int(Int32.max) else {
            throw InputError(file: chunk.source, "more than \(Int32.max) block accesses: an offline policy needs the whole trace in memory; split the trace or use an online policy with --stream")
        }
        if chunk.uniqueBlocks > latest.count {
            latest.append(contentsOf: repeatElement(-1, count: chunk.uniqueBlocks - latest.count))
        }
        uniqueBlocks = max(uniqueBlocks, chunk.uniqueBlocks)
        stream.append(contentsOf: chunk.blockIds)
        nextAccess.append(contentsOf: repeatElement(-1, count: n))
        chunk.blockIds.withUnsafeBufferPointer { ids in
            nextAccess.withUnsafeMutableBufferPointer { next in
                latest.withUnsafeMutableBufferPointer { latest in
                    for k in 0 ..< n {
                        let id = Int(ids[k])
                        let clock = Int32(truncatingIfNeeded: before &+ k)
                        let previous = Int(latest[id])
                        if previous >= 0 { next[previous] = clock }
                        latest[id] = clock
                    }
                }
            }
        }
        chunks.append(chunk)
    }

    /// Hands the chunks over (the collector keeps none).
    public func takeChunks() -> [Trace] {
        defer { chunks = [] }
        return chunks
    }
}
