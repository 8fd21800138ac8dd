import KVCacheCore

/// The exact one-pass curve of `lru`, `prefix_lru` or `belady` over a trace that arrives in
/// chunks (MODEL 3.7, 5.2): each chunk's distances are taken by the same pass as in memory
/// (`LRUStackDistances`' slot tree, `OPTStackDistances`' critical stack), whose state carries
/// over between chunks and grows with the distinct blocks; the chunk is then dropped. The
/// profile equals the in-memory one exactly (tested).
///
/// Memory O(distinct blocks), whatever the trace's length: for LRU about 2 slots per block
/// (a bit and 1/16 of a count each) and 4 bytes of last slot; for OPT
/// about 21 bytes per block (`OPTStackDistances`); plus 4 bytes per block of histogram (36 once
/// some access is not a single full block) and one chunk. O(accesses x log distinct) time.
public final class StreamingCurve {
    private var profile: StackDistanceProfile
    private var lru: SlotTree
    private var opt: OPTStackDistances
    private let warmupRequests: Int
    private var seenRequests = 0
    private var distances: [Int32] = []

    /// - Throws: `InputError` for a policy without a one-pass curve.
    public init(policy: PolicySpec, warmupRequests: Int = 0) throws {
        guard policy.hasOnePassCurve else {
            throw InputError(field: "policy", "\(policy) has no one-pass curve (lru, prefix_lru, belady have)")
        }
        profile = StackDistanceProfile(streaming: policy)
        lru = SlotTree(universe: policy == .belady ? 0 : 1024)
        opt = OPTStackDistances(uniqueBlocks: policy == .belady ? 1024 : 0)
        self.warmupRequests = warmupRequests
    }

    /// Adds the next chunk's distances to the profile.
    public func consume(_ chunk: Trace) {
        var measured = chunk
        measured.measure(from: warmupRequests - seenRequests)  // clamped to the chunk
        seenRequests += chunk.requestCount
        // The profile leaves the object while the chunk is served: no access check, no copy.
        var p = StackDistanceProfile(streaming: profile.policy)
        swap(&p, &profile)
        defer { swap(&p, &profile) }
        p.add(measuredOf: measured)
        let first = measured.firstMeasuredRequest, blockSize = chunk.blockSizeTokens
        chunk.inputLengths.withView { lengths in
            if p.policy == .belady {
                if chunk.uniqueBlocks > opt.uniqueBlocks {
                    // Doubling, but never past the OPT pass's own limit (the in-memory one).
                    let limit = Int(Int32.max) / 4 - 1
                    opt.grow(uniqueBlocks: max(chunk.uniqueBlocks, min(2 * opt.uniqueBlocks, limit)))
                }
                var d = distances
                chunk.blockIds.withUnsafeBufferPointer { ids in
                chunk.requestStarts.withView { starts in
                    for r in 0 ..< lengths.count {
                        let lower = Int(starts[r]), n = Int(starts[r + 1]) - lower
                        if d.count < n { d = [Int32](repeating: 0, count: max(16, n * 2)) }
                        d.withUnsafeMutableBufferPointer { d in
                            opt.access(ids, lower ..< lower + n, into: d)
                            guard r >= first else { return }
                            p.record(distances: UnsafeBufferPointer(rebasing: d[0 ..< n]), length: Int(lengths[r]), blockSize: blockSize)
                        }
                    }
                }
                }
                distances = d
            } else {
                LRUStackDistances.forEachBatch(measured, reverse: p.policy == .prefixLRU, tree: &lru) { requests, d in
                    p.record(requests: requests, distances: d, of: measured)
                }
            }
        }
    }

    /// The profile of every chunk so far.
    public func finish() -> StackDistanceProfile { profile }
}
