/// What a replacement policy supplies to the one access algorithm (`Simulator`, MODEL 3): the
/// order it keeps over the resident blocks and the choice of victims. Residency, the block
/// count, the capacity, the pins of the request being served and the tiers belong to
/// `BlockCache`; hits are counted by the simulator. A policy never marks a block present or
/// absent itself. This is libCacheSim's split between `cache_get_base` and a policy's
/// `_insert` / `_evict` / `_update` hooks.
///
/// For one access to block `id` at `clock` the simulator calls, in order:
/// - resident: `hit(id)`;
/// - absent: `miss(id)` (before any eviction, for ghost lists); with a full cache `admits(id)`
///   (false: the block is bypassed and nothing else happens); then `evict` until the cache
///   has room (the simulator removes each returned victim from the cache), then the cache
///   marks `id` resident in L1 and calls `inserted(id)`.
///
/// Ids are dense (`0 ..< universe`); hooks are O(1) or O(log n) on flat arrays with no
/// allocation per access. `clock` is the access's position in the flattened stream in touch
/// order (0-based). State is `~Copyable`, so a policy cannot be duplicated by accident.
public protocol EvictionPolicy: ~Copyable {
    /// The order in which a request's blocks are touched (MODEL 3.3).
    var touchOrder: TouchOrder { get }
    /// When blocks are looked up for hit accounting (MODEL 3.1).
    var lookup: LookupTime { get }
    /// An access to a resident block.
    mutating func hit(_ id: Int32, clock: Int, cache: inout BlockCache)
    /// An access to an absent block, before room is made for it.
    mutating func miss(_ id: Int32, clock: Int, cache: borrowing BlockCache)
    /// Admission control: called on a miss when the cache is full, after `miss` and before any
    /// eviction. Returning false declines the block: nothing is evicted and it stays absent
    /// (bypass, MODEL 3.3). Every policy admits by default.
    mutating func admits(_ id: Int32, clock: Int, cache: borrowing BlockCache) -> Bool
    /// Chooses one resident victim, forgets it, and returns it; the simulator then removes it
    /// from `cache`. Never a pinned block while an unpinned one is resident (MODEL 3.3).
    mutating func evict(cache: inout BlockCache) -> Int32
    /// The absent block `id` was made resident in L1 (room was made first).
    mutating func inserted(_ id: Int32, clock: Int, cache: inout BlockCache)
    /// The whole access to block `id` of a request of one block, while nothing is pinned
    /// (MODEL 3.4): what `Simulator.access` does through the hooks above, with the same victims
    /// and the same calls to `cache` (`evict` of each victim, then `insert(id)`), in one hook
    /// that a policy may specialise (no pin can change a victim, no state need be kept between
    /// hooks). Returns the tier `id` was found in (0 = absent). Default: `Simulator.access`.
    mutating func accessOneBlock(_ id: Int32, clock: Int, cache: inout BlockCache) -> UInt8
    /// Starts loading what `hit` or `miss` will read first for block `id` (its entry in a
    /// per-block array), which the simulator's loop knows a few accesses ahead. A hint: no
    /// state changes. Default: nothing.
    func prefetch(_ id: Int32)
    /// The second stage of `prefetch`, called a few accesses later for the same block, when its
    /// entry has arrived: starts loading what the entry points at (a node in a pool). A hint:
    /// no state changes. Default: nothing.
    func prefetchDependent(_ id: Int32)
    /// Checks the policy's own structures against `cache` (every resident block ordered once,
    /// no absent block ordered, counts agree). O(universe); for tests, run after every access.
    func checkInvariants(cache: borrowing BlockCache) throws(InvariantViolation)
}

extension EvictionPolicy where Self: ~Copyable {
    public var touchOrder: TouchOrder { .forward }
    public var lookup: LookupTime { .arrival }
    public mutating func miss(_ id: Int32, clock: Int, cache: borrowing BlockCache) {}
    @inline(__always)
    public func prefetch(_ id: Int32) {}
    @inline(__always)
    public func prefetchDependent(_ id: Int32) {}
    @inline(__always)
    public mutating func admits(_ id: Int32, clock: Int, cache: borrowing BlockCache) -> Bool { true }
    @inline(__always)
    public mutating func accessOneBlock(_ id: Int32, clock: Int, cache: inout BlockCache) -> UInt8 {
        Simulator.access(id, clock: clock, &self, &cache)
    }
}

/// The order in which the simulator touches a request's blocks (MODEL 3.3).
public enum TouchOrder: Sendable {
    /// First block to last.
    case forward
    /// Last block to first (`prefix_lru`: tails become older than their prefixes).
    case reverse
}

/// When a block is looked up for hit accounting (MODEL 3.1).
public enum LookupTime: Sendable {
    /// Every block of a request at its arrival, before any update; the request's blocks are
    /// pinned while it is served.
    case arrival
    /// Each block at its own access on the flattened stream, with no pinning (`belady`).
    case access
}

/// A broken invariant of a policy or of the cache, with what was found.
public struct InvariantViolation: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
