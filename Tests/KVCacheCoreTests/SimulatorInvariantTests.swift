import KVCacheCore
import KVCacheInput
import KVCacheTestSupport
import Testing

/// Cross-checks between independent paths on seeded random traces.
@Suite struct SimulatorInvariantTests {
    static let seeds: [UInt64] = Array(1 ... 40)

    // MODEL 3, 4: the simulator equals a naive, independent replay of the rules, for every
    // policy, at several capacities, under both semantics (hits and hit tokens).
    @Test(arguments: [PolicyKind.lru, .prefixLRU, .fifo, .lfu, .belady, .beladyBypass])
    func matchesNaiveReplay(policy: PolicyKind) {
        for seed in Self.seeds {
            let trace = TraceFixture.random(seed: seed, requests: 60, universe: 25, maxBlocks: 6, allowRepeats: seed % 5 == 0)
            for capacity in [1, 2, 3, 5, 8, 13, 30] {
                let fast = Simulator.checkedRun(trace: trace, policy: policy, capacity: capacity)
                let naive = NaiveSimulator.run(trace, policy: policy, capacity: capacity)
                #expect(fast.hitsBlock == naive.blockHits, "\(policy) seed \(seed) C=\(capacity)")
                #expect(fast.hitsPrefix == naive.prefixHits, "\(policy) seed \(seed) C=\(capacity)")
                #expect(fast.hitTokensBlock == naive.blockHitTokens, "\(policy) seed \(seed) C=\(capacity)")
                #expect(fast.hitTokensPrefix == naive.prefixHitTokens, "\(policy) seed \(seed) C=\(capacity)")
            }
        }
    }

    // MODEL 4.4: L1 hits equal lru at c1; all hits equal lru at c1 + c2; the tier split
    // matches the naive replay's "top c1 of the recency order".
    @Test func hierarchicalEqualsLRUStack() {
        for seed in Self.seeds {
            let trace = TraceFixture.random(seed: seed, requests: 80, universe: 30, maxBlocks: 5)
            for (c1, c2) in [(1, 1), (2, 3), (4, 4), (3, 10), (8, 2)] {
                let h = Simulator.checkedRun(trace: trace, policy: .hierarchicalLRU, capacity: c1 + c2, tiers: (c1, c2))
                let total = Simulator.checkedRun(trace: trace, policy: .lru, capacity: c1 + c2)
                let top = Simulator.checkedRun(trace: trace, policy: .lru, capacity: c1)
                #expect(h.hitsBlock == total.hitsBlock)
                #expect(h.hitsPrefix == total.hitsPrefix)
                #expect(h.tierBlockHits[0] == top.hitsBlock, "seed \(seed) c1=\(c1) c2=\(c2)")
                let naive = NaiveSimulator.run(trace, policy: .lru, capacity: c1 + c2, l1: c1)
                #expect(h.tierBlockHits[0] == naive.l1BlockHits)
                #expect(h.tierPrefixHits[0] == naive.l1PrefixHits)
            }
        }
    }

    // MODEL 4.5, 4.13, 5.6: forced(C) <= bypass(C) <= forced(C + 1) in block hits, and
    // belady_bypass is a stack algorithm: each request's hits at C are among its hits at C + 1
    // (inclusion), on random traces with and without repeated ids.
    @Test func beladyBypassSitsBetweenAndIsAStackAlgorithm() {
        for seed in Self.seeds {
            let trace = TraceFixture.random(seed: seed &+ 300, requests: 70, universe: 24, maxBlocks: 5, allowRepeats: seed % 4 == 0)
            var previous: SimulationResult?
            for capacity in 1 ... 26 {
                let bypass = Simulator.checkedRun(trace: trace, policy: .beladyBypass, capacity: capacity)
                let forced = Simulator.checkedRun(trace: trace, policy: .belady, capacity: capacity)
                let forcedNext = Simulator.checkedRun(trace: trace, policy: .belady, capacity: capacity + 1)
                #expect(forced.hitsBlock <= bypass.hitsBlock, "seed \(seed) C=\(capacity)")
                #expect(bypass.hitsBlock <= forcedNext.hitsBlock, "seed \(seed) C=\(capacity)")
                #expect(bypass.accessHits == bypass.hitsBlock)
                if let previous {
                    for r in 0 ..< trace.requestCount {
                        #expect(previous.blockHits[r] <= bypass.blockHits[r], "seed \(seed) C=\(capacity) request \(r)")
                    }
                }
                previous = bypass
            }
        }
        // Both inequalities are strict on some trace (MODEL 4.5).
        let abab = TraceFixture.make([[0], [1], [0], [1]])
        #expect(Simulator.checkedRun(trace: abab, policy: .belady, capacity: 1).hitsBlock == 0)
        #expect(Simulator.checkedRun(trace: abab, policy: .beladyBypass, capacity: 1).hitsBlock == 1)
        #expect(Simulator.checkedRun(trace: abab, policy: .belady, capacity: 2).hitsBlock == 2)
    }

    // MODEL 5.3: belady's block hits bound every policy that inserts and pins, under either
    // semantics, when requests fit in the cache.
    @Test func beladyBoundsEveryPolicy() {
        for seed in Self.seeds {
            let trace = TraceFixture.random(seed: seed &+ 100, requests: 80, universe: 30, maxBlocks: 5)
            for capacity in [5, 6, 8, 12, 20] {
                let bound = Simulator.checkedRun(trace: trace, policy: .belady, capacity: capacity).hitsBlock
                for policy in [PolicyKind.lru, .prefixLRU, .fifo, .lfu] {
                    let r = Simulator.checkedRun(trace: trace, policy: policy, capacity: capacity)
                    #expect(r.hitsBlock <= bound, "\(policy) seed \(seed) C=\(capacity)")
                    #expect(r.hitsPrefix <= bound)
                }
                let h = Simulator.checkedRun(trace: trace, policy: .hierarchicalLRU, capacity: capacity, tiers: (capacity / 2, capacity - capacity / 2))
                #expect(h.hitsBlock <= bound)
            }
        }
    }

    // MODEL 3.3: both semantics see the same cache evolution, so block hits >= prefix hits.
    @Test func blockHitsAtLeastPrefixHits() {
        for seed in Self.seeds {
            let trace = TraceFixture.random(seed: seed, requests: 50, universe: 20, maxBlocks: 6)
            for policy in PolicyKind.allCases {
                let r = Simulator.checkedRun(trace: trace, policy: policy, capacity: 7, tiers: (3, 4))
                for q in 0 ..< trace.requestCount { #expect(r.blockHits[q] >= r.prefixHits[q]) }
            }
        }
    }

    // MODEL 3.4: one block per request: lookup and update coincide, and block semantics is a
    // classic per-access simulation (here: an LRU stack by hand).
    @Test func singleBlockRequestsAreClassicLRU() {
        var rng = SplitMix64(seed: 9)
        let ids = (0 ..< 2000).map { _ in Int.random(in: 0 ..< 50, using: &rng) }
        let trace = TraceFixture.make(ids.map { [$0] })
        for capacity in [1, 4, 16, 49] {
            var stack: [Int] = []
            var hits = 0
            for id in ids {
                if let i = stack.firstIndex(of: id) {
                    hits += 1
                    stack.remove(at: i)
                } else if stack.count == capacity {
                    stack.removeLast()
                }
                stack.insert(id, at: 0)
            }
            let r = Simulator.checkedRun(trace: trace, policy: .lru, capacity: capacity)
            #expect(r.hitsBlock == hits)
            #expect(r.hitsPrefix == hits)
        }
    }
}
