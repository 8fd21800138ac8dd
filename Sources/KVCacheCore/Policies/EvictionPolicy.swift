/// The hooks a policy supplies to the one access algorithm in `Simulator` (SEMANTICS 3.3):
/// the simulator asks `tier(of:)`, then for each access either `touch`es a present block or
/// makes room with `evict` (until `count < capacity`) and `insert`s the absent one. Policies
/// never count hits: the simulator does, in one place.
///
/// Ids are dense (`0 ..< universe`); every hook is O(1) or O(log n) on flat arrays, with no
/// allocation per access. `clock` is the access's position in the flattened stream in touch
/// order (0-based), which policies may use as recency or to look up next-access times.
public protocol EvictionPolicy {
    /// Blocks the cache holds at most.
    var capacity: Int { get }
    /// Blocks the cache holds now.
    var count: Int { get }
    /// 0 when absent, else the 1-based tier holding the block (1 = L1).
    func tier(of id: Int32) -> UInt8
    /// An access to a present block.
    mutating func touch(_ id: Int32, clock: Int)
    /// An access to an absent block, after room was made.
    mutating func insert(_ id: Int32, clock: Int)
    /// Removes and returns one victim, never a pinned block while an unpinned one remains
    /// (SEMANTICS 3.3).
    mutating func evict(pins: PinSet) -> Int32
    /// Moves from a lower tier to L1 so far (0 for single-tier policies).
    var promotions: Int { get }
    /// Moves from L1 to a lower tier so far.
    var demotions: Int { get }
}

extension EvictionPolicy {
    public var promotions: Int { 0 }
    public var demotions: Int { 0 }
}
