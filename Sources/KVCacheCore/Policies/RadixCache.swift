/// A radix (prefix-tree) KV cache, request by request, as KVCache.AI's simulator and SGLang's
/// RadixCache serve a request (MODEL 4.14):
/// 1. lookup: the longest cached prefix of the request's path is the hit (the cached nodes are
///    closed under ancestors, so block and prefix hits coincide); its nodes are touched root to
///    leaf and become protected;
/// 2. insertion, in path order, of each missing node: with a full cache the victim is an
///    unprotected leaf chosen by the order (none: stop); the order may decline the node (stop);
///    the victim is evicted (its parent may become a leaf, with its old key); the node is
///    inserted only if its parent is cached (else stop). Stopping leaves the rest of the request
///    out of the cache. Blocks inserted by the request itself are not protected.
///
/// The evictable leaves are kept by a `RadixLeafSet`: a bitset over access positions for
/// `radix_lru` (about four word operations per access), a min-max heap otherwise (O(log n)).
/// `BlockCache` holds residency, as for every policy.
public struct RadixCache<Order: RadixOrder, Leaves: RadixLeafSet & ~Copyable>: ~Copyable {
    private var order: Order
    private let tree: RadixTree
    private var keys: [Int64]
    private var children: [Int32]
    private var protectedStamp: [Int32]
    private var leaves: Leaves

    public init(tree: RadixTree, order: Order, leaves: consuming Leaves) {
        self.tree = tree
        self.order = order
        self.leaves = leaves
        keys = [Int64](repeating: 0, count: tree.nodeCount)
        children = [Int32](repeating: 0, count: tree.nodeCount)
        protectedStamp = [Int32](repeating: -1, count: tree.nodeCount)
    }

    @inline(__always)
    private func isLeaf(_ n: Int32, _ cache: borrowing BlockCache) -> Bool {
        cache.contains(n) && children[Int(n)] == 0
    }

    /// Takes the best unprotected leaf out of the set; nil when none.
    @inline(__always)
    private mutating func takeVictim(request r: Int, cache: borrowing BlockCache) -> (node: Int32, key: Int64)? {
        let stamp = Int32(truncatingIfNeeded: r)
        let keys = self.keys, children = self.children, protectedStamp = self.protectedStamp
        return leaves.takeVictim(isCurrent: { n, k in cache.contains(n) && children[Int(n)] == 0 && keys[Int(n)] == k },
                                 isProtected: { n in protectedStamp[Int(n)] == stamp })
    }

    /// Serves request `r`; returns its hit count (the cached prefix length).
    public mutating func serve(request r: Int, trace: Trace, cache: inout BlockCache) -> Int {
        do {
            let keys = self.keys, children = self.children
            leaves.compact(isCurrent: { n, k in cache.contains(n) && children[Int(n)] == 0 && keys[Int(n)] == k }, leafCount: cache.count)
        }
        let range = trace.blockRange(of: r)
        var hits = 0
        for i in range {
            let n = tree.nodes[i]
            guard cache.contains(n) else { break }
            hits += 1
            let old = keys[Int(n)]
            keys[Int(n)] = order.key(access: i, request: r)
            protectedStamp[Int(n)] = Int32(truncatingIfNeeded: r)
            if children[Int(n)] == 0 { leaves.touched(n, key: keys[Int(n)], old: old) }
        }
        for i in range.dropFirst(hits) {
            let n = tree.nodes[i]
            if cache.contains(n) { continue }
            if cache.isFull {
                guard let v = takeVictim(request: r, cache: cache) else { break }
                if order.declines(access: i, victimKey: v.key) {
                    leaves.putBack(v.node, key: v.key)
                    break
                }
                cache.evict(v.node)
                let p = tree.parents[Int(v.node)]
                if p >= 0 {
                    children[Int(p)] -= 1
                    if children[Int(p)] == 0 && cache.contains(p) { leaves.exposed(p, key: keys[Int(p)]) }
                }
            }
            let p = tree.parents[Int(n)]
            guard !cache.isFull, p < 0 || cache.contains(p) else { break }
            cache.insert(n)
            keys[Int(n)] = order.key(access: i, request: r)
            if p >= 0 {
                if children[Int(p)] == 0 { leaves.covered(p, key: keys[Int(p)]) }
                children[Int(p)] += 1
            }
            leaves.touched(n, key: keys[Int(n)], old: nil)
        }
        return hits
    }

    /// Every cached node's parent is cached and its child count is right (tests).
    public func checkInvariants(cache: borrowing BlockCache) throws(InvariantViolation) {
        var counted = [Int32](repeating: 0, count: tree.nodeCount)
        for n in 0 ..< tree.nodeCount where cache.contains(Int32(n)) {
            let p = tree.parents[n]
            if p >= 0 {
                if !cache.contains(p) { throw InvariantViolation("radix: node \(n) cached without its parent \(p)") }
                counted[Int(p)] += 1
            }
        }
        for n in 0 ..< tree.nodeCount where cache.contains(Int32(n)) && counted[n] != children[n] {
            throw InvariantViolation("radix: node \(n) has \(counted[n]) cached children, counted \(children[n])")
        }
    }
}

extension RadixCache where Leaves: ~Copyable {
    /// Runs `trace` through a radix cache of `capacity` nodes under `order` (MODEL 4.14):
    /// per request, block hits = prefix hits = the cached prefix; tokens by MODEL 5.5.
    public static func run(trace: Trace, tree: RadixTree, order: Order, leaves: consuming Leaves, capacity: Int, name: String,
                           spec: PolicySpec?, checkInvariants: Bool) throws(InvariantViolation) -> SimulationResult {
        var result = SimulationResult(policyName: name, spec: spec, capacityBlocks: capacity, tierCapacities: [capacity])
        result.countMeasured(trace)
        let n = trace.requestCount
        var hits = [Int32](repeating: 0, count: n), tokens = [Int32](repeating: 0, count: n)
        var cache: BlockCache
        do { cache = try BlockCache(tierCapacities: [capacity], universe: tree.nodeCount) } catch {
            preconditionFailure("radix: capacity checked by the caller (\(error))")
        }
        var radix = RadixCache(tree: tree, order: order, leaves: leaves)
        var total = 0
        for r in 0 ..< n {
            let h = radix.serve(request: r, trace: trace, cache: &cache)
            hits[r] = Int32(h)
            tokens[r] = Int32(min(Int(trace.inputLengths[r]), h * trace.blockSizeTokens))
            if r >= trace.firstMeasuredRequest { total += h }
            if checkInvariants {
                try cache.checkInvariants()
                try radix.checkInvariants(cache: cache)
            }
        }
        result.blockHits = hits
        result.prefixHits = hits
        result.blockHitTokens = tokens
        result.prefixHitTokens = tokens
        result.accessHits = total
        result.tierBlockHits[0] = total
        result.tierPrefixHits[0] = total
        result.evictions = cache.evictions
        return result
    }
}
