/// What a streamed simulation counted (MODEL 3.7): the totals of `SimulationResult` (the shared
/// `RunTotals`) and every hit definition of MODEL 5.8, over the counted requests, without
/// per-request arrays.
public struct StreamSummary: RunTotals, Sendable {
    public var policy: PolicySpec
    public var capacityBlocks: Int
    public var tierCapacities: [Int]
    /// Where the stream came from.
    public var source: String
    /// Every request and access read, warm-up included, and the distinct blocks among them.
    public var totalRequests = 0
    public var totalAccesses = 0
    public var uniqueBlocks = 0
    /// Chunks served.
    public var chunks = 0
    /// The first counted request (MODEL 3.6: a number of requests in stream mode).
    public var measuredFrom = 0
    /// Counted requests, their block accesses and input tokens.
    public var requests = 0
    public var accesses = 0
    public var inputTokens = 0
    public var hitsBlock = 0
    public var hitsPrefix = 0
    public var hitTokensBlock = 0
    public var hitTokensPrefix = 0
    public var accessHits = 0
    /// Counted hits per tier (index 0 = L1) under each semantics.
    public var tierBlockHits: [Int] = []
    public var tierPrefixHits: [Int] = []
    public var evictions = 0
    public var promotions = 0
    public var demotions = 0
    /// The six hit definitions (MODEL 5.8).
    public var definitions: HitDefinitions
    /// Mean TTFT of the counted requests, in ms, without queueing (MODEL 6.1; nil when no time
    /// model was given). Percentiles are not kept in stream mode (MODEL 3.7).
    public var ttftMeanMs: Double?
    /// Warnings counted while reading (MODEL 2.1, 2.2).
    public var warnings = WarningCounts()
}
