import Foundation
import Testing
@testable import KVCacheAnalysis

// OPT stack distances (SEMANTICS 4.5, 5.2): access i is a Belady-MIN hit at capacity C iff
// 1 <= d_i <= C. The fast online form (`OPTStackDistances`) must equal Mattson's priority stack
// (`OPTReferenceStack`) access by access, and both must equal a per-capacity Belady simulation at
// every capacity.

/// SplitMix64 (Steele, Lea, Flood 2014): a small deterministic generator for the tests.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in 0..<n.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

private enum Shape: CaseIterable { case uniform, skewed, repeats, loop }

/// A random stream over ids 0..<universe, remapped so that the ids actually used are dense
/// (0..<uniqueBlocks), as `OPTStackDistances` expects.
private func randomStream(seed: UInt64, maxUniverse: Int = 50, maxLength: Int = 3000) -> (stream: [Int32], uniqueBlocks: Int) {
    var rng = SplitMix64(seed: seed)
    let universe = 1 + rng.below(maxUniverse)
    let length = 1 + rng.below(maxLength)
    let shape = Shape.allCases[rng.below(Shape.allCases.count)]
    let exponent = 1.0 + 4.0 * rng.unit()  // skew strength
    let repeatChance = 0.5 * rng.unit()
    var raw: [Int] = []
    raw.reserveCapacity(length)
    for i in 0..<length {
        let id: Int
        switch shape {
        case .uniform:
            id = rng.below(universe)
        case .skewed:
            id = min(universe - 1, Int(Double(universe) * pow(rng.unit(), exponent)))
        case .repeats:
            if let last = raw.last, rng.unit() < repeatChance {
                id = last
            } else {
                id = min(universe - 1, Int(Double(universe) * pow(rng.unit(), exponent)))
            }
        case .loop:
            // a cyclic scan with noise: the case where LRU does worst and OPT best
            id = rng.unit() < 0.2 ? rng.below(universe) : i % universe
        }
        raw.append(id)
    }
    var dense = [Int: Int32]()
    let stream = raw.map { id -> Int32 in
        if let d = dense[id] { return d }
        let d = Int32(dense.count)
        dense[id] = d
        return d
    }
    return (stream, dense.count)
}

private func fastDistances(_ stream: [Int32], uniqueBlocks: Int) -> [Int32] {
    var pass = OPTStackDistances(uniqueBlocks: uniqueBlocks)
    return stream.map { pass.access($0) }
}

/// Belady's MIN with forced insertion at one capacity (SEMANTICS 4.5), simulated directly: on a miss
/// with a full cache, evict the cached block whose next access is farthest. Returns hits.
private func beladyHits(_ stream: [Int32], uniqueBlocks: Int, capacity: Int) -> Int {
    let n = stream.count
    var nextAccess = [Int](repeating: Int.max, count: n)
    var seenAt = [Int](repeating: Int.max, count: uniqueBlocks)
    for i in stride(from: n - 1, through: 0, by: -1) {
        nextAccess[i] = seenAt[Int(stream[i])]
        seenAt[Int(stream[i])] = i
    }
    var cached: [Int32] = []
    var nextUse = [Int](repeating: Int.max, count: uniqueBlocks)
    var inCache = [Bool](repeating: false, count: uniqueBlocks)
    var hits = 0
    for i in 0..<n {
        let x = stream[i]
        if inCache[Int(x)] {
            hits += 1
        } else {
            if cached.count == capacity {
                var victim = 0
                for k in 1..<cached.count where nextUse[Int(cached[k])] > nextUse[Int(cached[victim])] {
                    victim = k
                }
                inCache[Int(cached[victim])] = false
                cached[victim] = x
            } else {
                cached.append(x)
            }
            inCache[Int(x)] = true
        }
        nextUse[Int(x)] = nextAccess[i]
    }
    return hits
}

/// hits[C] for C in 0...uniqueBlocks from a distance list: accesses with 1 <= d <= C.
private func hitCurve(_ distances: [Int32], uniqueBlocks: Int) -> [Int] {
    var histogram = [Int](repeating: 0, count: uniqueBlocks + 2)
    for d in distances where d > 0 { histogram[Int(d)] += 1 }
    var curve = [Int](repeating: 0, count: uniqueBlocks + 1)
    var running = 0
    for c in 0...uniqueBlocks {
        running += histogram[c]
        curve[c] = running
    }
    return curve
}

// MARK: - Hand-worked cases

private func letters(_ s: String) -> (stream: [Int32], uniqueBlocks: Int) {
    var map = [Character: Int32]()
    let stream = s.filter { $0 != " " }.map { ch -> Int32 in
        if let v = map[ch] { return v }
        let v = Int32(map.count)
        map[ch] = v
        return v
    }
    return (stream, map.count)
}

@Test(arguments: [
    // a b a: b sits between the two a's; at C = 1 b evicts a (forced insertion), so 2.
    ("a b a", [0, 0, 2] as [Int32]),
    // a b a b: the second b needs room for a and b: 2; the second a also 2 (SEMANTICS 4.5's example).
    ("a b a b", [0, 0, 2, 2]),
    // a a: immediate re-access, distance 1.
    ("a a a", [0, 1, 1]),
    // a b c a b c: at C = 2 MIN keeps a, evicts b (needed later than a), so a hits; then at b it
    // evicts a (never used again) and c hits. b needs the whole stack: 3.
    ("a b c a b c", [0, 0, 0, 2, 3, 2]),
    // a b c b a: at c with C = 2, MIN evicts a (needed after b), so b hits at 2 and a needs 3.
    ("a b c b a", [0, 0, 0, 2, 3]),
    // a b c c b a: LRU distances 3 for a and 2 for b; MIN: at c (C = 2) evict a (farther than b),
    // c repeats (1), b hits at 2, a needs 3.
    ("a b c c b a", [0, 0, 0, 1, 2, 3]),
    // a b a c a b: a is hot; MIN at C = 2 keeps a throughout, b is evicted by c and comes back at 3.
    ("a b a c a b", [0, 0, 2, 0, 2, 3]),
])
func optHandWorked(_ input: String, _ expected: [Int32]) {
    let (stream, u) = letters(input)
    #expect(OPTReferenceStack.distances(stream, uniqueBlocks: u) == expected)
    #expect(fastDistances(stream, uniqueBlocks: u) == expected)
    #expect(OPTStackDistances.distances(stream, uniqueBlocks: u) == expected)
}

