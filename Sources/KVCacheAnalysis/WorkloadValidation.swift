import KVCacheCore
import KVCacheInput
import KVCacheStats

/// Checks that a synthetic workload's generator draws what its config says (MODEL 7.2):
/// generates the workload with the configured seed, then tests the drawn first-turn input
/// lengths and the output lengths against their truncated, discretized laws (chi-square over
/// merged bins, largest CDF gap), and the Poisson arrival gaps against the exponential law (KS).
/// Optionally compares the generated workload with a real trace, the fit-generate-compare round
/// trip (fit a real trace, generate from the fit, compare): the input lengths by a two-sample KS
/// test, which is one of the checks, and the hit ratios of `lru` and `prefix_lru` on both traces
/// at 1%, 10% and 50% of the real trace's unique blocks, reported beside the verdict.
///
/// The verdict is stated at `alpha` for the workload as a whole: each of the k checks is tested
/// at `alpha / k` (Bonferroni), so a correct generator fails with probability at most `alpha`.
public struct WorkloadValidation: Sendable {
    public struct Check: Sendable {
        public var name: String
        public var passed: Bool
        public var detail: String
    }

    public var checks: [Check] = []
    /// The level each check is tested at (alpha / number of checks).
    public var perCheckAlpha = 0.0
    /// Two-sample KS between generated and real input lengths, when a trace was given; also a
    /// check ("compare input lengths"), so different laws fail the validation (MODEL 7.2).
    public var comparison: KSTestResult?
    /// Hit ratios of the stand-in (generated) and the real trace at the same capacities.
    public var hitComparison: [HitComparison] = []

    /// One policy at one capacity on both traces (hit ratios in the configured semantics).
    public struct HitComparison: Sendable {
        public var policy: PolicySpec
        /// The capacity as a fraction of the real trace's unique blocks, and in blocks.
        public var fraction: Double
        public var capacityBlocks: Int
        public var standIn: Double
        public var real: Double
        /// standIn - real, in hit-ratio units (0.1 = 10 points).
        public var difference: Double { standIn - real }
    }

    /// The capacities of the hit-ratio comparison, as fractions of the real trace's unique blocks.
    public static let comparedFractions = [0.01, 0.1, 0.5]
    public var passed: Bool { checks.allSatisfy(\.passed) }

    public static func run(config: SimulationConfig, synthetic: SyntheticConfig, alpha: Double,
                           compareWith realTrace: Trace? = nil) throws -> WorkloadValidation {
        let output = try SyntheticGenerator(config: synthetic, blockSizeTokens: config.blockSizeTokens, seed: config.seed).generate()
        var v = WorkloadValidation()
        let compares = realTrace.map { !$0.inputLengths.isEmpty } ?? false
        let checks = 2 + (synthetic.arrivalRatePerSecond != nil && output.arrivalGapsMs.count >= 2 ? 1 : 0) + (compares ? 1 : 0)
        let perCheck = alpha / Double(checks)
        v.perCheckAlpha = perCheck
        func lengths(_ name: String, _ samples: [Int], _ law: LengthLaw) throws {
            let discrete: DiscretizedLaw
            do {
                discrete = try DiscretizedLaw(law.distribution, minimum: law.minLength, maximum: law.maxLength)
            } catch {
                throw InputError(file: config.sourcePath, field: name, "the law \(law.distribution) cannot be validated: \(error)")
            }
            let result = SyntheticValidation.lengths(samples, law: discrete, alpha: perCheck)
            v.checks.append(Check(name: name, passed: result.passed,
                                  detail: "\(samples.count) draws of \(law.distribution.shortDescription) on [\(law.minLength), \(law.maxLength.map(String.init) ?? "inf")]: \(result.summary)"))
        }
        try lengths("sequence_length_dist", output.drawnInputLengths, synthetic.inputLength)
        try lengths("output_length_dist", output.drawnOutputLengths, synthetic.outputLength)
        if let rate = synthetic.arrivalRatePerSecond, output.arrivalGapsMs.count >= 2 {
            let result = SyntheticValidation.interArrivals(output.arrivalGapsMs, mean: 1000 / rate, alpha: perCheck)
            v.checks.append(Check(name: "arrival", passed: result.passed,
                                  detail: "\(output.arrivalGapsMs.count) gaps vs exponential(mean \(StatText.number(1000 / rate)) ms): KS D = \(StatText.number(result.ks.statistic)), p = \(StatText.number(result.ks.pValue))"))
        }
        if let realTrace {
            let real = realTrace.inputLengths.map { Double($0) }
            let generated = output.drawnInputLengths.map { Double($0) }
            if !real.isEmpty, !generated.isEmpty {
                let ks = KolmogorovSmirnov.twoSample(generated, real)
                v.comparison = ks
                v.checks.append(Check(name: "compare input lengths", passed: ks.pValue >= perCheck,
                                      detail: "\(generated.count) generated vs \(real.count) real: two-sample KS D = \(StatText.number(ks.statistic)), p = \(StatText.number(ks.pValue))\(ks.pValue >= perCheck ? "" : ": the distributions differ")"))
            }
            v.hitComparison = try compareHits(config: config, standIn: output.trace, real: realTrace)
        }
        return v
    }

    /// `lru` and `prefix_lru` on the stand-in and on the real trace, at `comparedFractions` of
    /// the real trace's unique blocks (at least one block each).
    static func compareHits(config: SimulationConfig, standIn: Trace, real: Trace) throws -> [HitComparison] {
        var out: [HitComparison] = []
        for fraction in comparedFractions {
            let blocks = max(1, Int((fraction * Double(real.uniqueBlocks)).rounded(.down)))
            for kind in [PolicyKind.lru, .prefixLRU] {
                var c = config
                c.policy = PolicySpec(kind)
                c.capacity = .blocks(blocks)
                c.l1Capacity = nil
                c.l2Capacity = nil
                let a = try SimulationRun.execute(config: c, trace: standIn).result.hitRatio(config.hitSemantics)
                let b = try SimulationRun.execute(config: c, trace: real).result.hitRatio(config.hitSemantics)
                out.append(HitComparison(policy: c.policy, fraction: fraction, capacityBlocks: blocks, standIn: a, real: b))
            }
        }
        return out
    }
}
