import KVCacheCore

/// The proven upper bound on hits (MODEL 5.7): at capacity `C`, no policy, whether it always
/// inserts or may decline, online or offline, gets more block hits, prefix hits, or hit tokens
/// under either semantics, among the counted requests.
///
/// The argument. Every policy here counts a block as a hit when it is resident when its request
/// is looked up (at arrival, or at its own access for `belady`): let `S_q` be the cache at
/// request `q`'s arrival, `|S_q| <= C`. An access to block `x` in request `b` whose previous
/// access was in an earlier request `a` can be a hit only if `x` stayed resident from `a` to
/// `b` (it is not accessed in between, so it cannot come back), so `x` is in `S_q` for every
/// `q` in `(a, b]`. Those intervals, one per block, never put more than `C` blocks in one
/// `S_q`. So the hits of any policy are at most (i) the accesses whose previous access is in
/// the same request (repeats, counted as hits whatever the capacity) plus (ii) the largest
/// number `K(C)` of intervals `(a, b]` of which no more than `C` cover any request: the
/// maximum `C`-colourable subgraph of an interval graph, found exactly by the greedy that takes
/// intervals by increasing right end and keeps one whenever it fits (Carlisle and Lloyd,
/// "On the k-coloring of intervals", Discrete Applied Mathematics 59, 1995; the same greedy is
/// Hawkeye's OPTgen, Jain and Lin, ISCA 2016). Prefix hits are a subset of block hits. A hit
/// is worth at most its block's tokens, so the token bound adds the `K(C)` largest token
/// weights of the candidate intervals. Only intervals ending in a counted request are
/// candidates (MODEL 3.6): warm-up hits are not counted, so nothing is lost by dropping them.
///
/// On one-block requests the bound is the hit count of `belady_bypass` (MIN with bypass on the
/// flattened stream), which attains it. Requests with several blocks loosen it a little: it
/// lets a request's new blocks and the blocks it reuses share the cache as if they came one
/// request apart, and it holds for requests larger than the cache, where a policy that looks
/// blocks up at arrival can beat MIN on the flattened stream.
///
/// Cost: one pass groups the intervals by (a, b) (a prefix-sharing request is a few groups);
/// each capacity is then O(groups x log requests) with a range-add/range-max tree, capacities
/// run concurrently. Memory: 4 bytes per distinct block plus 12 per group and 12 per request
/// per concurrent capacity.
public struct UpperBound: Sendable {
    public struct Point: Sendable, Equatable {
        public var capacityBlocks: Int
        /// Bound on block hits, and so on prefix hits.
        public var hits: Int
        /// Bound on hit tokens under either semantics.
        public var hitTokens: Int
    }

    /// Counted accesses and input tokens (the denominators of the ratios).
    public var accesses: Int
    public var inputTokens: Int
    public var points: [Point]

    public func hitRatio(_ p: Point) -> Double { accesses == 0 ? 0 : Double(p.hits) / Double(accesses) }
    public func tokenHitRatio(_ p: Point) -> Double { inputTokens == 0 ? 0 : Double(p.hitTokens) / Double(inputTokens) }

    /// The bound at each of `capacities` (blocks, each >= 1).
    public static func compute(_ trace: Trace, capacities: [Int]) async -> UpperBound {
        let groups = Intervals(trace)
        let points = await withTaskGroup(of: (Int, Point).self) { group in
            for (i, c) in capacities.enumerated() {
                group.addTask { (i, groups.bound(capacity: c)) }
            }
            var out = [Point?](repeating: nil, count: capacities.count)
            for await (i, p) in group { out[i] = p }
            return out.compactMap { $0 }
        }
        return UpperBound(accesses: trace.measuredAccessCount, inputTokens: trace.measuredInputTokens, points: points)
    }

    /// The bound at one capacity (tests and single runs). `shortcut: false` forces the interval
    /// greedy where `belady_bypass` would do (tests).
    public static func at(_ trace: Trace, capacity: Int, shortcut: Bool = true) -> Point {
        Intervals(trace, shortcut: shortcut).bound(capacity: capacity)
    }

