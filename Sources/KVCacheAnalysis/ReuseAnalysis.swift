import KVCacheCore
import KVCacheInput

/// The reuse profile of a trace: log2-binned histograms of
/// LRU stack distances (at arrival) and of reuse times (accesses, and milliseconds where the
/// trace has timestamps, on the forward flattened stream), compulsory misses, the prefix-tree
/// fraction, and the capacity each stack policy needs to reach a share of its infinite-cache
/// hits. O(accesses x log distinct).
public struct ReuseAnalysis: Sendable {
    /// A log2 histogram: bin k counts values in [2^k, 2^(k+1) - 1]; `infinite` counts first
    /// accesses (no previous access).
    public struct Log2Histogram: Sendable, Equatable {
        public var counts: [Int] = []
        public var infinite = 0

        mutating func add(_ value: Int) {
            guard value >= 1 else { return }
            let k = Int.bitWidth - 1 - value.leadingZeroBitCount
            if counts.count <= k { counts.append(contentsOf: repeatElement(0, count: k + 1 - counts.count)) }
            counts[k] += 1
        }

        public var total: Int { counts.reduce(0, +) + infinite }
    }

    public var requests = 0
    public var accesses = 0
    public var uniqueBlocks = 0
    public var inputTokens = 0
    public var outputTokens = 0
    /// Milliseconds between the first and last request, when timestamps exist.
    public var timeSpanMs: Double?
    /// LRU stack distances at arrival (block semantics), MODEL 5.1/5.2.
    public var stackDistance = Log2Histogram()
    /// Accesses since the previous access to the same block (forward flattened stream).
    public var reuseTimeAccesses = Log2Histogram()
    /// Milliseconds since the previous request touching the same block (values below 1 ms count
    /// in the first bin), where timestamps exist.
    public var reuseTimeMs: Log2Histogram?
    /// Fraction of distinct ids that always follow the same parent (MODEL 2.5).
    public var prefixTreeFraction = 0.0
    /// Capacity (blocks) for 50/90/99% of the infinite-cache hits, per policy and semantics.
    public var capacityNeeded: [CapacityNeed] = []

    public struct CapacityNeed: Sendable, Equatable {
        public var policy: PolicySpec
        public var semantics: HitSemantics
        public var infiniteHits: Int
        /// (share, capacity in blocks) for shares 0.5, 0.9, 0.99.
        public var capacities: [(Double, Int?)]
        public static func == (a: CapacityNeed, b: CapacityNeed) -> Bool {
            a.policy == b.policy && a.semantics == b.semantics && a.infiniteHits == b.infiniteHits
                && a.capacities.map(\.1) == b.capacities.map(\.1)
        }
    }

    public static let shares = [0.5, 0.9, 0.99]

    /// Analyses `trace`; `profiles` are reused when the caller already computed them.
    public static func analyse(_ trace: Trace, profiles: [StackDistanceProfile]? = nil) -> ReuseAnalysis {
        var a = ReuseAnalysis()
        // Counted requests only (MODEL 3.6); the warm-up still feeds distances and reuse times.
        let measuredFrom = trace.firstMeasuredRequest
        a.requests = trace.measuredRequestCount
        a.accesses = trace.measuredAccessCount
        a.uniqueBlocks = trace.uniqueBlocks
        a.inputTokens = trace.measuredInputTokens
        a.outputTokens = trace.totalOutputTokens
        if let ts = trace.timestamps, let first = ts.first, let last = ts.last { a.timeSpanMs = last - first }

        LRUStackDistances.forEachRequest(trace, reverse: false) { r, distances in
            guard r >= measuredFrom else { return }
            for d in distances {
                if d == 0 { a.stackDistance.infinite += 1 } else { a.stackDistance.add(Int(d)) }
            }
        }
        // Reuse times and the prefix-tree property in one forward pass.
        var lastClock = [Int](repeating: -1, count: trace.uniqueBlocks)
        var lastTime = [Double](repeating: 0, count: trace.uniqueBlocks)
        var parent = [Int32](repeating: -2, count: trace.uniqueBlocks)   // -2 unseen, -1 "first"
        var consistent = [Bool](repeating: true, count: trace.uniqueBlocks)
        var ms = trace.timestamps != nil ? Log2Histogram() : nil
        var clock = 0
        for r in 0 ..< trace.requestCount {
            var previous: Int32 = -1
            let now = trace.timestamps?[r] ?? 0
            let counted = r >= measuredFrom
            for i in trace.blockRange(of: r) {
                let id = Int(trace.blockIds[i])
                if counted && lastClock[id] < 0 {
                    a.reuseTimeAccesses.infinite += 1
                    ms?.infinite += 1
                } else if counted {
                    a.reuseTimeAccesses.add(clock - lastClock[id])
                    ms?.add(max(1, Int((now - lastTime[id]).rounded(.down))))
                }
                lastClock[id] = clock
                lastTime[id] = now
                if parent[id] == -2 { parent[id] = previous } else if parent[id] != previous { consistent[id] = false }
                previous = Int32(id)
                clock += 1
            }
        }
        a.reuseTimeMs = ms
        a.prefixTreeFraction = trace.uniqueBlocks == 0 ? 1 : Double(consistent.filter { $0 }.count) / Double(trace.uniqueBlocks)

        let profiles = profiles ?? [LRUStackDistances.profile(trace, policy: .lru),
                                    LRUStackDistances.profile(trace, policy: .prefixLRU),
                                    OPTProfile.profile(trace)]
        for p in profiles {
            for semantics in HitSemantics.allCases {
                let hits = p.cumulative(semantics).hits.last ?? 0
                a.capacityNeeded.append(CapacityNeed(
                    policy: p.policy, semantics: semantics, infiniteHits: hits,
                    capacities: shares.map { ($0, MissRatioCurve.capacityNeeded(p, semantics: semantics, fraction: $0)) }))
            }
        }
        return a
    }
}
