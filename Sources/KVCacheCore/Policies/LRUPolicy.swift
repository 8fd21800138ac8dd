/// `lru` (MODEL 4.1): evict the least recently accessed block, skipping pinned blocks
/// (MODEL 3.3). With `prefix_lru` (MODEL 4.2) the simulator touches a request's blocks last to
/// first, so the same order keeps prefixes longer than their tails, as vLLM's
/// `FreeKVCacheBlockQueue` frees a request's blocks tail first.
///
/// An intrusive list over dense ids: O(1) per access (plus pinned blocks skipped at eviction).
/// Memory: 8 bytes per distinct block. A stack algorithm (Mattson et al., 1970): its curve for
/// every capacity comes from one pass (`LRUStackDistances`).
public struct LRUPolicy: GrowablePolicy, ~Copyable {
    public let touchOrder: TouchOrder
    private var list: IntrusiveList

    /// - Parameter touchOrder: `.reverse` for `prefix_lru`.
    public init(universe: Int, touchOrder: TouchOrder = .forward) {
        self.touchOrder = touchOrder
        list = IntrusiveList(universe: universe)
    }

    /// A hit makes the block the most recent.
    @inline(__always)
    public mutating func hit(_ id: Int32, clock: Int, cache: inout BlockCache) { list.moveToHead(id) }

    @inline(__always)
    public mutating func inserted(_ id: Int32, clock: Int, cache: inout BlockCache) { list.pushHead(id) }

    @inline(__always)
    public mutating func evict(cache: inout BlockCache) -> Int32 {
        let victim = list.victimFromTail(cache: cache)
        list.remove(victim)
        return victim
    }

    public func checkInvariants(cache: borrowing BlockCache) throws(InvariantViolation) {
        try list.check(cache: cache, name: "lru")
        if list.count != cache.count { throw InvariantViolation("lru: \(list.count) listed, \(cache.count) resident") }
    }

    public mutating func grow(universe: Int) {
        list.grow(universe: universe)
    }
}
