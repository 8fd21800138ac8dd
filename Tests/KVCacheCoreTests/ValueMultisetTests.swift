import KVCacheCore
import KVCacheTestSupport
import Testing

/// MODEL 6.2: the quantiles of a multiset of TTFTs (`ValueMultiset`, both its forms) are those
/// of a full sort of the values, bit for bit, per group and over merged groups.
@Suite struct ValueMultisetTests {
    /// The quantile of a full sort, numpy's linear interpolation (the reference).
    static func sortedQuantile(_ xs: [Double], _ q: Double) -> Double {
        guard !xs.isEmpty else { return 0 }
        let s = xs.map { $0 == 0 ? 0 : $0 }.sorted()
        let h = q * Double(s.count - 1)
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }

    @Test("quantiles = a full sort's, per group and merged, few or many distinct values, across the switch to values")
    func quantilesEqualAFullSort() {
        let qs = [0.0, 0.01, 0.5, 0.9, 0.99, 1.0]
        for seed: UInt64 in 1 ... 8 {
            var rng = SplitMix64(seed: seed)
            // Seeds 1-4: a few distinct values (the counts form); 5-8: mostly distinct (values form).
            let distinct = seed <= 4 ? Int(seed) * 3 : 1_000_000
            let n = Int.random(in: 1 ... 20_000, using: &rng)
            var set = ValueMultiset(maxDistinct: 64)
            var byGroup = [[Double]](repeating: [], count: 6)
            for _ in 0 ..< n {
                let k = Int.random(in: 0 ..< distinct, using: &rng)
                let v = k % 7 == 0 ? -0.0 : Double(k) * 0.37 - 5
                let g = Int.random(in: 0 ..< 6, using: &rng)
                set.insert(v, group: UInt32(g))
                byGroup[g].append(v)
            }
            #expect(set.count == n)
            #expect(set.keepsValues == (seed > 4), "seed \(seed)")
            let all = set.quantiles(qs, outputs: 1) { _ in 0 }[0]
            #expect(all == qs.map { Self.sortedQuantile(byGroup.flatMap { $0 }, $0) }, "seed \(seed)")
            for (q, v) in zip(qs, all) where v == 0 { #expect(v.sign == .plus, "a zero is +0 (q \(q))") }
            // Groups 0-5 into outputs {0, 1, 2} by g % 3, group 5 left out.
            let three = set.quantiles(qs, outputs: 3) { $0 == 5 ? nil : Int($0) % 3 }
            for o in 0 ..< 3 {
                let members = (0 ..< 5).filter { $0 % 3 == o }.flatMap { byGroup[$0] }
                #expect(three[o] == qs.map { Self.sortedQuantile(members, $0) }, "seed \(seed) output \(o)")
            }
        }
    }

    @Test("an empty multiset and an empty output group give zeros")
    func emptyGivesZeros() {
        var set = ValueMultiset()
        #expect(set.quantiles([0.5, 0.99], outputs: 2) { Int($0) } == [[0, 0], [0, 0]])
        set.insert(3, group: 0)
        #expect(set.quantiles([0.5, 0.99], outputs: 2) { Int($0) } == [[3, 3], [0, 0]])
    }
}
