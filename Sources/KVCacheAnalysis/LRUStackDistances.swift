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
        var tree = SlotTree(universe: trace.uniqueBlocks)
        forEachBatch(trace, reverse: policy == .prefixLRU, tree: &tree) { requests, distances in
            profile.record(requests: requests, distances: distances, of: trace)
        }
        return profile
    }

    /// Calls `body(request, distances)` for every request, with each block's distance at
    /// arrival (0 = infinite), in request order.
    public static func forEachRequest(_ trace: Trace, reverse: Bool,
                                      _ body: (Int, UnsafeBufferPointer<Int32>) -> Void) {
        var tree = SlotTree(universe: trace.uniqueBlocks)
        trace.requestStarts.withView { starts in
            forEachBatch(trace, reverse: reverse, tree: &tree) { requests, distances in
                let base = Int(starts[requests.lowerBound])
                for r in requests {
                    let lower = Int(starts[r]) &- base, upper = Int(starts[r &+ 1]) &- base
                    body(r, UnsafeBufferPointer(rebasing: distances[lower ..< upper]))
                }
            }
        }
    }

    /// Accesses per batch of `forEachBatch` (more when one request is longer): 4 KB of
    /// distances, which stay in the first-level cache until the batch's body has read them.
    static let batchAccesses = 1024

    /// How many accesses ahead `forEachBatch` starts loading a block's last slot; that slot's bit
    /// word and count are loaded half as far ahead, once the slot itself has arrived.
    static let prefetchDistance = 8

    /// Calls `body(requests, distances)` for consecutive runs of whole requests, in order, with the
    /// distance at arrival (0 = infinite) of each of their blocks, in block order
    /// (`distances[i - requestStarts[requests.lowerBound]]` for block `i`), over `tree`'s state,
    /// which the pass continues (a stream's chunks, MODEL 3.7); the tree grows first when `trace`
    /// has more distinct blocks than it has room for. The pass is bound by cache misses (a
    /// block's last slot, then its tree path, then, in `body`, a histogram bin), and the future
    /// ids are known here: it prefetches the last slot of the block `prefetchDistance` accesses
    /// ahead and that slot's bit word and level-0 count for the block half as far ahead; `body`
    /// sees a whole batch, so it can prefetch its own bins. A hint only: the same distances as one
    /// access at a time. `SlotTree`'s cost per access; memory one batch of distances.
    static func forEachBatch(_ trace: Trace, reverse: Bool, tree: inout SlotTree,
                             _ body: (Range<Int>, UnsafeBufferPointer<Int32>) -> Void) {
        if trace.uniqueBlocks > tree.universe { tree.grow(universe: max(trace.uniqueBlocks, 2 * tree.universe)) }
        var longest = 1
        for r in 0 ..< trace.requestCount { longest = max(longest, trace.blockRange(of: r).count) }
        let capacity = max(batchAccesses, longest)
        let d = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        defer { d.deallocate() }
        let far = prefetchDistance, near = far / 2
        let universe = UInt(tree.universe)
        trace.blockIds.withUnsafeBufferPointer { ids in
        trace.requestStarts.withView { starts in
            let last = ids.count &- 1
            let requestCount = starts.count &- 1
            var r = 0
            while r < requestCount {
                let firstRequest = r, base = Int(starts[r])
                // Whole requests while they fit (the first always does: capacity >= longest).
                while r < requestCount && Int(starts[r &+ 1]) &- base <= capacity {
                    let first = Int(starts[r])
                    let n = Int(starts[r &+ 1]) &- first
                    let out = d + (first &- base)
                    // Lookup at arrival: every distance before any update (MODEL 5.2).
                    for k in 0 ..< n {
                        let farId = ids[Swift.min(first &+ k &+ far, last)]
                        let nearId = ids[Swift.min(first &+ k &+ near, last)]
                        if UInt(bitPattern: Int(farId)) < universe && UInt(bitPattern: Int(nearId)) < universe {
                            tree.prefetch(slotOf: farId, pathOf: nearId)
                        }
                        if n == 1 {
                            out[0] = tree.accessReturningDistance(ids[first])
                        } else {
                            out[k] = tree.distance(of: ids[first &+ k])
                        }
                    }
                    if n > 1 {
                        for j in 0 ..< n { tree.access(ids[first &+ (reverse ? n &- 1 &- j : j)]) }
                    }
                    r &+= 1
                }
                body(firstRequest ..< r, UnsafeBufferPointer(start: d, count: Int(starts[r]) &- base))
            }
        }
        }
    }
}
