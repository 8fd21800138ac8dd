/// The names of the eviction policies (MODEL 4), for the command line, configs, help and
/// suggestions. A policy with its parameters is a `PolicySpec`. Adding a policy: one file under
/// `Policies/`, one case here (with its `summary`, `hasOnePassCurve` and `isStreamable`), one
/// line in `PolicySpec.simulate`; for an online policy also `GrowablePolicy`, one line in
/// `makeChunkServer` and one `@_specialize` on `PolicyChunkServer.serve` (without it
/// the stream runs the policy, slower, through a witness table). The compiler points at each
/// switch, not at the `@_specialize` list.
public enum PolicyKind: String, CaseIterable, Sendable, Codable {
    case lru
    case prefixLRU = "prefix_lru"
    case lfu
    case fifo
    case clock
    case sieve
    case s3fifo
    case arc
    case hierarchicalLRU = "hierarchical_lru"
    case belady
    case beladyBypass = "belady_bypass"
    case radixLRU = "radix_lru"
    case radixBelady = "radix_belady"

    /// Whether the policy's exact curve comes from one pass of stack distances (MODEL 5.2, 5.6);
    /// the others are simulated once per capacity. Being a stack algorithm is necessary, not
    /// enough: `belady_bypass` is one, but has no one-pass distance computation here.
    public var hasOnePassCurve: Bool {
        switch self {
        case .lru, .prefixLRU, .belady: true
        // `belady_bypass` is a stack algorithm too (MODEL 5.6), but its curve is simulated.
        case .lfu, .fifo, .clock, .sieve, .s3fifo, .arc, .hierarchicalLRU, .beladyBypass, .radixLRU, .radixBelady: false
        }
    }

    /// Whether the policy runs on a stream (MODEL 3.7): it needs neither the future (`belady`,
    /// `belady_bypass`, `radix_belady`) nor the whole trace's prefix tree (`radix_lru`).
    public var isStreamable: Bool {
        switch self {
        case .lru, .prefixLRU, .lfu, .fifo, .clock, .sieve, .s3fifo, .arc, .hierarchicalLRU: true
        case .belady, .beladyBypass, .radixLRU, .radixBelady: false
        }
    }

    /// One line for `--help` and reports.
    public var summary: String {
        switch self {
        case .lru: "evict the least recently accessed block"
        case .prefixLRU: "LRU touching a request's blocks last to first, so tails go before their prefixes (vLLM)"
        case .lfu: "evict the fewest in-cache accesses, ties to the least recent"
        case .fifo: "evict the block inserted first"
        case .clock: "CLOCK: FIFO with one reference bit, a second chance for accessed blocks (libCacheSim)"
        case .sieve: "SIEVE: a hand sweeps from old to new, evicting the first unvisited block (NSDI 2024)"
        case .s3fifo: "S3-FIFO: small, main and ghost FIFO queues (SOSP 2023); parameters small_ratio=0.1, ghost_ratio=0.9, move_to_main_threshold=2"
        case .arc: "ARC: adaptive recency/frequency lists with ghost lists (FAST 2003)"
        case .hierarchicalLRU: "exclusive L1 + L2 LRU tiers with promotion and demotion; parameter l1_share=0.5"
        case .belady: "Belady's MIN over the flattened stream (offline optimum with forced insertion)"
        case .radixLRU: "prefix tree, evict the least recent unprotected leaf; a block is cached only under its cached parent (SGLang, KVCache.AI lru)"
        case .radixBelady: "prefix tree, evict the leaf used farthest ahead, with bypass (KVCache.AI optimal; best known offline, not an optimum)"
        case .beladyBypass: "Belady's MIN with bypass: a block whose next use is the farthest is not inserted (offline optimum for block hits)"
        }
    }
}
