/// `lru` (SEMANTICS 4.1): evict the least recently accessed block, skipping pinned blocks
/// (SEMANTICS 3.3). With `prefix_lru` the simulator touches a request's blocks last to first
/// (SEMANTICS 4.2), so the same policy keeps prefixes longer than their tails, as vLLM's
/// `FreeKVCacheBlockQueue` frees a request's blocks tail first.
///
/// An intrusive list over dense ids (`ListCache`): O(1) per access (plus pinned blocks skipped
/// at eviction). Memory: 9 bytes per distinct block.
public struct LRUPolicy: EvictionPolicy {
    public let capacity: Int
    private var cache: ListCache

    public init(capacity: Int, universe: Int) {
        self.capacity = capacity
        cache = ListCache(universe: universe)
    }

    public var count: Int { cache.count }

    @inline(__always)
    public func tier(of id: Int32) -> UInt8 { cache.tier(of: id) }

    /// A hit makes the block the most recent.
    @inline(__always)
    public mutating func touch(_ id: Int32, clock: Int) { cache.moveToHead(id) }

    @inline(__always)
    public mutating func insert(_ id: Int32, clock: Int) { cache.insert(id) }

    @inline(__always)
    public mutating func evict(pins: PinSet) -> Int32 { cache.evict(pins: pins) }
}
