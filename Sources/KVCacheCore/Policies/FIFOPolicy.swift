/// `fifo` (SEMANTICS 4.6): evict the block inserted longest ago; a hit changes nothing.
/// The classic FIFO replacement (Belady, "A study of replacement algorithms for a virtual-storage
/// computer", IBM Systems Journal 5(2), 1966), skipping pinned blocks (SEMANTICS 3.3).
///
/// An intrusive insertion-order list over dense ids (`ListCache`): O(1) per access.
public struct FIFOPolicy: EvictionPolicy {
    public let capacity: Int
    private var cache: ListCache

    public init(capacity: Int, universe: Int) {
        self.capacity = capacity
        cache = ListCache(universe: universe)
    }

    public var count: Int { cache.count }

    @inline(__always)
    public func tier(of id: Int32) -> UInt8 { cache.tier(of: id) }

    /// A hit leaves the insertion order alone.
    @inline(__always)
    public mutating func touch(_ id: Int32, clock: Int) {}

    @inline(__always)
    public mutating func insert(_ id: Int32, clock: Int) { cache.insert(id) }

    @inline(__always)
    public mutating func evict(pins: PinSet) -> Int32 { cache.evict(pins: pins) }
}
