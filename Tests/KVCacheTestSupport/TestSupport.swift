import KVCacheCore
import KVCacheInput

/// SplitMix64: a tiny, fast, repeatable generator for seeded test loops (Steele, Lea, Flood,
/// "Fast splittable pseudorandom number generators", OOPSLA 2014).
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Small traces for tests: requests given as lists of raw block ids.
public enum TraceFixture {
    /// A trace whose request r reads `requests[r]`. With `blockSize` 1 and no `lengths`, each
    /// request's input length equals its block count. Raw ids that first appear in increasing
    /// order (0, 1, 2, ...) keep their value as dense id.
    public static func make(_ requests: [[Int]], blockSize: Int = 1, lengths: [Int]? = nil,
                            timestamps: [Double]? = nil, types: [String]? = nil) -> Trace {
        var builder = TraceBuilder(blockSizeTokens: blockSize, source: "fixture")
        for (r, ids) in requests.enumerated() {
            // A fixture is well-formed by construction: addRequest only throws past 2^31 ids.
            try? builder.addRequest(rawIds: ids.map { UInt64($0) }, inputLength: lengths?[r] ?? ids.count * blockSize,
                                    outputLength: nil, timestamp: timestamps?[r], requestType: types?[r])
        }
        return builder.build()
    }

    /// A random trace of `requests` requests over `universe` ids. Requests have 1...`maxBlocks`
    /// blocks; with `prefixChains`, most requests extend or repeat an earlier request's prefix
    /// (as KV traces do), the rest draw ids at random (repeats within a request allowed when
    /// `allowRepeats`).
    public static func random(seed: UInt64, requests: Int, universe: Int, maxBlocks: Int,
                              prefixChains: Bool = true, allowRepeats: Bool = false) -> Trace {
        var rng = SplitMix64(seed: seed)
        var out: [[Int]] = []
        for _ in 0 ..< requests {
            let n = Int.random(in: 1 ... maxBlocks, using: &rng)
            if prefixChains, !out.isEmpty, Int.random(in: 0 ..< 3, using: &rng) > 0 {
                let base = out[Int.random(in: 0 ..< out.count, using: &rng)]
                var req = Array(base.prefix(Int.random(in: 1 ... base.count, using: &rng)))
                while req.count < n {
                    let id = Int.random(in: 0 ..< universe, using: &rng)
                    if allowRepeats || !req.contains(id) { req.append(id) } else if req.count >= universe { break }
                }
                out.append(req)
            } else {
                var req: [Int] = []
                var guardCount = 0
                while req.count < n, guardCount < 10 * n {
                    let id = Int.random(in: 0 ..< universe, using: &rng)
                    if allowRepeats || !req.contains(id) { req.append(id) }
                    guardCount += 1
                }
                out.append(req)
            }
        }
        // Lengths that leave the last block partial sometimes (MODEL 1.1, 5.5).
        let blockSize = 4
        let lengths = out.map { $0.count * blockSize - Int.random(in: 0 ..< blockSize, using: &rng) }
        return make(out, blockSize: blockSize, lengths: lengths)
    }

    /// The requests of `trace` as lists of dense ids.
    public static func requests(of trace: Trace) -> [[Int]] {
        (0 ..< trace.requestCount).map { r in trace.blockRange(of: r).map { Int(trace.blockIds[$0]) } }
    }
}

/// An independent, deliberately naive simulator of MODEL 3 and 4, written as directly from
/// the text as possible (arrays and linear scans, a priority per block: the victim is the
/// unpinned cached block with the smallest priority), to cross-check `Simulator`.
public enum NaiveSimulator {
    public struct Counts: Equatable, CustomStringConvertible {
        public var blockHits = 0, prefixHits = 0, blockHitTokens = 0, prefixHitTokens = 0
        public var l1BlockHits = 0, l1PrefixHits = 0
        public var description: String { "block \(blockHits) prefix \(prefixHits) tokens \(blockHitTokens)/\(prefixHitTokens) l1 \(l1BlockHits)/\(l1PrefixHits)" }
    }

