import KVCacheCore
import KVCacheInput

/// LRU stack distances measured at each request's arrival (MODEL 5.1, 5.2), for `lru` and
/// `prefix_lru` (its own touch order), in one pass: O(accesses x log distinct blocks).
///
/// Every access takes a time slot; a bitset with a 64-ary tree of per-word counts counts the slots
/// that are some block's latest access. The distance of block x is 1 + the number of live slots
/// after x's previous slot
/// (Mattson et al. 1970; Bennett and Kruskal 1975). A request's distances are all read before
/// any of its accesses updates the tree (lookup at arrival); updates follow the touch order.
/// Slots are compacted (live ones renumbered in order) whenever they run out, so the tree has
/// at most 2 x distinct slots: memory O(distinct), no allocation per access.
public enum LRUStackDistances {
    public static func profile(_ trace: Trace, policy: PolicySpec = .lru) -> StackDistanceProfile {
        precondition(policy == .lru || policy == .prefixLRU, "LRU stack distances are for lru and prefix_lru")
        var profile = StackDistanceProfile(policy: policy, trace: trace)
        forEachRequest(trace, reverse: policy == .prefixLRU) { r, distances in
            profile.record(request: r, distances: distances, trace: trace)
        }
        return profile
    }

    /// Calls `body(request, distances)` for every request, with each block's distance at
    /// arrival (0 = infinite), in request order.
    public static func forEachRequest(_ trace: Trace, reverse: Bool,
                                      _ body: (Int, UnsafeBufferPointer<Int32>) -> Void) {
        var tree = SlotTree(universe: trace.uniqueBlocks)
        forEachRequest(trace, reverse: reverse, tree: &tree, body)
    }

    /// The same over `tree`'s state, which the pass continues (a stream's chunks, MODEL 3.7);
    /// the tree grows first when `trace` has more distinct blocks than it has room for.
    static func forEachRequest(_ trace: Trace, reverse: Bool, tree: inout SlotTree,
                               _ body: (Int, UnsafeBufferPointer<Int32>) -> Void) {
        if trace.uniqueBlocks > tree.universe { tree.grow(universe: max(trace.uniqueBlocks, 2 * tree.universe)) }
        var longest = 1
        for r in 0 ..< trace.requestCount { longest = max(longest, trace.blockRange(of: r).count) }
        let d = UnsafeMutablePointer<Int32>.allocate(capacity: longest)
        defer { d.deallocate() }
        trace.blockIds.withUnsafeBufferPointer { ids in
        trace.requestStarts.withUnsafeBufferPointer { starts in
            for r in 0 ..< trace.requestCount {
                let first = Int(starts[r])
                let n = Int(starts[r + 1]) &- first
                // Lookup at arrival: every distance before any update (MODEL 5.2).
                for k in 0 ..< n { d[k] = tree.distance(of: ids[first &+ k]) }
                for j in 0 ..< n { tree.access(ids[first &+ (reverse ? n &- 1 &- j : j)]) }
                body(r, UnsafeBufferPointer(start: d, count: n))
            }
        }
        }
    }
}
