import KVCacheCore
import KVCacheInput

/// One policy at the configured capacity, beside the `belady` bound (the headline).
public struct PolicyOutcome: Sendable {
    public var run: SimulationRun
    /// `belady`'s block hits at the same capacity: the bound (MODEL 5.3).
    public var boundHits: Int

    /// The policy as configured for this run (`run.policy` adds the resolved L1 share).
    public var policy: PolicySpec { run.config.policy }
    /// The bound's hit ratio minus the policy's (configured semantics), in ratio units.
    public func gap(_ semantics: HitSemantics) -> Double {
        let accesses = Double(max(1, run.result.accesses))
        return Double(boundHits) / accesses - run.result.hitRatio(semantics)
    }

    /// The gap as a share of the bound.
    public func gapShare(_ semantics: HitSemantics) -> Double {
        boundHits == 0 ? 0 : gap(semantics) * Double(run.result.accesses) / Double(boundHits)
    }
}
