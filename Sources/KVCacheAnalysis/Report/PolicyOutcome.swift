import KVCacheCore
import KVCacheInput

/// One policy at the configured capacity, beside the references (the headline).
public struct PolicyOutcome: Sendable {
    public var run: SimulationRun
    public var references: References

    /// The policy as configured for this run (`run.policy` adds the resolved L1 share).
    public var policy: PolicySpec { run.config.policy }

    /// Bound's token hit ratio minus the policy's, in ratio units; never negative (MODEL 5.7).
    public func gapToBound(_ semantics: HitSemantics) -> Double {
        references.tokenRatio(references.bound.hitTokens) - run.result.tokenHitRatio(semantics)
    }

    /// Best known token hit ratio minus the policy's; 0 for the best policy itself.
    public func gapToBestKnown(_ semantics: HitSemantics) -> Double {
        guard let best = references.bestKnown[semantics] else { return 0 }
        return references.tokenRatio(best.hitTokens) - run.result.tokenHitRatio(semantics)
    }
}
