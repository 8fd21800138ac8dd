import KVCacheCore

/// Histograms of stack distances for one stack policy (SEMANTICS 5.2), from which the exact hit
/// count at every capacity follows: a block is a hit at capacity C iff its distance is <= C
/// (block semantics), or iff the running maximum of distances over its request so far is
/// <= C (prefix semantics). Counts and token weights are kept per distance `1 ... maxDistance`;
/// infinite distances (cold misses) are kept apart.
///
/// Memory: 32 bytes per possible distance (at most the number of distinct blocks).
public struct StackDistanceProfile: Sendable {
    public let policy: PolicyKind
    public let accesses: Int
    public let inputTokens: Int
    public let uniqueBlocks: Int
    /// `blockCount[d]`: accesses with distance d (index 0 unused).
    public internal(set) var blockCount: [Int]
    public internal(set) var prefixCount: [Int]
    public internal(set) var blockTokens: [Int]
    public internal(set) var prefixTokens: [Int]
    /// Accesses with infinite distance (never a hit at any capacity), per semantics.
    public internal(set) var coldBlock = 0
    public internal(set) var coldPrefix = 0

    init(policy: PolicyKind, trace: Trace) {
        self.policy = policy
        accesses = trace.accessCount
        inputTokens = trace.totalInputTokens
        uniqueBlocks = trace.uniqueBlocks
        let n = trace.uniqueBlocks + 2
        blockCount = Array(repeating: 0, count: n)
        prefixCount = Array(repeating: 0, count: n)
        blockTokens = Array(repeating: 0, count: n)
        prefixTokens = Array(repeating: 0, count: n)
    }

    /// Records request `r` given the distance of each of its blocks in request order
    /// (0 = infinite): block hits by own distance, prefix hits by running maximum.
    @inline(__always)
    mutating func record(request r: Int, distances: UnsafeBufferPointer<Int32>, trace: Trace) {
        var runningMax: Int32 = 0
        var cold = false
        for k in 0 ..< distances.count {
            let d = distances[k]
            let tokens = trace.tokens(ofBlock: k, inRequest: r)
            if d == 0 {
                coldBlock &+= 1
                cold = true
            } else {
                blockCount[Int(d)] &+= 1
                blockTokens[Int(d)] &+= tokens
                if d > runningMax { runningMax = d }
            }
            if cold {
                coldPrefix &+= 1
            } else {
                prefixCount[Int(runningMax)] &+= 1
                prefixTokens[Int(runningMax)] &+= tokens
            }
        }
    }

    /// Cumulative hits and hit tokens at every capacity `0 ... uniqueBlocks` for one semantics.
    public func cumulative(_ semantics: HitSemantics) -> (hits: [Int], hitTokens: [Int]) {
        let counts = semantics == .prefix ? prefixCount : blockCount
        let tokens = semantics == .prefix ? prefixTokens : blockTokens
        var hits = [Int](repeating: 0, count: uniqueBlocks + 1)
        var hitTokens = [Int](repeating: 0, count: uniqueBlocks + 1)
        var h = 0, t = 0
        for c in 0 ... uniqueBlocks {
            if c < counts.count { h += counts[c]; t += tokens[c] }
            hits[c] = h
            hitTokens[c] = t
        }
        return (hits, hitTokens)
    }

    /// Accesses that miss at every capacity (SEMANTICS 5.4).
    public func compulsoryMisses(_ semantics: HitSemantics) -> Int {
        semantics == .prefix ? coldPrefix : coldBlock
    }
}