    /// The candidate intervals of a trace, grouped by (a, b), with the counts that do not
    /// depend on the capacity.
    struct Intervals: Sendable {
        var requestCount = 0
        /// Groups in processing order: by right end `b`, then by decreasing left end `a`.
        var lefts: [Int32] = []
        var rights: [Int32] = []
        var counts: [Int32] = []
        /// Accesses whose previous access is in the same counted request, and their tokens.
        var repeats = 0
        var repeatTokens = 0
        /// How many candidate intervals carry each token weight (index = tokens).
        var weightCounts: [Int] = []
        /// Every request has one block and there is no warm-up: the greedy's count is then
        /// `belady_bypass`'s hit count (both are the optimum of the same problem, tested), which
        /// its simulation finds several times faster than the tree.
        var bypass: (trace: Trace, nextAccess: [Int32])?

        init(_ trace: Trace, shortcut: Bool = true) {
            requestCount = trace.requestCount
            weightCounts = [Int](repeating: 0, count: trace.blockSizeTokens + 1)
            let singleBlock = shortcut && trace.accessCount == trace.requestCount && trace.firstMeasuredRequest == 0
            var lastRequest = [Int32](repeating: -1, count: trace.uniqueBlocks)
            var lefts: [Int32] = []  // of the current request's candidates
            let measuredFrom = trace.firstMeasuredRequest
            for b in 0 ..< trace.requestCount {
                let range = trace.blockRange(of: b)
                let counted = b >= measuredFrom
                let length = Int(trace.inputLengths[b])
                lefts.removeAll(keepingCapacity: true)
                for (k, i) in range.enumerated() {
                    let x = Int(trace.blockIds[i])
                    let a = lastRequest[x]
                    lastRequest[x] = Int32(b)
                    guard counted, a >= 0 else { continue }
                    let w = Trace.tokens(ofBlock: k, length: length, blockSize: trace.blockSizeTokens)
                    if Int(a) == b {
                        repeats += 1
                        repeatTokens += w
                    } else {
                        lefts.append(a)
                        weightCounts[w] += 1
                    }
                }
                guard !lefts.isEmpty, !singleBlock else { continue }
                lefts.sort(by: >)
                var j = 0
                while j < lefts.count {
                    var e = j + 1
                    while e < lefts.count && lefts[e] == lefts[j] { e += 1 }
                    self.lefts.append(lefts[j])
                    rights.append(Int32(b))
                    counts.append(Int32(e - j))
                    j = e
                }
            }
            if singleBlock { bypass = (trace, NextAccess.compute(trace)) }
        }

        /// Greedy by right end: a group (a, b] of m intervals adds min(m, C - load) of them,
        /// load being the largest number of kept intervals at a request in (a, b].
        func bound(capacity: Int) -> Point {
            let c = Int32(clamping: capacity)
            var kept = 0
            if let (trace, next) = bypass {
                var cache: BlockCache
                do { cache = try BlockCache(tierCapacities: [max(1, capacity)], universe: trace.uniqueBlocks) } catch {
                    preconditionFailure("upper bound: a capacity of at least one block (\(error))")
                }
                var policy = BeladyPolicy(stream: trace.blockIds, nextAccess: next, bypass: true, capacity: cache.capacity)
                do {
                    kept = try Simulator.run(&policy, cache: &cache, trace: trace, name: "upper_bound").hitsBlock
                } catch {
                    preconditionFailure("unreachable: invariants are not checked (\(error))")
                }
                return tokenBound(kept: kept, capacity: capacity)
            }
            var tree = RangeAddMaxTree(count: requestCount)
            for g in 0 ..< counts.count {
                let lower = Int(lefts[g]) + 1, upper = Int(rights[g]) + 1
                let load = tree.max(lower, upper)
                let take = min(counts[g], c - load)
                if take > 0 {
                    tree.add(take, lower, upper)
                    kept += Int(take)
                }
            }
            return tokenBound(kept: kept, capacity: capacity)
        }

        /// The kept intervals' tokens are at most the `kept` largest weights.
        func tokenBound(kept: Int, capacity: Int) -> Point {
            var tokens = repeatTokens, left = kept
            var w = weightCounts.count - 1
            while left > 0 && w >= 0 {
                let n = min(left, weightCounts[w])
                tokens += n * w
                left -= n
                w -= 1
            }
            return Point(capacityBlocks: capacity, hits: kept + repeats, hitTokens: tokens)
        }
    }
}
