import CPrefetch
import KVCacheCore
import KVCacheInput

/// Histograms of stack distances for one stack policy (MODEL 5.2), from which the exact hit
/// count at every capacity follows: a block is a hit at capacity C iff its distance is <= C
/// (block semantics), or iff the running maximum of distances over its request so far is
/// <= C (prefix semantics). Counts and token weights are kept per distance `1 ... maxDistance`;
/// infinite distances (cold misses) are kept apart.
///
/// The common access, a single-block request whose block is full (every access of an `ids` or
/// `oracle-general` trace), adds the same 1, 1, B, B to the four counters of its distance, so it
/// is counted in a separate array of 4-byte counts, folded in by `cumulative`: the histogram
/// touched per access is then 8 times smaller (4 MB for 10^6 distinct blocks, not 32), which is
/// what decides the speed of a curve (one cache miss per access; 2x faster on 10^7 Zipf accesses).
/// The wide bins are allocated at the first access that needs them, so a trace of such accesses
/// never allocates (nor zeroes) them.
///
/// Memory: 4 bytes per possible distance (at most the number of distinct blocks), plus 32 once
/// some access is not a single full block.
public struct StackDistanceProfile: Sendable {
    public let policy: PolicySpec
    public private(set) var accesses: Int
    public private(set) var inputTokens: Int
    public private(set) var uniqueBlocks: Int
    /// Per distance d (index d, 0 unused), four interleaved counters so that one access
    /// touches one cache line: block count, prefix count, block tokens, prefix tokens. Empty
    /// (all zero) until an access needs them; then `4 x fullSingles.count` long.
    private var bins: [Int] = []
    /// Per distance, single-block requests with a full block (B tokens): each adds 1, 1, B, B
    /// to `bins` (a count reaching `UInt32.max` is moved into `bins`).
    private var fullSingles: [UInt32]
    /// B, the tokens of a full block (the same in every chunk of a trace).
    private var fullBlockTokens = 0
    /// Accesses with infinite distance (never a hit at any capacity), per semantics.
    public private(set) var coldBlock = 0
    public private(set) var coldPrefix = 0

    init(policy: PolicySpec, trace: Trace) {
        self.policy = policy
        accesses = trace.measuredAccessCount
        inputTokens = trace.measuredInputTokens
        uniqueBlocks = trace.uniqueBlocks
        fullSingles = Array(repeating: 0, count: trace.uniqueBlocks + 2)
        fullBlockTokens = trace.blockSizeTokens
    }

    /// An empty profile for a stream (MODEL 3.7): `add(measuredOf:)` each chunk, then record
    /// its requests.
    init(streaming policy: PolicySpec) {
        self.policy = policy
        accesses = 0
        inputTokens = 0
        uniqueBlocks = 0
        fullSingles = Array(repeating: 0, count: 2)
    }

    /// Counts `chunk`'s measured accesses and input tokens and makes room for its distinct
    /// blocks (distances up to `chunk.uniqueBlocks`).
    mutating func add(measuredOf chunk: Trace) {
        accesses += chunk.measuredAccessCount
        inputTokens += chunk.measuredInputTokens
        if chunk.uniqueBlocks > uniqueBlocks {
            uniqueBlocks = chunk.uniqueBlocks
            let needed = uniqueBlocks + 2
            if fullSingles.count < needed {
                let grown = max(needed, 2 * fullSingles.count)
                fullSingles.append(contentsOf: repeatElement(0, count: grown - fullSingles.count))
                if !bins.isEmpty { bins.append(contentsOf: repeatElement(0, count: 4 * grown - bins.count)) }
            }
        }
        if fullBlockTokens == 0 { fullBlockTokens = chunk.blockSizeTokens }
        precondition(fullBlockTokens == chunk.blockSizeTokens, "one block size per profile")
    }

    /// Records request `r` (nothing during the warm-up) given the distance of each of its blocks in request order
    /// (0 = infinite): block hits by own distance, prefix hits by running maximum.
    @inline(__always)
    mutating func record(request r: Int, distances: UnsafeBufferPointer<Int32>, trace: Trace) {
        guard r >= trace.firstMeasuredRequest else { return }  // warm-up (MODEL 3.6)
        record(distances: distances, length: Int(trace.inputLengths[r]), blockSize: trace.blockSizeTokens)
    }

    /// How many single-block accesses ahead `record(requests:distances:of:)` starts loading a bin.
    static let binPrefetchDistance = 16

