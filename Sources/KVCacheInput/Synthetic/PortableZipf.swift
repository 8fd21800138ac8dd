import Foundation

/// A Zipf trace from a tiny, fully specified generator that any language reproduces bit for
/// bit: scripts/make_libcachesim_vectors.py feeds the same trace to libCacheSim, so tests compare
/// miss counts with libCacheSim's without Python, and the benchmark makes its standard Zipf(0.9)
/// traces with it (`kvcache-bench zipf`):
///
/// - PRNG: splitmix64 (Steele, Lea and Flood, OOPSLA 2014) seeded with `seed`;
/// - u = (x >> 11) * 2^-53, a double in [0, 1);
/// - weights w_k = pow(k, -alpha) for ranks k = 1 ... universe (glibc pow, as Python's `**`),
///   summed in order into cumulative doubles c_k; target = u * c_universe; the rank is the first
///   k with c_k > target (binary search; clamped to `universe`).
///
/// Ranks are the ids libCacheSim sees (1 ... universe); `denseIds` are rank - 1.
public struct PortableZipf: Sendable {
    /// The rank of each access, 1 ... universe.
    public let ranks: [UInt64]
    public let universe: Int

    public init(seed: UInt64, requests: Int, universe: Int, alpha: Double) {
        precondition(universe >= 1 && requests >= 0)
        var cumulative = [Double](repeating: 0, count: universe)
        var total = 0.0
        for k in 1 ... universe {
            total += pow(Double(k), -alpha)
            cumulative[k - 1] = total
        }
        var state = seed
        var ranks = [UInt64]()
        ranks.reserveCapacity(requests)
        for _ in 0 ..< requests {
            let u = Double(Self.splitMix64(&state) >> 11) * 0x1p-53
            let target = u * total
            var lo = 0, hi = universe
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] > target { hi = mid } else { lo = mid + 1 }
            }
            ranks.append(UInt64(min(lo, universe - 1) + 1))
        }
        self.ranks = ranks
        self.universe = universe
    }

    /// Dense block ids, rank - 1, in 0 ..< universe.
    public var denseIds: [Int32] { ranks.map { Int32($0 - 1) } }

    /// FNV-1a 64 over the ranks as little-endian UInt64 (the script's checksum).
    public var checksum: UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for r in ranks {
            var v = r
            for _ in 0 ..< 8 {
                h = (h ^ (v & 0xFF)) &* 0x0000_0100_0000_01B3
                v >>= 8
            }
        }
        return h
    }

    /// splitmix64: the state advances by the golden gamma; the output is its mix.
    @inline(__always)
    static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
