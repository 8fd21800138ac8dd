import Testing
import KVCacheCore
import KVCacheTestSupport

/// MODEL 4.14: `radix_lru` and `radix_belady` give the hit counts of KVCache.AI's
/// `kvcache-simulator` 0.1.3 (PyPI) `lru` and `optimal`. Vectors made with
/// `kvcache-simulator run --trace tinyN.jsonl --model llama-3.1-8b --policies lru,optimal
/// --budgets-gib 0.0009765625,0.00146484375,0.00244140625 --format json` (capacities 2, 3, 5
/// blocks of 4 tokens; the tool counts the last half of the requests), and, for block counts and
/// runs without warm-up, which the tool does not print, with `scripts/parity/kvcache_simulator_port.py`
/// (checked equal to the tool on these traces and on the Mooncake trace).
@Suite struct KVCacheSimulatorParityTests {
    struct Vector: Sendable {
        var name: String
        var requests: [(Int, [Int])]  // (input tokens, hash ids)
        /// Per capacity 2, 3, 5: (lru, optimal) hit blocks with warm-up, hit tokens with
        /// warm-up (nil where the tool weighs blocks past the input length as 1 token, MODEL 4.14),
        /// hit blocks without warm-up.
        var warmBlocks: [(Int, Int)]
        var warmTokens: [(Int, Int)]?
        var coldBlocks: [(Int, Int)]
    }

    static let vectors: [Vector] = [
        Vector(name: "prefix tree", requests: [
            (12, [1, 2, 3]), (12, [1, 2, 4]), (16, [1, 2, 3, 5]), (8, [6, 7]), (28, [1, 2, 4, 8, 9, 10, 11]),
            (12, [6, 7, 12]), (16, [1, 2, 3, 5]), (28, [1, 2, 4, 8, 9, 10, 11]), (16, [6, 7, 12, 13]), (12, [1, 2, 3]),
            (4, [14]), (16, [1, 2, 4, 8]), (8, [6, 7]), (24, [1, 2, 3, 5, 15, 16]), (20, [1, 2, 4, 8, 9]),
            (20, [6, 7, 12, 13, 17]), (16, [1, 2, 3, 5]), (8, [14, 18]), (28, [1, 2, 4, 8, 9, 10, 11]), (12, [6, 7, 12]),
        ], warmBlocks: [(2, 10), (6, 13), (8, 19)], warmTokens: [(8, 40), (24, 52), (32, 76)],
        coldBlocks: [(5, 22), (13, 28), (20, 38)]),
        Vector(name: "ids under several parents, repeats", requests: [
            (12, [1, 2, 3]), (12, [9, 2, 3]), (16, [1, 2, 3, 4]), (8, [2, 3]), (12, [7, 7, 7]), (16, [1, 2, 3, 4]),
            (16, [9, 2, 3, 5]), (8, [7, 7]), (12, [2, 3, 4]), (12, [1, 5, 3]), (32, [9, 2, 3, 5, 6, 10, 11, 12]),
            (16, [7, 7, 7, 7]), (12, [1, 2, 3]), (8, [2, 3]), (8, [9, 2]), (20, [1, 2, 3, 4, 13]), (12, [7, 7, 7]),
            (24, [9, 2, 3, 5, 6, 10]), (12, [1, 5, 3]), (12, [2, 3, 4]), (16, [1, 2, 3, 4]), (12, [9, 2, 3]),
        ], warmBlocks: [(0, 7), (0, 10), (2, 14)], warmTokens: [(0, 28), (0, 40), (8, 56)],
        coldBlocks: [(0, 13), (0, 19), (4, 27)]),
        Vector(name: "partial and overflowing blocks", requests: [
            (10, [1, 2, 3]), (13, [1, 2, 3, 4]), (100, [1, 2]), (9, [1, 2, 3, 4, 5]), (3, [6]), (12, [1, 2, 3]),
            (11, [6, 7, 8]), (16, [1, 2, 3, 4]), (8, [6, 7]), (22, [1, 2, 9, 10, 11, 12]), (12, [6, 7, 8]),
            (17, [1, 2, 3, 4, 5]), (15, [1, 2, 9, 10]), (4, [6]), (12, [1, 2, 3]),
        ], warmBlocks: [(2, 10), (5, 13), (11, 18)], warmTokens: nil,
        coldBlocks: [(7, 18), (15, 24), (24, 31)]),
    ]

    static func trace(_ v: Vector, warmup: Bool) -> Trace {
        var t = TraceFixture.make(v.requests.map(\.1), blockSize: 4, lengths: v.requests.map(\.0))
        if warmup { t.measure(from: t.requestCount / 2) }
        return t
    }

