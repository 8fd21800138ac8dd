import KVCacheInput
import Testing

/// The streaming generator behind `kvcache-bench zipf-stream` gives `PortableZipf`'s ranks.
@Suite struct PortableZipfStreamTests {
    @Test("PortableZipfStream = PortableZipf, rank for rank", arguments: [
        (UInt64(42), 1_000_000, 0.9), (UInt64(7), 1_000, 1.2), (UInt64(1), 1, 0.9), (UInt64(3), 50_000, 0.5),
    ])
    func sameRanks(seed: UInt64, universe: Int, alpha: Double) {
        let n = 20_000
        let whole = PortableZipf(seed: seed, requests: n, universe: universe, alpha: alpha).ranks
        var stream = PortableZipfStream(seed: seed, universe: universe, alpha: alpha)
        var mismatches = 0
        for i in 0 ..< n where stream.next() != whole[i] { mismatches += 1 }
        #expect(mismatches == 0)
    }
}
