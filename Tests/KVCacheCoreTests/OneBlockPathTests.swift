import KVCacheCore
import KVCacheTestSupport
import Testing

/// A policy seen through its hooks alone: `accessOneBlock` is the protocol's default
/// (`Simulator.access` over `hit`, `miss`, `admits`, `evict`, `inserted`), whatever the wrapped
/// policy specialises. The reference for a policy's single-block path.
struct HooksOnly<P: EvictionPolicy & ~Copyable>: EvictionPolicy, ~Copyable {
    var policy: P

    var touchOrder: TouchOrder { policy.touchOrder }
    var lookup: LookupTime { policy.lookup }
    mutating func hit(_ id: Int32, clock: Int, cache: inout BlockCache) { policy.hit(id, clock: clock, cache: &cache) }
    mutating func miss(_ id: Int32, clock: Int, cache: borrowing BlockCache) { policy.miss(id, clock: clock, cache: cache) }
    mutating func admits(_ id: Int32, clock: Int, cache: borrowing BlockCache) -> Bool {
        policy.admits(id, clock: clock, cache: cache)
    }
    mutating func evict(cache: inout BlockCache) -> Int32 { policy.evict(cache: &cache) }
    mutating func inserted(_ id: Int32, clock: Int, cache: inout BlockCache) { policy.inserted(id, clock: clock, cache: &cache) }
    func checkInvariants(cache: borrowing BlockCache) throws(InvariantViolation) { try policy.checkInvariants(cache: cache) }
}

/// MODEL 3.4: a policy's single-block path (`accessOneBlock`) serves a trace of one block per
/// request exactly as its hooks do: the same hit on every request and the same evictions, with
/// the invariants checked after every access on both sides.
@Suite struct OneBlockPathTests {
    /// Single-block traces with a skewed popularity (some ids far more frequent), so that hits,
    /// ghost hits and reinsertions all happen.
    static func traces() -> [Trace] {
        (1 ... 12 as ClosedRange<UInt64>).map { seed -> Trace in
            var rng = SplitMix64(seed: seed &* 7919)
            let universe = [5, 12, 40, 150][Int(seed) % 4]
            let ids = (0 ..< 1500).map { _ -> [Int] in
                let u = Double.random(in: 0 ..< 1, using: &rng)
                return [Int(Double(universe) * u * u * u)]
            }
            return TraceFixture.make(ids, blockSize: 4, lengths: ids.indices.map { 1 + $0 % 7 })
        }
    }

    static let capacities = [1, 2, 3, 4, 7, 10, 20, 33, 100]

    func compare<P: EvictionPolicy & ~Copyable>(_ name: String, _ make: (Int, Int) -> P) throws {
        for (t, trace) in Self.traces().enumerated() {
            for capacity in Self.capacities {
                var fast = make(capacity, trace.uniqueBlocks)
                var fastCache = try BlockCache(capacity: capacity, universe: trace.uniqueBlocks)
                let a = try Simulator.run(&fast, cache: &fastCache, trace: trace, name: name, checkInvariants: true)
                var hooks = HooksOnly(policy: make(capacity, trace.uniqueBlocks))
                var hooksCache = try BlockCache(capacity: capacity, universe: trace.uniqueBlocks)
                let b = try Simulator.run(&hooks, cache: &hooksCache, trace: trace, name: name, checkInvariants: true)
                #expect(a.blockHits == b.blockHits, "\(name) trace \(t) C=\(capacity)")
                #expect(a.blockHitTokens == b.blockHitTokens, "\(name) trace \(t) C=\(capacity)")
                #expect(a.evictions == b.evictions, "\(name) trace \(t) C=\(capacity)")
                #expect(a.accessHits == b.accessHits && a.tierBlockHits == b.tierBlockHits, "\(name) trace \(t) C=\(capacity)")
            }
        }
    }

    @Test func lru() throws { try compare("lru") { c, u in LRUPolicy(universe: u, capacity: c) } }
    @Test func lruWithoutCapacity() throws { try compare("lru") { _, u in LRUPolicy(universe: u) } }
    @Test func fifo() throws { try compare("fifo") { c, u in FIFOPolicy(universe: u, capacity: c) } }
    @Test func clock() throws { try compare("clock") { c, u in ClockPolicy(capacity: c, universe: u) } }
    @Test func clockTwoBits() throws {
        try compare("clock") { c, u in ClockPolicy(capacity: c, universe: u, counterBits: 2, initialFrequency: 1) }
    }
    @Test func sieve() throws { try compare("sieve") { c, u in SievePolicy(capacity: c, universe: u) } }
    @Test func s3fifo() throws { try compare("s3fifo") { c, u in S3FIFOPolicy(capacity: c, universe: u) } }
    @Test func arc() throws { try compare("arc") { c, u in ARCPolicy(capacity: c, universe: u) } }
    @Test func lfu() throws { try compare("lfu") { c, u in LFUPolicy(universe: u, capacity: c) } }
}
