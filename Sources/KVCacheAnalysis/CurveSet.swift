import KVCacheCore
import KVCacheInput

/// Curves for several policies on one trace: exact one-pass curves for the stack policies
/// (`lru`, `prefix_lru`, `belady`), simulated ones for the rest, both semantics each
/// (MODEL 5.2). The `mrc` command and reports are renderings of this value.
public struct CurveSet: Sendable {
    public var curves: [MissRatioCurve]
    /// The proven upper bound at each capacity (MODEL 5.7), when computed.
    public var bound: UpperBound?
    /// The sampling rate the curves stand for (`SampledCurves`), nil when not sampled.
    public var sampleRate: Double?
    /// The sampling error measured on the run (MODEL 5.11), with `sampleRate`.
    public var sampledError: SampledError?
    /// Profiles of the stack policies computed on the way (every capacity, not only the grid).
    public var profiles: [StackDistanceProfile]
    public var capacities: [Int]
    public var blockBytes: Int
    public var uniqueBlocks: Int

    /// The policies run concurrently (a task group; each stack profile is one pass, each
    /// simulated policy fans out over capacities); results keep the order of `policies`. With
    /// `bound`, the upper bound (MODEL 5.7) is computed beside them.
    public static func compute(_ trace: Trace, policies: [PolicySpec], capacities: [Int], blockBytes: Int,
                               bound: Bool = true) async -> CurveSet {
        async let upper: UpperBound? = bound ? UpperBound.compute(trace, capacities: capacities) : nil
        let results = await withTaskGroup(of: (Int, [MissRatioCurve], StackDistanceProfile?).self) { group in
            for (i, policy) in policies.enumerated() {
                group.addTask {
                    if policy.hasOnePassCurve {
                        let p = policy == .belady ? OPTProfile.profile(trace) : LRUStackDistances.profile(trace, policy: policy)
                        return (i, HitSemantics.allCases.map { .exact(p, semantics: $0, capacities: capacities) }, p)
                    }
                    return (i, await SimulatedCurves.curves(trace, policy: policy, capacities: capacities), nil)
                }
            }
            var out = [(Int, [MissRatioCurve], StackDistanceProfile?)]()
            for await r in group { out.append(r) }
            return out.sorted { $0.0 < $1.0 }
        }
        return CurveSet(curves: results.flatMap(\.1), bound: await upper, profiles: results.compactMap(\.2),
                        capacities: capacities, blockBytes: blockBytes, uniqueBlocks: trace.uniqueBlocks)
    }
}

extension CurveSet {
    /// The exact curves of one-pass profiles at `capacities`, both semantics each, without a
    /// bound (streamed curves, `StreamingCurve`).
    public static func exact(_ profiles: [StackDistanceProfile], capacities: [Int], blockBytes: Int) -> CurveSet {
        CurveSet(curves: profiles.flatMap { p in HitSemantics.allCases.map { .exact(p, semantics: $0, capacities: capacities) } },
                 bound: nil, profiles: profiles, capacities: capacities, blockBytes: blockBytes,
                 uniqueBlocks: profiles.map(\.uniqueBlocks).max() ?? 0)
    }
}
