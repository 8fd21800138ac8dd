import Foundation
import KVCacheAnalysis
import KVCacheCore
import KVCacheInput
import KVCacheTestSupport
import Testing

/// One-pass curves against per-capacity simulation.
@Suite struct CurveTests {
    static func profile(_ trace: Trace, _ policy: PolicyKind) -> StackDistanceProfile {
        policy == .belady ? OPTProfile.profile(trace) : LRUStackDistances.profile(trace, policy: PolicySpec(policy))
    }

    /// Asserts that the exact curve equals `Simulator` at every capacity 1 ... unique blocks.
    static func checkEveryCapacity(_ trace: Trace, _ policy: PolicyKind, _ label: String) {
        let p = profile(trace, policy)
        let block = p.cumulative(.block), prefix = p.cumulative(.prefix)
        for c in 1 ... trace.uniqueBlocks {
            let r = Simulator.checkedRun(trace: trace, policy: policy, capacity: c)
            #expect(block.hits[c] == r.hitsBlock, "\(policy) \(label) C=\(c) block")
            #expect(prefix.hits[c] == r.hitsPrefix, "\(policy) \(label) C=\(c) prefix")
            #expect(block.hitTokens[c] == r.hitTokensBlock, "\(policy) \(label) C=\(c) block tokens")
            #expect(prefix.hitTokens[c] == r.hitTokensPrefix, "\(policy) \(label) C=\(c) prefix tokens")
            if block.hits[c] != r.hitsBlock || prefix.hits[c] != r.hitsPrefix { return }
        }
    }

    // MODEL 5.2: the one-pass curve equals a separate simulation at every single capacity,
    // on random traces with prefix chains, repeats within a request and requests larger than
    // the cache.
    @Test(arguments: [PolicyKind.lru, .prefixLRU, .belady])
    func exactCurveEqualsSimulationAtEveryCapacity(policy: PolicyKind) {
        for seed: UInt64 in 1 ... 30 {
            let trace = TraceFixture.random(seed: seed, requests: 70, universe: 30, maxBlocks: 7,
                                            prefixChains: seed % 3 != 0, allowRepeats: seed % 4 == 0)
            Self.checkEveryCapacity(trace, policy, "seed \(seed)")
        }
    }

    // MODEL 3.6, 5.2: with a warm-up, the one-pass curves count the same requests as the
    // simulation, at every capacity; simulated and sampled curves too (at rate 1).
    @Test(arguments: [PolicyKind.lru, .prefixLRU, .belady])
    func exactCurveEqualsSimulationWithAWarmup(policy: PolicyKind) throws {
        for seed: UInt64 in 1 ... 12 {
            var trace = TraceFixture.random(seed: seed &+ 70, requests: 70, universe: 30, maxBlocks: 7, allowRepeats: seed % 4 == 0)
            try trace.measure(after: seed % 2 == 0 ? .fraction(0.5) : .requests(Int(seed) * 3))
            Self.checkEveryCapacity(trace, policy, "seed \(seed) warm-up")
            #expect(Self.profile(trace, policy).accesses == trace.measuredAccessCount)
        }
    }

    // The LRU pass works in batches of whole requests (about 1024 accesses) and counts runs of
    // single full-block requests in a separate loop: a trace of several batches that mixes such
    // runs with short single blocks, cold misses, multi-block requests and one request longer
    // than a batch, with a warm-up, still equals the simulation (a few capacities).
    @Test(arguments: [PolicyKind.lru, .prefixLRU])
    func lruCurveOverManyBatchesEqualsSimulation(policy: PolicyKind) throws {
        var rng = SplitMix64(seed: 7)
        var requests: [[Int]] = [], lengths: [Int] = []
        let blockSize = 4
        for r in 0 ..< 4000 {
            let kind = Int.random(in: 0 ..< 10, using: &rng)
            if r == 2500 {
                requests.append((0 ..< 1500).map { _ in Int.random(in: 0 ..< 3000, using: &rng) })
            } else if kind < 7 {
                requests.append([Int.random(in: 0 ..< (r < 1000 ? 300 : 3000), using: &rng)])
            } else if kind < 8 {
                requests.append([Int.random(in: 0 ..< 300, using: &rng)])
                lengths.append(Int.random(in: 1 ..< blockSize, using: &rng))
                continue
            } else {
                let n = Int.random(in: 2 ... 6, using: &rng)
                requests.append((0 ..< n).map { _ in Int.random(in: 0 ..< 300, using: &rng) })
            }
            lengths.append(requests[r].count * blockSize - Int.random(in: 0 ..< 2, using: &rng))
        }
        var trace = TraceFixture.make(requests, blockSize: blockSize, lengths: lengths)
        try trace.measure(after: .requests(333))
        let p = Self.profile(trace, policy)
        let block = p.cumulative(.block), prefix = p.cumulative(.prefix)
        for c in [1, 7, 64, 300, 1000, trace.uniqueBlocks] {
            let r = Simulator.checkedRun(trace: trace, policy: policy, capacity: c)
            #expect(block.hits[c] == r.hitsBlock && block.hitTokens[c] == r.hitTokensBlock, "\(policy) C=\(c) block")
            #expect(prefix.hits[c] == r.hitsPrefix && prefix.hitTokens[c] == r.hitTokensPrefix, "\(policy) C=\(c) prefix")
        }
        #expect(p.compulsoryMisses(.block) == trace.measuredAccessCount - block.hits[trace.uniqueBlocks])
    }

