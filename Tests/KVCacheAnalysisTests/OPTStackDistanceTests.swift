import Foundation
import Testing
@testable import KVCacheAnalysis

// OPT stack distances (MODEL 4.5, 5.2): access i is a Belady-MIN hit at capacity C iff
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

/// Belady's MIN with forced insertion at one capacity (MODEL 4.5), simulated directly: on a miss
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
    // a b a b: the second b needs room for a and b: 2; the second a also 2 (MODEL 4.5's example).
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
/// MODEL 4.5: MIN at capacity C on a loop of k > C blocks hits about (C - 1)/(k - 1) of the
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

/// Fast form == reference form access by access (MODEL 5.2), on 400 seeded streams over small
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

/// Both forms equal a per-capacity Belady simulation at every capacity 1...U (MODEL 4.5, 5.2),
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

/// Larger streams against the reference, access by access: thousands of markers, a 4-level slot
/// tree and many compactions.
@Test(arguments: [600, 5000, 50_000])
func optFastMatchesReferenceOnLargerStream(universe u: Int) {
    var rng = SplitMix64(seed: 2024 &+ UInt64(u))
    var stream: [Int32] = []
    for i in 0..<(u * 5) {
        let r = rng.unit()
        if r < 0.1 {
            stream.append(Int32(i % u))  // scans
        } else if r < 0.2 {
            stream.append(Int32(rng.below(u)))
        } else {
            stream.append(Int32(min(u - 1, Int(Double(u) * pow(rng.unit(), 10.0)))))  // about Zipf(0.9)
        }
    }
    // a few ids may never occur: harmless, they only leave room unused
    #expect(Set(stream).count > u / 2)
    let fast = fastDistances(stream, uniqueBlocks: u)
    let reference = OPTReferenceStack.distances(stream, uniqueBlocks: u)
    let differences = fast.indices.filter { fast[$0] != reference[$0] }
    #expect(differences.isEmpty, "\(differences.count) differences, first at \(differences.first ?? -1)")
}

/// Belady MIN at one capacity with a lazy max-heap of (next access, block): the same policy as
/// `beladyHits`, fast enough for long streams (MODEL 4.5).
private func beladyHitsHeap(_ stream: [Int32], uniqueBlocks: Int, capacity: Int) -> Int {
    let n = stream.count
    var nextAccess = [Int](repeating: Int.max, count: n)
    var seenAt = [Int](repeating: Int.max, count: uniqueBlocks)
    for i in stride(from: n - 1, through: 0, by: -1) {
        nextAccess[i] = seenAt[Int(stream[i])]
        seenAt[Int(stream[i])] = i
    }
    var heap: [(next: Int, block: Int32)] = []
    func push(_ e: (next: Int, block: Int32)) {
        heap.append(e)
        var i = heap.count - 1
        while i > 0 && heap[(i - 1) / 2].next < heap[i].next {
            heap.swapAt(i, (i - 1) / 2)
            i = (i - 1) / 2
        }
    }
    func pop() -> (next: Int, block: Int32) {
        let top = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var i = 0
            while true {
                var m = i
                for c in [2 * i + 1, 2 * i + 2] where c < heap.count && heap[c].next > heap[m].next { m = c }
                if m == i { break }
                heap.swapAt(i, m)
                i = m
            }
        }
        return top
    }
    var nextUse = [Int](repeating: -1, count: uniqueBlocks)
    var inCache = [Bool](repeating: false, count: uniqueBlocks)
    var count = 0
    var hits = 0
    for i in 0..<n {
        let x = Int(stream[i])
        if inCache[x] {
            hits += 1
        } else {
            if count == capacity {
                while true {  // skip entries made stale by a later access
                    let e = pop()
                    if inCache[Int(e.block)] && nextUse[Int(e.block)] == e.next {
                        inCache[Int(e.block)] = false
                        count -= 1
                        break
                    }
                }
            }
            inCache[x] = true
            count += 1
        }
        nextUse[x] = nextAccess[i]
        push((nextAccess[i], Int32(x)))
    }
    return hits
}

