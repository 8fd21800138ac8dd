import KVCacheCore

/// What every policy is compared with at the configured capacity (MODEL 5.9): the proven upper
/// bound (MODEL 5.7), the infinite-cache ceiling, and the best count any policy of the report
/// reached, per semantics.
public struct References: Sendable {
    public var bound: UpperBound.Point
    /// The bound with room for every block: what an infinite cache can hit.
    public var ceiling: UpperBound.Point
    /// Counted accesses and input tokens.
    public var accesses: Int
    public var inputTokens: Int
    /// Per semantics: the policy with the most hit tokens, its hits and hit tokens.
    public var bestKnown: [HitSemantics: (policy: PolicySpec, hits: Int, hitTokens: Int)]

    public func ratio(_ hits: Int) -> Double { accesses == 0 ? 0 : Double(hits) / Double(accesses) }
    public func tokenRatio(_ tokens: Int) -> Double { inputTokens == 0 ? 0 : Double(tokens) / Double(inputTokens) }
}
