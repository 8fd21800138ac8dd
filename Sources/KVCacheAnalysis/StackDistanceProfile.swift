import KVCacheCore
import KVCacheInput

/// Histograms of stack distances for one stack policy (MODEL 5.2), from which the exact hit
/// count at every capacity follows: a block is a hit at capacity C iff its distance is <= C
/// (block semantics), or iff the running maximum of distances over its request so far is
/// <= C (prefix semantics). Counts and token weights are kept per distance `1 ... maxDistance`;
/// infinite distances (cold misses) are kept apart.
///
/// Memory: 32 bytes per possible distance (at most the number of distinct blocks).
public struct StackDistanceProfile: Sendable {
    public let policy: PolicySpec
    public private(set) var accesses: Int
    public private(set) var inputTokens: Int
    public private(set) var uniqueBlocks: Int
    /// Per distance d (index d, 0 unused), four interleaved counters so that one access
    /// touches one cache line: block count, prefix count, block tokens, prefix tokens.
    private var bins: [Int]
    /// Accesses with infinite distance (never a hit at any capacity), per semantics.
    public private(set) var coldBlock = 0
    public private(set) var coldPrefix = 0

    init(policy: PolicySpec, trace: Trace) {
        self.policy = policy
        accesses = trace.measuredAccessCount
        inputTokens = trace.measuredInputTokens
        uniqueBlocks = trace.uniqueBlocks
        bins = Array(repeating: 0, count: 4 * (trace.uniqueBlocks + 2))
    }

    /// An empty profile for a stream (MODEL 3.7): `add(measuredOf:)` each chunk, then record
    /// its requests.
    init(streaming policy: PolicySpec) {
        self.policy = policy
        accesses = 0
        inputTokens = 0
        uniqueBlocks = 0
        bins = Array(repeating: 0, count: 4 * 2)
    }

    /// Counts `chunk`'s measured accesses and input tokens and makes room for its distinct
    /// blocks (distances up to `chunk.uniqueBlocks`).
    mutating func add(measuredOf chunk: Trace) {
        accesses += chunk.measuredAccessCount
        inputTokens += chunk.measuredInputTokens
        if chunk.uniqueBlocks > uniqueBlocks {
            uniqueBlocks = chunk.uniqueBlocks
            let needed = 4 * (uniqueBlocks + 2)
            if bins.count < needed { bins.append(contentsOf: repeatElement(0, count: max(needed, 2 * bins.count) - bins.count)) }
        }
    }

    /// Records request `r` (nothing during the warm-up) given the distance of each of its blocks in request order
    /// (0 = infinite): block hits by own distance, prefix hits by running maximum.
    @inline(__always)
    mutating func record(request r: Int, distances: UnsafeBufferPointer<Int32>, trace: Trace) {
        guard r >= trace.firstMeasuredRequest else { return }  // warm-up (MODEL 3.6)
        record(distances: distances, length: Int(trace.inputLengths[r]), blockSize: trace.blockSizeTokens)
    }

    /// Records one counted request of `length` tokens given its blocks' distances.
    @inline(__always)
    mutating func record(distances: UnsafeBufferPointer<Int32>, length: Int, blockSize: Int) {
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

    /// Cumulative hits and hit tokens at every capacity `0 ... uniqueBlocks` for one semantics.
    public func cumulative(_ semantics: HitSemantics) -> (hits: [Int], hitTokens: [Int]) {
        let offset = semantics == .prefix ? 1 : 0
        var hits = [Int](repeating: 0, count: uniqueBlocks + 1)
        var hitTokens = [Int](repeating: 0, count: uniqueBlocks + 1)
        var h = 0, t = 0
        for c in 0 ... uniqueBlocks {
            h += bins[4 * c + offset]
            t += bins[4 * c + offset + 2]
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