    /// `policy`: lru, prefix_lru, fifo, lfu, belady; `l1`: blocks of a top tier for
    /// hierarchical checks (the `l1` most recently accessed cached blocks, MODEL 4.4).
    public static func run(_ trace: Trace, policy: PolicyKind, capacity: Int, l1: Int? = nil) -> Counts {
        let reqs = TraceFixture.requests(of: trace)
        // Flattened stream in touch order, for belady's next-access times.
        var order: [(r: Int, k: Int)] = []
        for (r, ids) in reqs.enumerated() {
            let ks = Array(0 ..< ids.count)
            for k in (policy == .prefixLRU ? Array(ks.reversed()) : ks) { order.append((r, k)) }
        }
        func nextUse(after t: Int, of id: Int) -> Int {
            var u = t + 1
            while u < order.count {
                if reqs[order[u].r][order[u].k] == id { return u }
                u += 1
            }
            return Int.max / 2 - id  // never again; smaller ids go first
        }
        var cache: [Int] = []
        var lastAccess: [Int: Int] = [:], inserted: [Int: Int] = [:], freq: [Int: Int] = [:], next: [Int: Int] = [:]
        var counts = Counts()
        var t = 0
        for (r, ids) in reqs.enumerated() {
            let perAccess = policy == .belady || policy == .beladyBypass
            var present = [Bool](repeating: false, count: ids.count)
            var inL1 = [Bool](repeating: false, count: ids.count)
            if !perAccess {
                let byRecency = cache.sorted { lastAccess[$0, default: 0] > lastAccess[$1, default: 0] }
                for (k, id) in ids.enumerated() {
                    present[k] = cache.contains(id)
                    if let l1 { inL1[k] = byRecency.prefix(l1).contains(id) }
                }
            }
            let touch = policy == .prefixLRU ? Array((0 ..< ids.count).reversed()) : Array(0 ..< ids.count)
            for k in touch {
                let id = ids[k]
                if perAccess { present[k] = cache.contains(id) }
                if cache.contains(id) {
                    freq[id, default: 0] += 1
                } else if policy == .beladyBypass, cache.count >= capacity,
                          nextUse(after: t, of: id) >= min(Int.max / 2 - reqs.count * 1000, cache.map { next[$0]! }.max()!) {
                    // Bypass (MODEL 4.13): the incoming block's next use is no nearer than the
                    // farthest cached one's (never again counts as farther than any use).
                    lastAccess[id] = t
                    t += 1
                    continue
                } else {
                    while cache.count >= capacity {
                        func priority(_ b: Int) -> (Int, Int) {
                            switch policy {
                            case .lru, .prefixLRU, .hierarchicalLRU: return (lastAccess[b]!, 0)
                            case .fifo: return (inserted[b]!, 0)
                            case .lfu: return (freq[b]!, lastAccess[b]!)
                            case .belady, .beladyBypass: return (-next[b]!, 0)
                            case .clock, .sieve, .s3fifo, .arc, .radixLRU, .radixBelady:
                                preconditionFailure("the naive replay models lru, prefix_lru, fifo, lfu, belady and hierarchical_lru")
                            }
                        }
                        let unpinned = perAccess ? cache : cache.filter { !ids.contains($0) }
                        let candidates = unpinned.isEmpty ? cache : unpinned
                        let victim = candidates.min { priority($0) < priority($1) }!
                        cache.removeAll { $0 == victim }
                    }
                    cache.append(id)
                    inserted[id] = t
                    freq[id] = 1
                }
                lastAccess[id] = t
                next[id] = nextUse(after: t, of: id)
                t += 1
            }
            var inPrefix = true
            let length = trace.inputLengths[r]
            for k in 0 ..< ids.count {
                let tokens = max(0, min(trace.blockSizeTokens, Int(length) - k * trace.blockSizeTokens))
                if present[k] {
                    counts.blockHits += 1
                    counts.blockHitTokens += tokens
                    if inL1[k] { counts.l1BlockHits += 1 }
                    if inPrefix {
                        counts.prefixHits += 1
                        counts.prefixHitTokens += tokens
                        if inL1[k] { counts.l1PrefixHits += 1 }
                    }
                } else {
                    inPrefix = false
                }
            }
        }
        return counts
    }
}
