import Testing
@testable import KVCacheAnalysis
import KVCacheCore
import KVCacheTestSupport

@Suite struct UpperBoundTests {
    static let policies = PolicyKind.allCases

    // MODEL 5.7: at every capacity, on every metric compared, with and without a warm-up, the
    // bound is at least every policy's count: block hits, prefix hits and both token forms.
    // The traces have requests larger than small caches, repeated ids and partial blocks.
    @Test(arguments: [Warmup.none, .fraction(0.5), .requests(7)])
    func boundsEveryPolicyOnEveryMetric(warmup: Warmup) throws {
        for seed in UInt64(1) ... 15 {
            var trace = TraceFixture.random(seed: seed &+ 900, requests: 50, universe: 20, maxBlocks: 7,
                                            prefixChains: seed % 3 != 0, allowRepeats: seed % 4 == 0)
            try trace.measure(after: warmup)
            for capacity in 1 ... 22 {
                let bound = UpperBound.at(trace, capacity: capacity)
                for policy in Self.policies {
                    let r = Simulator.checkedRun(trace: trace, policy: policy, capacity: capacity)
                    let at = "\(policy) seed \(seed) C=\(capacity) warmup \(warmup)"
                    #expect(r.hitsBlock <= bound.hits, "\(at)")
                    #expect(r.hitsPrefix <= bound.hits, "\(at)")
                    #expect(r.accessHits <= bound.hits, "\(at)")
                    #expect(r.hitTokensBlock <= bound.hitTokens, "\(at)")
                    #expect(r.hitTokensPrefix <= bound.hitTokens, "\(at)")
                }
            }
        }
    }

    // MODEL 5.7: on one-block requests the bound is attained by belady_bypass, MIN with bypass
    // on the flattened stream, at every capacity (both are the exact optimum there).
    @Test func equalsBeladyBypassOnSingleBlockRequests() {
        for seed in UInt64(1) ... 12 {
            let trace = TraceFixture.random(seed: seed, requests: 150, universe: 30, maxBlocks: 1)
            for capacity in 1 ... 31 {
                let bypass = Simulator.checkedRun(trace: trace, policy: .beladyBypass, capacity: capacity)
                #expect(UpperBound.at(trace, capacity: capacity, shortcut: false).hits == bypass.hitsBlock, "seed \(seed) C=\(capacity)")
                #expect(UpperBound.at(trace, capacity: capacity) == UpperBound.at(trace, capacity: capacity, shortcut: false))
            }
        }
    }

    // MODEL 5.7: why the bound is taken at request arrivals and not on the flattened stream: a
    // request larger than the cache lets a policy that looks blocks up at arrival count blocks
    // that MIN on the flattened stream cannot keep.
    @Test func holdsWhereFlattenedMINDoesNot() {
        let trace = TraceFixture.make([[0, 1], [2, 3, 0, 1], [2, 3]])
        let prefixLRU = Simulator.checkedRun(trace: trace, policy: .prefixLRU, capacity: 2)
        let bypass = Simulator.checkedRun(trace: trace, policy: .beladyBypass, capacity: 2)
        #expect(prefixLRU.hitsBlock == 4)
        #expect(bypass.hitsBlock == 2)
        #expect(UpperBound.at(trace, capacity: 2).hits == 4)
    }

    // The greedy is the exact optimum of the interval problem it solves: on tiny traces, every
    // subset of candidate intervals is tried.
    @Test func greedyIsTheExactOptimumOfItsIntervalProblem() {
        for seed in UInt64(1) ... 60 {
            let trace = TraceFixture.random(seed: seed &+ 5000, requests: 9, universe: 7, maxBlocks: 3, allowRepeats: seed % 3 == 0)
            let reqs = TraceFixture.requests(of: trace)
            var intervals: [(Int, Int)] = [], repeats = 0
            var last = [Int: Int]()
            for (b, ids) in reqs.enumerated() {
                for x in ids {
                    if let a = last[x] { if a == b { repeats += 1 } else { intervals.append((a, b)) } }
                    last[x] = b
                }
            }
            guard intervals.count <= 16 else { continue }
            for capacity in 1 ... 4 {
                var best = 0
                for mask in 0 ..< (1 << intervals.count) {
                    var load = [Int](repeating: 0, count: reqs.count)
                    var ok = true, n = 0
                    for (j, (a, b)) in intervals.enumerated() where mask & (1 << j) != 0 {
                        n += 1
                        for q in (a + 1) ... b { load[q] += 1; if load[q] > capacity { ok = false } }
                    }
                    if ok { best = max(best, n) }
                }
                #expect(UpperBound.at(trace, capacity: capacity).hits == best + repeats, "seed \(seed) C=\(capacity)")
            }
        }
    }

    @Test func rangeTreeMatchesAnArray() {
        var rng = SplitMix64(seed: 7)
        for n in [1, 2, 3, 5, 8, 13, 64, 100] {
            var tree = RangeAddMaxTree(count: n)
            var naive = [Int32](repeating: 0, count: n)
            for _ in 0 ..< 400 {
                let l = Int.random(in: 0 ..< n, using: &rng), r = Int.random(in: l ... n, using: &rng)
                if Bool.random(using: &rng) {
                    let v = Int32.random(in: -3 ... 5, using: &rng)
                    tree.add(v, l, r)
                    for i in l ..< r { naive[i] += v }
                } else {
                    #expect(tree.max(l, r) == (l < r ? naive[l ..< r].max()! : 0), "n=\(n) [\(l), \(r))")
                }
            }
        }
    }
}
