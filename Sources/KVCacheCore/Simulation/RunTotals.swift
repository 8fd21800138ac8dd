/// The counted totals every run reports, whether it ran in memory (`SimulationResult`) or on a
/// stream (`StreamSummary`, MODEL 3.7): one definition of the ratios, and one rendering
/// (`RunSummary.countFields` in KVCacheRender) for both.
public protocol RunTotals {
    var capacityBlocks: Int { get }
    var tierCapacities: [Int] { get }
    /// Counted block accesses and input tokens (MODEL 3.6).
    var accesses: Int { get }
    var inputTokens: Int { get }
    var hitsBlock: Int { get }
    var hitsPrefix: Int { get }
    var hitTokensBlock: Int { get }
    var hitTokensPrefix: Int { get }
    var evictions: Int { get }
    var promotions: Int { get }
    var demotions: Int { get }
    /// Counted hits per tier (index 0 = L1) under each semantics.
    var tierBlockHits: [Int] { get }
    var tierPrefixHits: [Int] { get }
}

extension RunTotals {
    public func hits(_ semantics: HitSemantics) -> Int { semantics == .prefix ? hitsPrefix : hitsBlock }
    public func hitTokens(_ semantics: HitSemantics) -> Int { semantics == .prefix ? hitTokensPrefix : hitTokensBlock }

    public func hitRatio(_ semantics: HitSemantics) -> Double {
        accesses == 0 ? 0 : Double(hits(semantics)) / Double(accesses)
    }

    public func tokenHitRatio(_ semantics: HitSemantics) -> Double {
        inputTokens == 0 ? 0 : Double(hitTokens(semantics)) / Double(inputTokens)
    }
}
