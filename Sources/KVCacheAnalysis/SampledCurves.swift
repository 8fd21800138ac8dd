import KVCacheCore
import KVCacheInput

/// Sampled miss-ratio curves (MODEL 5.11): SHARDS (Waldspurger, Park, Garthwaite and Ahmad,
/// "Efficient MRC construction with SHARDS", FAST 2015) for the stack policies and spatially
/// sampled miniature caches (MiniSim, Waldspurger et al., USENIX ATC 2017) for the others, both
/// from one sampled trace: the accesses to blocks whose hash falls below `R x 2^64`
/// (`Trace.sampledByKey`, or `SampledIdStream` before interning), every curve computed exactly
/// on the sample at the whole sizes around the scaled capacity `C x R` and interpolated
/// linearly between them (0 hits at size 0), with SHARDS-adj: the difference between the
/// expected `R x N` sampled accesses (and tokens) and the actual ones is added to the hits at
/// every sample size of at least one block (the first histogram bucket, the smallest
/// distance), then hits are scaled by `1 / R`. The bound is not sampled. Prefix hits are taken
/// over each request's sampled blocks, an approximation: sampling whole prefix trees by their
/// root fails on traces whose requests share one root (Mooncake's system prompt). The error is
/// measured on the run (`SampledError`: the spread between `errorSlices` independent hash
/// slices of the sample).
///
/// Cost: one hashing pass plus about twice the exact computation on the `R x N` sampled accesses.
public enum SampledCurves {
    /// Independent hash slices of the sample whose spread gives the error estimate.
    public static let errorSlices = 8

    /// The hash threshold that keeps a fraction `rate` of the keys.
    public static func threshold(rate: Double) -> UInt64 {
        rate >= 1 ? UInt64.max : UInt64(max(0, rate) * 18_446_744_073_709_551_616.0)
    }

    /// The rate a threshold stands for.
    public static func rate(threshold: UInt64) -> Double {
        threshold == UInt64.max ? 1 : Double(threshold) / 18_446_744_073_709_551_616.0
    }

    /// The sampled trace, the rate it stands for and each sampled block's hash.
    public static func sample(_ trace: Trace, _ sampling: SpatialSampling, seed: UInt64) -> (trace: Trace, rate: Double, threshold: UInt64, hashes: [UInt64]) {
        let threshold: UInt64
        switch sampling {
        case .rate(let r):
            threshold = Self.threshold(rate: r)
        case .size(let s):
            var hashes = trace.blockHashes(seed: seed)
            if s >= hashes.count {
                threshold = UInt64.max
            } else {
                hashes.sort()
                threshold = hashes[s]  // exactly `s` blocks lie below it
            }
        }
        let (sample, originals) = trace.sampledByKey { Trace.samplingHash($0, seed: seed) < threshold }
        return (sample, rate(threshold: threshold), threshold, originals.map { Trace.samplingHash($0, seed: seed) })
    }

    public static func compute(_ trace: Trace, policies: [PolicySpec], capacities: [Int], blockBytes: Int,
                               sampling: SpatialSampling, seed: UInt64 = 0) async -> CurveSet {
        let s = Self.sample(trace, sampling, seed: seed)
        return await compute(sample: s.trace, hashes: s.hashes, threshold: s.threshold, accesses: trace.measuredAccessCount,
                             inputTokens: trace.measuredInputTokens, uniqueBlocks: trace.uniqueBlocks,
                             policies: policies, capacities: capacities, blockBytes: blockBytes)
    }

    /// Curves from an already drawn sample: `hashes[i]` is sampled block i's hash (all below
    /// `threshold`); `accesses` and `inputTokens` are the whole trace's measured ones.
    public static func compute(sample: Trace, hashes: [UInt64], threshold: UInt64, accesses: Int, inputTokens: Int,
                               uniqueBlocks: Int, policies: [PolicySpec], capacities: [Int], blockBytes: Int) async -> CurveSet {
        let rate = Self.rate(threshold: threshold)
        let full = await scaled(sample, rate: rate, accesses: accesses, inputTokens: inputTokens, policies: policies, capacities: capacities, blockBytes: blockBytes)
        // The error slices: hash ranges of equal width inside [0, threshold).
        let k = errorSlices
        let width = max(1, threshold / UInt64(k))
        var sliceCurves: [[MissRatioCurve]] = []
        for slice in 0 ..< k {
            let (part, _) = sample.sampledByKey { id in
                let i = Int(id)
                return i < hashes.count && min(k - 1, Int(hashes[i] / width)) == slice
            }
            sliceCurves.append(await scaled(part, rate: rate / Double(k), accesses: accesses, inputTokens: inputTokens,
                                            policies: policies, capacities: capacities, blockBytes: blockBytes))
        }
        let usable = capacities.map { Double($0) * rate / Double(k) >= 1 }
        var set = CurveSet(curves: full, bound: nil, profiles: [], capacities: capacities, blockBytes: blockBytes, uniqueBlocks: uniqueBlocks)
        set.sampleRate = rate
        set.sampledError = SampledError.measure(full: full, slices: sliceCurves, usable: usable)
        return set
    }