/// At scale: 120 000 accesses over about 45 000 blocks (a 5-level slot tree, several compactions),
/// the one-pass curve against Belady simulated at a spread of capacities (MODEL 4.5, 5.2).
@Test func optFastMatchesBeladyLarge() {
    var rng = SplitMix64(seed: 77)
    let universe = 60_000
    var raw: [Int] = []
    for i in 0..<120_000 {
        let r = rng.unit()
        if r < 0.1 {
            raw.append((i * 7) % universe)  // a slow scan
        } else if r < 0.15, let last = raw.last {
            raw.append(last)
        } else if r < 0.3 {
            raw.append(rng.below(universe))
        } else {
            // about Zipf(0.9): P(rank <= k) = (k / universe)^0.1
            raw.append(min(universe - 1, Int(Double(universe) * pow(rng.unit(), 10.0))))
        }
    }
    var dense = [Int: Int32]()
    let stream = raw.map { id -> Int32 in
        if let d = dense[id] { return d }
        let d = Int32(dense.count)
        dense[id] = d
        return d
    }
    let u = dense.count
    #expect(u > 30_000)
    let curve = hitCurve(fastDistances(stream, uniqueBlocks: u), uniqueBlocks: u)
    for c in [1, 2, 3, 10, 100, 1000, 5000, 20_000, u] {
        #expect(curve[c] == beladyHitsHeap(stream, uniqueBlocks: u, capacity: c), "capacity \(c)")
    }
    #expect(curve[u] == stream.count - u)
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

/// The batch form (`access(_:_:into:)`, which prefetches ahead, also past its range) equals the
/// reference over random splits of a stream into ranges, with a copy taken between two batches.
@Test(arguments: 0..<4)
func optBatchMatchesReference(batch: Int) {
    for k in 0..<25 {
        var rng = SplitMix64(seed: UInt64(batch * 25 + k) &+ 4242)
        let (stream, u) = randomStream(seed: UInt64(batch * 25 + k) &* 0x9E37_79B9_7F4A_7C15 &+ 5)
        let reference = OPTReferenceStack.distances(stream, uniqueBlocks: u)
        #expect(OPTStackDistances.distances(stream, uniqueBlocks: u) == reference)
        var pass = OPTStackDistances(uniqueBlocks: u)
        var kept: (pass: OPTStackDistances, from: Int)? = nil
        var out = [Int32](repeating: -1, count: stream.count)
        var fromCopy = out
        var lower = 0
        stream.withUnsafeBufferPointer { ids in
            while lower < ids.count {
                let upper = min(ids.count, lower + rng.below(12))  // empty ranges too
                out.withUnsafeMutableBufferPointer { d in
                    pass.access(ids, lower ..< upper, into: UnsafeMutableBufferPointer(rebasing: d[lower...]))
                }
                lower = upper
                if kept == nil && lower > ids.count / 2 { kept = (pass, lower) }
            }
            // The copy taken half-way continues on its own.
            if var (copy, from) = kept {
                fromCopy.withUnsafeMutableBufferPointer { d in
                    copy.access(ids, from ..< ids.count, into: UnsafeMutableBufferPointer(rebasing: d[from...]))
                }
                fromCopy.replaceSubrange(0 ..< from, with: reference[0 ..< from])
            } else {
                fromCopy = reference
            }
        }
        #expect(out == reference, "U \(u), n \(stream.count)")
        #expect(fromCopy == reference, "copy: U \(u), n \(stream.count)")
        if out != reference || fromCopy != reference { return }
    }
}

// MARK: - The trees behind the fast form, against plain arrays

/// The slot tree (range add, "leftmost <= 0 from L", fresh set, clear, flush and rebuild) against a
/// plain array, used the way `OPTStackDistances` uses it: slots opened left to right, adds only over
/// opened slots, values kept >= 0 so that zeros are rare and a search must descend far. Sizes up to
/// 70 000 leaves give 5 levels of 16; the pass over 10^5 leaves in `optFastMatchesBeladyLarge`
/// exercises the same at full scale.
@Test(arguments: [1, 15, 16, 17, 255, 256, 300, 4097, 20_000, 70_000])
func optSlotTreeMatchesArray(size: Int) {
    var rng = SplitMix64(seed: UInt64(size) &* 7919)
    let tree = OPTSlotTree.allocate(leafCount: size)
    defer { tree.deallocate() }
    let n = tree.leafCount
    #expect(n >= size)
    var value = [Int32?](repeating: nil, count: n)  // nil: empty leaf
    var next = 0
    var checks = 0
    func check(_ from: Int) {
        var expected = -1
        for k in from..<n { if let v = value[k], v <= 0 { expected = k; break } }
        #expect(tree.leftmostNonPositive(from: from) == expected, "size \(size), from \(from)")
        checks += 1
    }
    let steps = min(3 * n + 50, 2000)
    for _ in 0..<4 {
        next = 0
        for _ in 0..<steps {
            let r = rng.below(10)
            if r < 3 && next < n {
                // mostly positive values, sometimes 0; long runs of slots at once
                for _ in 0..<(1 + rng.below(max(1, n / steps * 2))) where next < n {
                    let v: Int32 = rng.below(8) == 0 ? 0 : Int32(1 + rng.below(3))
                    tree.setFresh(next, to: v)
                    value[next] = v
                    next += 1
                }
            } else if r < 4 && next > 0 {
                let k = rng.below(next)
                tree.clear(k)
                value[k] = nil
            } else if r < 8 && next > 0 {
                // aligned and unaligned ranges, short and long
                // log-uniform lengths; ends often aligned to groups of 16 or 256 leaves (whole
                // groups at some level are where a 16-ary decomposition goes wrong)
                let alignment = [1, 16, 256][rng.below(3)]
                var lo = rng.below(next) / alignment * alignment
                let length = 1 + rng.below(1 << (1 + rng.below(17)))
                var hi = min(next, lo + length)
                if alignment > 1 && hi % alignment != 0 && (hi / alignment + 1) * alignment <= next {
                    hi = (hi / alignment + 1) * alignment
                }
                if rng.below(2) == 0 {  // just outside the aligned ends
                    lo = max(0, lo - rng.below(17))
                    hi = min(next, hi + rng.below(17))
                }
                if lo >= hi { lo = hi - 1 }
                let minimum = value[lo..<hi].compactMap { $0 }.min() ?? 1
                let delta: Int32 = minimum > 0 && rng.below(2) == 0 ? -1 : 1
                tree.add(delta, lo, hi)
                for k in lo..<hi { value[k] = value[k].map { $0 + delta } }
            } else if next > 0 {
                check(rng.below(next))
            }
            if n <= 20_000 || rng.below(50) == 0 { #expect(tree.isConsistent()) }
        }
        // Flush, then keep the live leaves' values and start over from `rebuild`.
        tree.flushPending()
        var live: [Int32] = []
        for k in 0..<next { if let v = value[k] { #expect(tree.leaf(k) == v); live.append(v) } }
        for (k, v) in live.enumerated() { tree.setLeafRaw(k, v) }
        tree.rebuild(keeping: live.count)
        value = [Int32?](repeating: nil, count: n)
        for (k, v) in live.enumerated() { value[k] = v }
        #expect(tree.isConsistent())
        if !live.isEmpty { check(0) }
    }
    #expect(checks > 50)
}

/// The marker tree's "leftmost index with value <= t" against a plain array.
@Test(arguments: [1, 16, 17, 300, 5000, 70_000])
func optMarkerTreeMatchesArray(size: Int) {
    var rng = SplitMix64(seed: UInt64(size) &* 104_729)
    let tree = OPTMarkerTree.allocate(leafCount: size)
    defer { tree.deallocate() }
    var value = [Int32](repeating: .max, count: size)
    for step in 0..<min(4 * size + 100, 6000) {
        let i = rng.below(size)
        let v = Int32(rng.below(4 * size))
        tree.set(i, v)
        value[i] = v
        let bound = Int32(rng.below(4 * size))
        let expected = value.firstIndex { $0 <= bound } ?? -1
        if step % 7 == 0 || size < 100 {
            #expect(tree.leftmostAtMost(bound) == expected)
        }
    }
    for i in 0..<size { tree.setLeafRaw(i, value[size - 1 - i]) }
    tree.rebuild()
    for i in 0..<size { #expect(tree.value(i) == value[size - 1 - i]) }
    #expect(tree.leftmostAtMost(Int32.max - 1) == value.reversed().firstIndex { $0 <= Int32.max - 1 } ?? -1)
}
