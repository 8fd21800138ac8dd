/// Everything `simulate` reports of one run (MODEL 9.2), with no per-request array: the counted
/// totals, every hit definition (5.8), the TTFT summary and throughput (6), and the breakdowns
/// per request type and per turn. Built request by request by `RunDigestBuilder`, from a whole
/// trace and its result (`init(trace:result:timing:)`) or from a stream's chunks as they are
/// served (`OverlappedSimulation`): the same requests give the same digest, bit for bit (tested).
public struct RunDigest: RunTotals, Sendable, Equatable {
    public var policyName: String
    public var capacityBlocks: Int
    public var tierCapacities: [Int]
    /// The trace's source, every request read (warm-up included), its distinct blocks, its
    /// reading warnings, and whether it had conversation turns.
    public var source = ""
    public var requestCount = 0
    public var uniqueBlocks = 0
    public var warnings = WarningCounts()
    public var hasTurns = false
    /// The first counted request (MODEL 3.6), and the counted requests, accesses and tokens.
    public var measuredFrom = 0
    public var requests = 0
    public var accesses = 0
    public var inputTokens = 0
    public var hitsBlock = 0, hitsPrefix = 0
    public var hitTokensBlock = 0, hitTokensPrefix = 0
    /// Counted accesses that found their block resident at the access (definition `access`).
    public var accessHits = 0
    public var evictions = 0, promotions = 0, demotions = 0
    /// Counted hits per tier (index 0 = L1) under each semantics.
    public var tierBlockHits: [Int] = []
    public var tierPrefixHits: [Int] = []
    /// Counted prefix-hit tokens found in each tier (L1 first): the KV a run loads from it.
    public var tierHitTokens: [Int] = []
    /// TTFT of the counted requests (MODEL 6.1): count, mean, sum, and p50, p90, p99.
    public var ttft = Statistics.Summary()
    public var throughputTokensPerSecond = 0.0
    public var throughputRequestsPerSecond = 0.0
    /// `timestamps` or `ttft` (MODEL 6.2).
    public var throughputBasis = "ttft"
    public var definitions: HitDefinitions
    /// Per `request_type` label, in label order (MODEL 2.1).
    public var byType: [RequestGroupStats] = []
    /// Per turn bucket (`"1"` ... `"10"`, `"11+"`, then `"unknown"`), the buckets with counted
    /// requests only; empty when the trace has no turns.
    public var byTurn: [RequestGroupStats] = []

    /// The quantiles of `ttft.quantiles`, in order.
    public static let ttftQuantiles: [Double] = [0.5, 0.9, 0.99]
    /// The quantiles of each group's summary: p50 and p99.
    public static let groupQuantiles: [Double] = [0.5, 0.99]
    /// Turns above this share one bucket, `"11+"`.
    public static let lastSingleTurn = 10

    public var ttftMeanMs: Double { ttft.mean }
    public var ttftP50Ms: Double { ttft.quantiles[0] }
    public var ttftP90Ms: Double { ttft.quantiles[1] }
    public var ttftP99Ms: Double { ttft.quantiles[2] }

    public init(policyName: String, capacityBlocks: Int, tierCapacities: [Int]) {
        self.policyName = policyName
        self.capacityBlocks = capacityBlocks
        self.tierCapacities = tierCapacities
        tierBlockHits = Array(repeating: 0, count: tierCapacities.count)
        tierPrefixHits = Array(repeating: 0, count: tierCapacities.count)
        tierHitTokens = Array(repeating: 0, count: tierCapacities.count)
        ttft.quantiles = Array(repeating: 0, count: Self.ttftQuantiles.count)
        let zero = HitDefinitions.Ratio(hits: 0, total: 0)
        definitions = HitDefinitions(access: zero, block: zero, prefix: zero, token: zero, tally: HitDefinitions.RequestTally())
    }

    /// The digest of a run over a whole trace: its TTFTs are `timing`'s (queueing included).
    /// O(requests).
    public init(trace: Trace, result: SimulationResult, timing: Timing) {
        var builder = RunDigestBuilder(policyName: result.policyName, capacityBlocks: result.capacityBlocks,
                                       tierCapacities: result.tierCapacities, measuredFrom: trace.firstMeasuredRequest,
                                       timeModel: nil)
        builder.add(trace, result: result, ttft: timing.ttftMs)
        self = builder.finish(counters: result)
    }
}
