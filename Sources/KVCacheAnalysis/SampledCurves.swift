import KVCacheCore
import KVCacheInput

/// How a curve is sampled (MODEL 5.11): a fixed rate, or a fixed number of prefix trees.
public enum SpatialSampling: Sendable, Equatable, CustomStringConvertible {
    /// Keep the blocks whose hash is below `rate x 2^64`.
    case rate(Double)
    /// Keep the `size` blocks with the smallest hashes (SHARDS's fixed-size form, with the
    /// threshold chosen in a first pass rather than lowered on the way).
    case size(Int)

    public var description: String {
        switch self {
        case .rate(let r): "rate \(r)"
        case .size(let s): "size \(s)"
        }
    }
}

/// Sampled miss-ratio curves (MODEL 5.11): SHARDS (Waldspurger, Park, Garthwaite and Ahmad,
/// "Efficient MRC construction with SHARDS", FAST 2015) for the stack policies and spatially
/// sampled miniature caches (MiniSim, Waldspurger et al., USENIX ATC 2017) for the others, both
/// from one sampled trace: the accesses to blocks whose hash falls below the threshold
/// (`Trace.sampledByKey`), every curve computed exactly on the sample at the capacities
/// scaled by the rate `R` (interpolated between the whole sizes around `C x R`), and hits and hit
/// tokens are scaled by `1 / R`, with the SHARDS-adj
/// correction (the difference between the expected and the actual number of sampled accesses,
/// and tokens, counts as hits at every capacity). The bound is not sampled. Prefix hits are taken over each request's
/// sampled blocks, an approximation: sampling whole prefix trees by their root fails on traces
/// whose requests share one root (Mooncake's system prompt), so the error is measured instead.
///
/// Cost: one hashing pass plus the exact computation on about `R x N` accesses.
public enum SampledCurves {
    /// The sampled trace and the rate it stands for.
    public static func sample(_ trace: Trace, _ sampling: SpatialSampling, seed: UInt64) -> (trace: Trace, rate: Double) {
        let threshold: UInt64
        switch sampling {
        case .rate(let r):
            threshold = r >= 1 ? UInt64.max : UInt64(r * 18_446_744_073_709_551_616.0)
        case .size(let s):
            var hashes = trace.blockHashes(seed: seed)
            if s >= hashes.count {
                threshold = UInt64.max
            } else {
                hashes.sort()
                threshold = hashes[s]  // exactly `s` roots lie below it
            }
        }
        let rate = threshold == UInt64.max ? 1 : Double(threshold) / 18_446_744_073_709_551_616.0
        return (trace.sampledByKey(threshold: threshold, seed: seed), rate)
    }

    public static func compute(_ trace: Trace, policies: [PolicySpec], capacities: [Int], blockBytes: Int,
                               sampling: SpatialSampling, seed: UInt64 = 0) async -> CurveSet {
        let (sample, rate) = Self.sample(trace, sampling, seed: seed)
        // A capacity C stands for C x R blocks of the sample: hits there are interpolated
        // between the whole sizes around it (SHARDS scales distances instead; the same thing).
        let scaled = capacities.map { Double($0) * rate }
        let around = scaled.flatMap { [Int($0.rounded(.down)), Int($0.rounded(.up))] }
        let sampleCapacities = Array(Set(around.filter { $0 >= 1 })).sorted()
        let small = sampleCapacities.isEmpty ? nil
            : await CurveSet.compute(sample, policies: policies, capacities: sampleCapacities, blockBytes: blockBytes, bound: false)
        let accesses = trace.measuredAccessCount, tokens = trace.measuredInputTokens
        // SHARDS-adj: what the sample over- or under-represents counts as hits everywhere.
        let missingAccesses = Double(accesses) * rate - Double(sample.measuredAccessCount)
        let missingTokens = Double(tokens) * rate - Double(sample.measuredInputTokens)
        var curves: [MissRatioCurve] = []
        for policy in policies {
            for semantics in HitSemantics.allCases {
                let curve = small?.curves.first { $0.policy == policy && $0.semantics == semantics }
                func at(_ c: Int) -> (Double, Double) {
                    guard c >= 1, let p = curve?.points.first(where: { $0.capacityBlocks == c }) else { return (0, 0) }
                    return (Double(p.hits), Double(p.hitTokens))
                }
                let points = zip(capacities, scaled).map { c, x -> MissRatioCurve.Point in
                    let lo = Int(x.rounded(.down)), f = x - Double(lo)
                    let (h0, t0) = at(lo), (h1, t1) = at(lo + 1)
                    let hitsSample = h0 + f * (h1 - h0), tokensSample = t0 + f * (t1 - t0)
                    guard hitsSample > 0 else { return .init(capacityBlocks: c, hits: 0, hitTokens: 0) }
                    let hits = ((hitsSample + missingAccesses) / rate).rounded()
                    let hitTokens = ((tokensSample + missingTokens) / rate).rounded()
                    return .init(capacityBlocks: c, hits: Int(min(Double(accesses), max(0, hits))),
                                 hitTokens: Int(min(Double(tokens), max(0, hitTokens))))
                }
                let compulsory = Int((Double(curve?.compulsoryMisses ?? 0) / rate).rounded())
                curves.append(MissRatioCurve(policy: policy, semantics: semantics, method: .sampled, accesses: accesses,
                                             inputTokens: tokens, compulsoryMisses: min(accesses, compulsory), points: points))
            }
        }
        var set = CurveSet(curves: curves, bound: nil, profiles: [], capacities: capacities, blockBytes: blockBytes,
                           uniqueBlocks: trace.uniqueBlocks)
        set.sampleRate = rate
        return set
    }
}

extension CurveSet {
    /// The curves a config's analysis asks for: sampled (MODEL 5.11) when it names a sampling,
    /// else exact and simulated with the upper bound. The one place `mrc` and `report` choose.
    public static func compute(_ trace: Trace, policies: [PolicySpec], capacities: [Int], blockBytes: Int,
                               analysis: AnalysisConfig, seed: UInt64) async -> CurveSet {
        if let sampling = analysis.sampling {
            return await SampledCurves.compute(trace, policies: policies, capacities: capacities, blockBytes: blockBytes,
                                               sampling: sampling, seed: seed)
        }
        return await compute(trace, policies: policies, capacities: capacities, blockBytes: blockBytes)
    }
}

extension AnalysisConfig {
    /// The configured sampling, if any.
    public var sampling: SpatialSampling? {
        if let r = sampleRate { return .rate(r) }
        if let s = sampleSize { return .size(s) }
        return nil
    }
}