    @Test(arguments: [0, 1, 2])
    func matchesKVCacheSimulator(vector index: Int) {
        let v = Self.vectors[index]
        for (k, capacity) in [2, 3, 5].enumerated() {
            let warm = Self.trace(v, warmup: true), cold = Self.trace(v, warmup: false)
            let lru = Simulator.checkedRun(trace: warm, policy: .radixLRU, capacity: capacity)
            let opt = Simulator.checkedRun(trace: warm, policy: .radixBelady, capacity: capacity)
            #expect(lru.hitsPrefix == v.warmBlocks[k].0, "\(v.name) C=\(capacity) lru")
            #expect(opt.hitsPrefix == v.warmBlocks[k].1, "\(v.name) C=\(capacity) optimal")
            #expect(lru.hitsBlock == lru.hitsPrefix)  // the cached set is closed under ancestors
            if let tokens = v.warmTokens {
                #expect(lru.hitTokensPrefix == tokens[k].0, "\(v.name) C=\(capacity) lru tokens")
                #expect(opt.hitTokensPrefix == tokens[k].1, "\(v.name) C=\(capacity) optimal tokens")
            }
            #expect(Simulator.checkedRun(trace: cold, policy: .radixLRU, capacity: capacity).hitsPrefix == v.coldBlocks[k].0)
            #expect(Simulator.checkedRun(trace: cold, policy: .radixBelady, capacity: capacity).hitsPrefix == v.coldBlocks[k].1)
        }
    }

    // MODEL 4.14: blocks inserted by the request being served are not protected. With
    // [1,2,3] four times at 2 blocks, lru evicts the block it has just inserted to make room for
    // the next, whose parent is then missing: it keeps 1 block and hits 1 per request (8 tokens
    // over the last two), where optimal keeps 2 (16 tokens).
    @Test func evictsItsOwnNewBlocksAsTheToolDoes() {
        var t = TraceFixture.make([[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]], blockSize: 4, lengths: [12, 12, 12, 12])
        t.measure(from: 2)
        #expect(Simulator.checkedRun(trace: t, policy: .radixLRU, capacity: 2).hitTokensPrefix == 8)
        #expect(Simulator.checkedRun(trace: t, policy: .radixBelady, capacity: 2).hitTokensPrefix == 16)
        #expect(Simulator.checkedRun(trace: t, policy: .radixLRU, capacity: 3).hitTokensPrefix == 24)
        #expect(Simulator.checkedRun(trace: t, policy: .radixBelady, capacity: 3).hitTokensPrefix == 24)
    }
}

/// MODEL 4.14, 5.6: whether the radix policies are stack algorithms is not proven (protection
/// and the stopping rule depend on the capacity), so their curves are simulated once per
/// capacity. Inclusion per request (hits at C are hits at C + 1) is checked on 1,000 small
/// random traces with and without prefix structure and with requests larger than the cache; no
/// counterexample has been found.
@Suite struct RadixInclusionTests {
    @Test(arguments: [PolicyKind.radixLRU, .radixBelady])
    func inclusionHoldsOnRandomTraces(policy: PolicyKind) {
        for seed in UInt64(1) ... 1000 {
            let trace = TraceFixture.random(seed: seed, requests: 12, universe: 7 + Int(seed % 5), maxBlocks: 2 + Int(seed % 4),
                                            prefixChains: seed % 2 == 0)
            var previous: SimulationResult?
            for c in 1 ... 9 {
                let r = Simulator.checkedRun(trace: trace, policy: policy, capacity: c)
                if let previous {
                    for q in 0 ..< trace.requestCount where previous.prefixHits[q] > r.prefixHits[q] {
                        Issue.record("\(policy) seed \(seed): request \(q) hits \(previous.prefixHits[q]) at C=\(c - 1), \(r.prefixHits[q]) at C=\(c)")
                    }
                }
                previous = r
            }
        }
    }
}

/// `radix_lru` keeps its leaves in a bitset over access positions (`RadixLeafBitset`) rather
/// than the heap of the other radix orders: on random traces with and without prefix
/// structure, at every capacity, both give the same hits for every request.
@Suite struct RadixLeafListTests {
    @Test func listEqualsHeapForLRU() throws {
        for seed in UInt64(1) ... 600 {
            let trace = TraceFixture.random(seed: seed, requests: 40, universe: 9 + Int(seed % 13), maxBlocks: 2 + Int(seed % 6),
                                            prefixChains: seed % 3 != 0)
            let tree = RadixTree(trace)
            for c in 1 ... 12 {
                let list = try RadixCache.run(trace: trace, tree: tree, order: RadixLRUOrder(), leaves: RadixLeafBitset(tree: tree),
                                              capacity: c, name: "list", spec: nil, checkInvariants: true)
                let heap = try RadixCache.run(trace: trace, tree: tree, order: RadixLRUOrder(), leaves: RadixLeafHeap(evictsLargest: false),
                                              capacity: c, name: "heap", spec: nil, checkInvariants: true)
                #expect(list.prefixHits == heap.prefixHits, "seed \(seed), capacity \(c)")
                #expect(list.evictions == heap.evictions, "seed \(seed), capacity \(c)")
            }
        }
    }
}
