import HeapModule

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
/// Leaves are kept in a min-max heap of (key, node) with lazy deletion: O(log n) per access.
/// `BlockCache` holds residency, as for every policy.
public struct RadixCache<Order: RadixOrder>: ~Copyable {
    private var order: Order
    private let tree: RadixTree
    private var keys: [Int64]
    private var children: [Int32]
    private var protectedStamp: [Int32]
    private var leaves = Heap<Leaf>()

    struct Leaf: Comparable {
        var key: Int64
        var node: Int32
        static func < (a: Leaf, b: Leaf) -> Bool { (a.key, a.node) < (b.key, b.node) }
    }

    public init(tree: RadixTree, order: Order) {
        self.tree = tree
        self.order = order
        keys = [Int64](repeating: 0, count: tree.nodeCount)
        children = [Int32](repeating: 0, count: tree.nodeCount)
        protectedStamp = [Int32](repeating: -1, count: tree.nodeCount)
    }

    @inline(__always)
    private func isLeaf(_ n: Int32, _ cache: borrowing BlockCache) -> Bool {
        cache.contains(n) && children[Int(n)] == 0
    }

    /// Takes the best unprotected leaf out of the heap, dropping stale entries; nil when none.
    private mutating func takeVictim(request r: Int, cache: borrowing BlockCache) -> Leaf? {
        var setAside: [Leaf] = []
        defer { for l in setAside { leaves.insert(l) } }
        while let top = order.evictsLargest ? leaves.popMax() : leaves.popMin() {
            let n = Int(top.node)
            if !isLeaf(top.node, cache) || keys[n] != top.key { continue }  // stale
            if protectedStamp[n] == Int32(r) {
                setAside.append(top)  // the deepest hit node: the only protected leaf there can be
                continue
            }
            return top
        }
        return nil
    }

    /// Drops stale heap entries once they outnumber the live ones: one O(n) heapify per about
    /// n touches, so the heap stays within twice the cached nodes.
    private mutating func compactIfBloated(_ cache: borrowing BlockCache) {
        guard leaves.count > 2 * cache.count + 64 else { return }
        var seen = Set<Int32>(minimumCapacity: cache.count)
        var live: [Leaf] = []
        live.reserveCapacity(cache.count)
        for l in leaves.unordered where isLeaf(l.node, cache) && keys[Int(l.node)] == l.key && seen.insert(l.node).inserted {
            live.append(l)
        }
        leaves = Heap(live)
    }

    /// Serves request `r`; returns its hit count (the cached prefix length).
    public mutating func serve(request r: Int, trace: Trace, cache: inout BlockCache) -> Int {
        compactIfBloated(cache)
        let range = trace.blockRange(of: r)
        var hits = 0
        for i in range {
            let n = tree.nodes[i]
            guard cache.contains(n) else { break }
            hits += 1
            keys[Int(n)] = order.key(access: i, request: r)
            protectedStamp[Int(n)] = Int32(r)
            if children[Int(n)] == 0 { leaves.insert(Leaf(key: keys[Int(n)], node: n)) }
        }
        for i in range.dropFirst(hits) {
            let n = tree.nodes[i]
            if cache.contains(n) { continue }
            if cache.isFull {
                guard let v = takeVictim(request: r, cache: cache) else { break }
                if order.declines(access: i, victimKey: v.key) {
                    leaves.insert(v)
                    break
                }
                cache.evict(v.node)
                let p = tree.parents[Int(v.node)]
                if p >= 0 {
                    children[Int(p)] -= 1
                    if children[Int(p)] == 0 && cache.contains(p) { leaves.insert(Leaf(key: keys[Int(p)], node: p)) }
                }
            }
            let p = tree.parents[Int(n)]
            guard !cache.isFull, p < 0 || cache.contains(p) else { break }
            cache.insert(n)
            keys[Int(n)] = order.key(access: i, request: r)
            if p >= 0 { children[Int(p)] += 1 }
            leaves.insert(Leaf(key: keys[Int(n)], node: n))
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

extension RadixCache {
    /// Runs `trace` through a radix cache of `capacity` nodes under `order` (MODEL 4.14):
    /// per request, block hits = prefix hits = the cached prefix; tokens by MODEL 5.5.
    public static func run(trace: Trace, tree: RadixTree, order: Order, capacity: Int, name: String, spec: PolicySpec?,
                           checkInvariants: Bool) throws(InvariantViolation) -> SimulationResult {
        var result = SimulationResult(policyName: name, spec: spec, capacityBlocks: capacity, tierCapacities: [capacity])
        result.countMeasured(trace)
        let n = trace.requestCount
        var hits = [Int32](repeating: 0, count: n), tokens = [Int32](repeating: 0, count: n)
        var cache: BlockCache
        do { cache = try BlockCache(tierCapacities: [capacity], universe: tree.nodeCount) } catch {
            preconditionFailure("radix: capacity checked by the caller (\(error))")
        }
        var radix = RadixCache(tree: tree, order: order)
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
