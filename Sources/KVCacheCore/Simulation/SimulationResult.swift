/// What one simulation observed: totals under both hit semantics (MODEL 3.2), per tier, and
/// per request (for the time model and per-`request_type` breakdowns). A plain value: rendering
/// and the time model are functions of it (STYLE: metrics observe, rendering is pure).
public struct SimulationResult: RunTotals, Sendable {
    /// The policy's name (`spec.description` for the library's policies).
    public var policyName: String
    /// The library policy that ran, with its parameters; nil for a policy of the user's own.
    public var spec: PolicySpec?
    /// Total capacity in blocks (L1 + L2 for tiered policies).
    public var capacityBlocks: Int
    /// Capacity per tier, L1 first.
    public var tierCapacities: [Int]
    /// Counted requests, their block accesses and input tokens: those after the warm-up
    /// (MODEL 3.6); the per-request arrays below still cover every request.
    public var requests = 0
    public var accesses = 0
    public var inputTokens = 0
    /// The first counted request (`Trace.firstMeasuredRequest`).
    public var measuredFrom = 0
    /// Counted accesses that found their block resident at the access itself, in the policy's
    /// touch order: the per-access count libCacheSim reports for the flattened stream
    /// (definition `access`, MODEL 5.7).
    public var accessHits = 0
    public var evictions = 0
    public var promotions = 0
    public var demotions = 0

    /// Per request, under block semantics: hit blocks and hit tokens.
    public var blockHits: [Int32] = []
    public var blockHitTokens: [Int32] = []
    /// Per request, under prefix semantics: the leading run of hits, in blocks and tokens.
    public var prefixHits: [Int32] = []
    public var prefixHitTokens: [Int32] = []
    /// Per request, prefix-hit tokens found in each tier below L1 (index 0 = L2); the rest of
    /// `prefixHitTokens` was in L1.
    public var lowerTierPrefixHitTokens: [[Int32]] = []
    /// Hits per tier (index 0 = L1) under each semantics.
    public var tierBlockHits: [Int] = []
    public var tierPrefixHits: [Int] = []

    public init(policyName: String, spec: PolicySpec?, capacityBlocks: Int, tierCapacities: [Int]) {
        self.policyName = policyName
        self.spec = spec
        self.capacityBlocks = capacityBlocks
        self.tierCapacities = tierCapacities
        tierBlockHits = Array(repeating: 0, count: tierCapacities.count)
        tierPrefixHits = Array(repeating: 0, count: tierCapacities.count)
        lowerTierPrefixHitTokens = Array(repeating: [], count: max(0, tierCapacities.count - 1))
    }

    /// Takes the counted requests, accesses and input tokens of `trace` (MODEL 3.6): the
    /// denominators every run reports, whatever simulated it.
    public mutating func countMeasured(_ trace: Trace) {
        requests = trace.measuredRequestCount
        accesses = trace.measuredAccessCount
        inputTokens = trace.measuredInputTokens
        measuredFrom = trace.firstMeasuredRequest
    }

    /// Totals over the counted requests.
    public var hitsBlock: Int { Self.sum(blockHits, from: measuredFrom) }
    public var hitsPrefix: Int { Self.sum(prefixHits, from: measuredFrom) }
    public var hitTokensBlock: Int { Self.sum(blockHitTokens, from: measuredFrom) }
    public var hitTokensPrefix: Int { Self.sum(prefixHitTokens, from: measuredFrom) }

    static func sum(_ values: [Int32], from first: Int) -> Int {
        first >= values.count ? 0 : values[first...].reduce(0) { $0 + Int($1) }
    }

}
