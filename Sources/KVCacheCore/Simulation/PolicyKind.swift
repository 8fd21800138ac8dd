/// The eviction policies (SEMANTICS 4). One exhaustive `switch` in `Simulator` builds each, so
/// adding a policy is one file under `Policies/` plus one case here.
public enum PolicyKind: String, CaseIterable, Sendable, Codable {
    case lru
    case prefixLRU = "prefix_lru"
    case lfu
    case fifo
    case hierarchicalLRU = "hierarchical_lru"
    case belady

    /// Whether the policy touches a request's blocks last to first (SEMANTICS 3.3, 4.2).
    public var touchesInReverse: Bool { self == .prefixLRU }

    /// Whether the policy is a stack algorithm whose curve comes from one pass (SEMANTICS 5.2).
    public var isStackAlgorithm: Bool {
        switch self {
        case .lru, .prefixLRU, .belady: true
        case .lfu, .fifo, .hierarchicalLRU: false
        }
    }

    /// One line for `--help` and reports.
    public var summary: String {
        switch self {
        case .lru: "evict the least recently accessed block"
        case .prefixLRU: "LRU touching a request's blocks last to first, so tails go before their prefixes (vLLM)"
        case .lfu: "evict the fewest in-cache accesses, ties to the least recent"
        case .fifo: "evict the block inserted first"
        case .hierarchicalLRU: "exclusive L1 + L2 LRU tiers with promotion and demotion"
        case .belady: "Belady's MIN over the flattened stream (offline optimum)"
        }
    }
}