    /// Every policy's curves on `sample` scaled back by `rate` to `accesses` (MODEL 5.11).
    static func scaled(_ sample: Trace, rate: Double, accesses: Int, inputTokens: Int, policies: [PolicySpec],
                       capacities: [Int], blockBytes: Int) async -> [MissRatioCurve] {
        // A capacity C stands for C x R blocks of the sample: hits there are interpolated
        // between the whole sizes around it (SHARDS scales distances instead; the same thing).
        let scaled = capacities.map { Double($0) * rate }
        let around = scaled.flatMap { [Int($0.rounded(.down)), Int($0.rounded(.up))] }
        let sampleCapacities = Array(Set(around.filter { $0 >= 1 })).sorted()
        let small = sampleCapacities.isEmpty || sample.requestCount == 0 ? nil
            : await CurveSet.compute(sample, policies: policies, capacities: sampleCapacities, blockBytes: blockBytes, bound: false)
        // SHARDS-adj: what the sample over- or under-represents goes to the smallest distance.
        let missingAccesses = Double(accesses) * rate - Double(sample.requestCount == 0 ? 0 : sample.measuredAccessCount)
        let missingTokens = Double(inputTokens) * rate - Double(sample.requestCount == 0 ? 0 : sample.measuredInputTokens)
        var curves: [MissRatioCurve] = []
        for policy in policies {
            for semantics in HitSemantics.allCases {
                let curve = small?.curves.first { $0.policy == policy && $0.semantics == semantics }
                var byCapacity: [Int: MissRatioCurve.Point] = [:]
                for p in curve?.points ?? [] { byCapacity[p.capacityBlocks] = p }
                /// Adjusted sample hits and tokens at a whole sample size (0 at size 0).
                func at(_ c: Int) -> (Double, Double) {
                    guard c >= 1 else { return (0, 0) }
                    let p = byCapacity[c]
                    return (Double(p?.hits ?? 0) + missingAccesses, Double(p?.hitTokens ?? 0) + missingTokens)
                }
                let points = zip(capacities, scaled).map { c, x -> MissRatioCurve.Point in
                    let lo = Int(x.rounded(.down)), f = x - Double(lo)
                    let (h0, t0) = at(lo), (h1, t1) = f > 0 ? at(lo + 1) : (h0, t0)
                    let hits = ((h0 + f * (h1 - h0)) / rate).rounded()
                    let hitTokens = ((t0 + f * (t1 - t0)) / rate).rounded()
                    return .init(capacityBlocks: c, hits: Int(min(Double(accesses), max(0, hits))),
                                 hitTokens: Int(min(Double(inputTokens), max(0, hitTokens))))
                }
                let compulsory = Int(min(Double(accesses), (Double(curve?.compulsoryMisses ?? 0) / rate).rounded()))
                curves.append(MissRatioCurve(policy: policy, semantics: semantics, method: .sampled, accesses: accesses,
                                             inputTokens: inputTokens, compulsoryMisses: compulsory, points: points))
            }
        }
        return curves
    }
}

extension CurveSet {
    /// The curves a config's analysis asks for: sampled (MODEL 5.11) when it names a sampling,
    /// else exact and simulated with the upper bound (unless `bound` is false). The one place
    /// `mrc` and `report` choose.
    public static func compute(_ trace: Trace, policies: [PolicySpec], capacities: [Int], blockBytes: Int,
                               analysis: AnalysisConfig, seed: UInt64, bound: Bool = true) async -> CurveSet {
        if let sampling = analysis.sampling {
            return await SampledCurves.compute(trace, policies: policies, capacities: capacities, blockBytes: blockBytes,
                                               sampling: sampling, seed: seed)
        }
        return await compute(trace, policies: policies, capacities: capacities, blockBytes: blockBytes, bound: bound)
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
