/// `radix_lru` (MODEL 4.14): a radix cache whose victim is the least recently touched
/// unprotected leaf. SGLang's RadixCache eviction (`evict` over leaves by `last_access_time`)
/// and KVCache.AI's simulator's `lru`. The key is the position of the touching access in the
/// trace: touches go hits root to leaf, then insertions in path order, request after request,
/// each access touching at most once, so positions rise with every touch (the order of a
/// counter bumped at each touch) and there are no ties. `RadixLeafBitset` relies on this.
public struct RadixLRUOrder: RadixOrder {
    public init() {}
    public func key(access i: Int, request r: Int) -> Int64 { Int64(i) }
    public var evictsLargest: Bool { false }
    public func declines(access i: Int, victimKey: Int64) -> Bool { false }
}
