import Foundation

/// `PortableZipf`'s ranks one at a time, without holding them: the same generator (splitmix64
/// seeded with `seed`, u = (x >> 11) x 2^-53, the first rank whose cumulative weight exceeds
/// u x total), so the first N ranks of a stream equal `PortableZipf(seed:requests: N, ...)`'s
/// (tested). For traces too large for memory (`kvcache-bench zipf-stream`, 10^9 accesses).
///
/// The search is guided: a table of 2^16 buckets of u gives each bucket's range of ranks, and
/// the binary search runs inside it (checked, with the whole-table search as fallback, so the
/// rank is exactly the unguided one). O(log(ranks per bucket)) per draw, 8 bytes per rank.
public struct PortableZipfStream {
    private let cumulative: [Double]
    private let total: Double
    private let guide: [Int32]  // bucket b: the first rank index whose cumulative exceeds b/2^16 x total
    private var state: UInt64
    public let universe: Int
    private static let bucketBits = 16

    public init(seed: UInt64, universe: Int, alpha: Double) {
        precondition(universe >= 1 && universe < Int(Int32.max))
        var cumulative = [Double](repeating: 0, count: universe)
        var total = 0.0
        for k in 1 ... universe {
            total += pow(Double(k), -alpha)
            cumulative[k - 1] = total
        }
        let buckets = 1 << Self.bucketBits
        var guide = [Int32](repeating: 0, count: buckets + 1)
        var k = 0
        for b in 0 ... buckets {
            let edge = Double(b) / Double(buckets) * total
            while k < universe - 1 && cumulative[k] <= edge { k += 1 }
            guide[b] = Int32(k)
        }
        self.cumulative = cumulative
        self.total = total
        self.guide = guide
        self.universe = universe
        state = seed
    }

    /// The next rank, 1 ... universe.
    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        let u = Double(z >> 11) * 0x1p-53
        let target = u * total
        let b = Int(z >> UInt64(64 - Self.bucketBits))  // the bucket of u: its top 16 bits
        var lo = Int(guide[b]), hi = min(Int(guide[b + 1]) + 1, universe)
        // The first index with cumulative > target lies in [lo, hi) when the guide holds.
        if !(lo == 0 || cumulative[lo - 1] <= target) || !(hi == universe || cumulative[hi - 1] > target) {
            lo = 0
            hi = universe
        }
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > target { hi = mid } else { lo = mid + 1 }
        }
        return UInt64(min(lo, universe - 1) + 1)
    }
}
