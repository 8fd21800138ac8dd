import KVCacheCore

/// Curves for several policies on one trace: exact one-pass curves for the stack policies
/// (`lru`, `prefix_lru`, `belady`), simulated ones for the rest, both semantics each
/// (SEMANTICS 5.2). The `mrc` command and reports are renderings of this value.
public struct CurveSet: Sendable {
    public var curves: [MissRatioCurve]
    /// Profiles of the stack policies computed on the way (every capacity, not only the grid).
    public var profiles: [StackDistanceProfile]
    public var capacities: [Int]
    public var blockBytes: Int
    public var uniqueBlocks: Int

    /// The policies run concurrently (a task group; each stack profile is one pass, each
    /// simulated policy fans out over capacities); results keep the order of `policies`.
    public static func compute(_ trace: Trace, policies: [PolicyKind], capacities: [Int], blockBytes: Int,
                               l1Share: Double = 0.5) async -> CurveSet {
        let results = await withTaskGroup(of: (Int, [MissRatioCurve], StackDistanceProfile?).self) { group in
            for (i, policy) in policies.enumerated() {
                group.addTask {
                    if policy.isStackAlgorithm {
                        let p = policy == .belady ? OPTProfile.profile(trace) : LRUStackDistances.profile(trace, policy: policy)
                        return (i, HitSemantics.allCases.map { .exact(p, semantics: $0, capacities: capacities) }, p)
                    }
                    return (i, await SimulatedCurves.curves(trace, policy: policy, capacities: capacities, l1Share: l1Share), nil)
                }
            }
            var out = [(Int, [MissRatioCurve], StackDistanceProfile?)]()
            for await r in group { out.append(r) }
            return out.sorted { $0.0 < $1.0 }
        }
        return CurveSet(curves: results.flatMap(\.1), profiles: results.compactMap(\.2), capacities: capacities,
                        blockBytes: blockBytes, uniqueBlocks: trace.uniqueBlocks)
    }

    /// `mrc.csv` (SEMANTICS 9.3), one row per policy, semantics and capacity.
    public func csv() -> String {
        var out = "policy,semantics,capacity_blocks,capacity_bytes,accesses,hits,miss_ratio,hit_tokens,input_tokens,method\n"
        for c in curves {
            for p in c.points {
                out += "\(c.policy.rawValue),\(c.semantics.rawValue),\(p.capacityBlocks),\(p.capacityBlocks * blockBytes),\(c.accesses),\(p.hits),\(JSONValue.number(c.missRatio(p))),\(p.hitTokens),\(c.inputTokens),\(c.method.rawValue)\n"
            }
        }
        return out
    }

    /// The same as JSON for scripts.
    public func json() -> JSONValue {
        .object([
            ("unique_blocks", .int(uniqueBlocks)),
            ("block_bytes", .int(blockBytes)),
            ("curves", .array(curves.map { c in
                .object([
                    ("policy", .string(c.policy.rawValue)), ("semantics", .string(c.semantics.rawValue)),
                    ("method", .string(c.method.rawValue)), ("accesses", .int(c.accesses)),
                    ("input_tokens", .int(c.inputTokens)), ("compulsory_misses", .int(c.compulsoryMisses)),
                    ("capacity_blocks", .array(c.points.map { .int($0.capacityBlocks) })),
                    ("hits", .array(c.points.map { .int($0.hits) })),
                    ("miss_ratio", .array(c.points.map { .double(c.missRatio($0)) })),
                    ("hit_tokens", .array(c.points.map { .int($0.hitTokens) })),
                ])
            })),
        ])
    }
}
