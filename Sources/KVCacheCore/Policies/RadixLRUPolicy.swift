/// `radix_lru` (MODEL 4.14): a radix cache whose victim is the least recently touched
/// unprotected leaf. SGLang's RadixCache eviction (`evict` over leaves by `last_access_time`)
/// and KVCache.AI's simulator's `lru`. Keys are a counter bumped at every touch (hits root to
/// leaf, then insertions in path order), so there are no ties.
public struct RadixLRUOrder: RadixOrder {
    private var clock: Int64 = 0
    public init() {}
    public mutating func key(access i: Int, request r: Int) -> Int64 {
        clock &+= 1
        return clock
    }
    public var evictsLargest: Bool { false }
    public func declines(access i: Int, victimKey: Int64) -> Bool { false }
}