    // The same on the committed sample trace (notebooks-data), at every capacity.
    @Test(arguments: [PolicyKind.lru, .prefixLRU, .belady])
    func exactCurveEqualsSimulationOnSampleTrace(policy: PolicyKind) throws {
        let path = repositoryRoot() + "/notebooks-data/sample_sequences.csv"
        let full = try TraceLoader.load(path: path, blockSizeTokens: 512)
        // The first 400 requests keep the every-capacity sweep quick.
        let trace = TraceFixture.make(Array(TraceFixture.requests(of: full).prefix(400)), blockSize: 512,
                                      lengths: full.inputLengths.prefix(400).map(Int.init))
        Self.checkEveryCapacity(trace, policy, "sample")
    }

    // MODEL 5.4: curves never rise with capacity; the floor is the compulsory misses.
    @Test func curvesAreMonotoneAboveTheFloor() {
        for seed: UInt64 in 1 ... 20 {
            let trace = TraceFixture.random(seed: seed, requests: 100, universe: 40, maxBlocks: 6)
            for policy in [PolicyKind.lru, .prefixLRU, .belady] {
                let p = Self.profile(trace, policy)
                for semantics in HitSemantics.allCases {
                    let hits = p.cumulative(semantics).hits
                    for c in 1 ..< hits.count { #expect(hits[c] >= hits[c - 1]) }
                    #expect(trace.accessCount - hits[trace.uniqueBlocks] == p.compulsoryMisses(semantics))
                }
            }
            // belady's block floor is the unique blocks (first accesses).
            #expect(OPTProfile.profile(trace).compulsoryMisses(.block) == trace.uniqueBlocks)
        }
    }

    // MODEL 5.3: belady's block curve bounds every policy's curve at every capacity when
    // requests fit.
    @Test func beladyCurveBoundsSimulatedPolicies() async {
        for seed: UInt64 in 1 ... 10 {
            let trace = TraceFixture.random(seed: seed &+ 50, requests: 80, universe: 30, maxBlocks: 5)
            let bound = OPTProfile.profile(trace).cumulative(.block).hits
            let capacities = Array(5 ... trace.uniqueBlocks)
            for policy in [PolicySpec.lfu, .fifo, .hierarchicalLRUDefault, .clock, .sieve, .s3fifoDefault, .arc] {
                for curve in await SimulatedCurves.curves(trace, policy: policy, capacities: capacities) {
                    for point in curve.points {
                        #expect(point.hits <= bound[point.capacityBlocks], "\(policy) \(curve.semantics) C=\(point.capacityBlocks)")
                    }
                }
            }
            let lru = LRUStackDistances.profile(trace).cumulative(.block).hits
            for c in capacities { #expect(lru[c] <= bound[c]) }
        }
    }

    // Simulated curves equal one simulation per capacity, in capacity order.
    @Test func simulatedCurvesMatchSingleRuns() async {
        let trace = TraceFixture.random(seed: 77, requests: 60, universe: 25, maxBlocks: 5)
        let curves = await SimulatedCurves.curves(trace, policy: .lfu, capacities: [3, 1, 8])
        let block = curves.first { $0.semantics == .block }!
        #expect(block.points.map(\.capacityBlocks) == [3, 1, 8])
        for p in block.points {
            #expect(p.hits == Simulator.checkedRun(trace: trace, policy: .lfu, capacity: p.capacityBlocks).hitsBlock)
        }
    }

    @Test func capacityGridForms() throws {
        #expect(try CapacityGrid.parse("500,1000", uniqueBlocks: 10) == [500, 1000])
        #expect(try CapacityGrid.parse("0.5,0.1", uniqueBlocks: 1000) == [100, 500])
        #expect(try CapacityGrid.parse("1:1000:log4", uniqueBlocks: 1) == [1, 10, 100, 1000])
        #expect(try CapacityGrid.parse("10:30:lin3", uniqueBlocks: 1) == [10, 20, 30])
        #expect(throws: InputError.self) { try CapacityGrid.parse("0", uniqueBlocks: 10) }
        #expect(throws: InputError.self) { try CapacityGrid.parse("5:1:log3", uniqueBlocks: 10) }
        #expect(throws: InputError.self) { try CapacityGrid.parse("1.5", uniqueBlocks: 10) }
        let grid = CapacityGrid.defaultGrid(uniqueBlocks: 5000, extra: [777])
        #expect(grid.first == 1 && grid.last == 5000 && grid.contains(777))
    }
}

/// The package root, from this file's path.
func repositoryRoot(_ file: String = #filePath) -> String {
    URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
}