    /// Records `requests` of `trace` (nothing for those of the warm-up) given the distance of
    /// each of their blocks in block order (`distances[i - requestStarts[requests.lowerBound]]`
    /// for block `i`, as `LRUStackDistances.forEachBatch` gives them): the same counts as
    /// `record(request:distances:trace:)` one request at a time. Single full-block requests are
    /// counted in a tight loop that prefetches the bin of the access `binPrefetchDistance`
    /// ahead (its distance is known already): the bins are spread over megabytes, one cache miss
    /// per access otherwise. O(accesses).
    mutating func record(requests: Range<Int>, distances: UnsafeBufferPointer<Int32>, of trace: Trace) {
        guard !requests.isEmpty else { return }
        let blockSize = trace.blockSizeTokens
        let singles = blockSize == fullBlockTokens
        let end = requests.upperBound
        var cold = 0
        trace.requestStarts.withView { starts in
        trace.inputLengths.withView { lengths in
            let base = Int(starts[requests.lowerBound])
            let lastDistance = distances.count &- 1
            var r = max(requests.lowerBound, trace.firstMeasuredRequest)  // warm-up (MODEL 3.6)
            while r < end {
                if singles {
                    // The run of single full-block requests from r, up to a full 4-byte count.
                    r = fullSingles.withUnsafeMutableBufferPointer { f -> Int in
                        let bins = f.baseAddress!
                        var r = r
                        while r < end {
                            let i = Int(starts[r]) &- base
                            guard Int(starts[r &+ 1]) &- base &- i == 1, Int(lengths[r]) >= blockSize else { break }
                            cprefetch_read(bins + Int(distances[Swift.min(i &+ StackDistanceProfile.binPrefetchDistance, lastDistance)]))
                            let d = Int(distances[i])
                            if d == 0 {
                                cold &+= 1
                            } else {
                                guard f[d] != UInt32.max else { break }
                                f[d] &+= 1
                            }
                            r &+= 1
                        }
                        return r
                    }
                    if r == end { break }
                }
                let lower = Int(starts[r]) &- base, upper = Int(starts[r &+ 1]) &- base
                record(distances: UnsafeBufferPointer(rebasing: distances[lower ..< upper]), length: Int(lengths[r]),
                       blockSize: blockSize)
                r &+= 1
            }
        }
        }
        coldBlock &+= cold
        coldPrefix &+= cold
    }

    /// Records one counted request of `length` tokens given its blocks' distances.
    @inline(__always)
    mutating func record(distances: UnsafeBufferPointer<Int32>, length: Int, blockSize: Int) {
        if distances.count == 1, length >= blockSize, distances[0] > 0, blockSize == fullBlockTokens {
            let d = Int(distances[0])
            let done: Bool = fullSingles.withUnsafeMutableBufferPointer { f in
                guard f[d] != UInt32.max else { return false }
                f[d] &+= 1
                return true
            }
            if done { return }
            // A full counter: move it into the wide bins, then count this access there.
            let n = Int(fullSingles[d])
            fullSingles[d] = 0
            allocateBins()
            bins[4 * d] += n
            bins[4 * d + 1] += n
            bins[4 * d + 2] += n * blockSize
            bins[4 * d + 3] += n * blockSize
        }
        if bins.isEmpty && distances.contains(where: { $0 > 0 }) { allocateBins() }
        var runningMax = 0
        var cold = false
        var coldB = 0, coldP = 0
        bins.withUnsafeMutableBufferPointer { b in
            for k in 0 ..< distances.count {
                let d = Int(distances[k])
                let tokens = Trace.tokens(ofBlock: k, length: length, blockSize: blockSize)
                if d == 0 {
                    coldB &+= 1
                    cold = true
                } else {
                    b[4 &* d] &+= 1
                    b[4 &* d &+ 2] &+= tokens
                    if d > runningMax { runningMax = d }
                }
                if cold {
                    coldP &+= 1
                } else {
                    b[4 &* runningMax &+ 1] &+= 1
                    b[4 &* runningMax &+ 3] &+= tokens
                }
            }
        }
        coldBlock &+= coldB
        coldPrefix &+= coldP
    }

    /// Allocates the wide bins (all zero) if they are not yet.
    private mutating func allocateBins() {
        if bins.isEmpty { bins = Array(repeating: 0, count: 4 * fullSingles.count) }
    }

    /// Cumulative hits and hit tokens at every capacity `0 ... uniqueBlocks` for one semantics.
    public func cumulative(_ semantics: HitSemantics) -> (hits: [Int], hitTokens: [Int]) {
        let offset = semantics == .prefix ? 1 : 0
        var hits = [Int](repeating: 0, count: uniqueBlocks + 1)
        var hitTokens = [Int](repeating: 0, count: uniqueBlocks + 1)
        var h = 0, t = 0
        for c in 0 ... uniqueBlocks {
            let f = Int(fullSingles[c])
            h += f
            t += f * fullBlockTokens
            if !bins.isEmpty {
                h += bins[4 * c + offset]
                t += bins[4 * c + offset + 2]
            }
            hits[c] = h
            hitTokens[c] = t
        }
        return (hits, hitTokens)
    }

    /// Accesses that miss at every capacity (MODEL 5.4).
    public func compulsoryMisses(_ semantics: HitSemantics) -> Int {
        semantics == .prefix ? coldPrefix : coldBlock
    }
}