@Test func optEmptyStreamAndSingleBlock() {
    #expect(OPTReferenceStack.distances([], uniqueBlocks: 0) == [])
    #expect(fastDistances([], uniqueBlocks: 0) == [])
    let ones = [Int32](repeating: 0, count: 100)
    var expected = [Int32](repeating: 1, count: 100)
    expected[0] = 0
    #expect(OPTReferenceStack.distances(ones, uniqueBlocks: 1) == expected)
    #expect(fastDistances(ones, uniqueBlocks: 1) == expected)
}

/// A cyclic scan over k blocks: LRU misses everything below capacity k, MIN keeps C - 1 of them.
/// SEMANTICS 4.5: MIN at capacity C on a loop of k > C blocks hits about (C - 1)/(k - 1) of the
/// re-accesses; checked against the direct simulation at every capacity.
@Test func optCyclicScan() {
    let k = 7
    let stream = (0..<(k * 20)).map { Int32($0 % k) }
    let reference = OPTReferenceStack.distances(stream, uniqueBlocks: k)
    #expect(fastDistances(stream, uniqueBlocks: k) == reference)
    let curve = hitCurve(reference, uniqueBlocks: k)
    for c in 1...k {
        #expect(curve[c] == beladyHits(stream, uniqueBlocks: k, capacity: c), "capacity \(c)")
    }
    #expect(curve[k] == stream.count - k)  // at C = k only the cold misses remain
}

// MARK: - Random streams

/// Fast form == reference form access by access (SEMANTICS 5.2), on 400 seeded streams over small
/// universes; small universes also force many slot compactions in the fast form.
@Test(arguments: 0..<8)
func optFastMatchesReference(batch: Int) {
    for k in 0..<50 {
        let seed = UInt64(batch * 50 + k) &* 0x1234_5678_9ABC_DEF1 &+ 17
        let (stream, u) = randomStream(seed: seed)
        let reference = OPTReferenceStack.distances(stream, uniqueBlocks: u)
        let fast = fastDistances(stream, uniqueBlocks: u)
        #expect(fast == reference, "seed \(seed), U \(u), n \(stream.count)")
        if fast != reference { return }
    }
}

/// Both forms equal a per-capacity Belady simulation at every capacity 1...U (SEMANTICS 4.5, 5.2),
/// and the hit curve never falls (the miss curve never rises) as capacity grows.
@Test(arguments: 0..<4)
func optMatchesBeladyAtEveryCapacity(batch: Int) {
    for k in 0..<40 {
        let seed = UInt64(batch * 40 + k) &* 0x9E37_79B9_7F4A_7C15 &+ 3
        let (stream, u) = randomStream(seed: seed, maxUniverse: 40, maxLength: 1200)
        let reference = OPTReferenceStack.distances(stream, uniqueBlocks: u)
        let fast = fastDistances(stream, uniqueBlocks: u)
        #expect(fast == reference)
        let curve = hitCurve(fast, uniqueBlocks: u)
        for c in 1...u {
            let simulated = beladyHits(stream, uniqueBlocks: u, capacity: c)
            #expect(curve[c] == simulated, "seed \(seed), capacity \(c)")
            #expect(curve[c] >= curve[c - 1])
        }
        // Distances are 0 exactly at first accesses and never exceed the blocks seen so far.
        var seen = Set<Int32>()
        for (i, x) in stream.enumerated() {
            let first = seen.insert(x).inserted
            #expect((fast[i] == 0) == first)
            #expect(Int(fast[i]) <= seen.count)
        }
    }
}

/// A larger stream: hundreds of markers and many compactions of the slot tree, against the reference.
@Test func optFastMatchesReferenceOnLargerStream() {
    var rng = SplitMix64(seed: 2024)
    let u = 600
    let stream = (0..<40_000).map { i -> Int32 in
        let r = rng.unit()
        if r < 0.3 { return Int32(i % u) }  // scans
        return Int32(min(u - 1, Int(Double(u) * pow(rng.unit(), 2.5))))
    }
    let used = Set(stream).count
    #expect(used == u)
    #expect(fastDistances(stream, uniqueBlocks: u) == OPTReferenceStack.distances(stream, uniqueBlocks: u))
}

/// `OPTStackDistances` is a value: a copy continues independently of the original.
@Test func optPassIsAValue() {
    let (stream, u) = randomStream(seed: 99, maxUniverse: 30, maxLength: 2000)
    let reference = OPTReferenceStack.distances(stream, uniqueBlocks: u)
    var pass = OPTStackDistances(uniqueBlocks: u)
    let half = stream.count / 2
    for i in 0..<half { _ = pass.access(stream[i]) }
    var copy = pass
    var fromCopy: [Int32] = []
    for i in half..<stream.count { fromCopy.append(copy.access(stream[i])) }
    var fromOriginal: [Int32] = []
    for i in half..<stream.count { fromOriginal.append(pass.access(stream[i])) }
    #expect(fromCopy == Array(reference[half...]))
    #expect(fromOriginal == Array(reference[half...]))
}
