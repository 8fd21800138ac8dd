import KVCacheCore
import KVCacheInput
import KVCacheStats

/// Checks that a synthetic workload's generator draws what its config says (MODEL 7.2):
/// generates the workload with the configured seed, then tests the drawn first-turn input
/// lengths and the output lengths against their truncated, discretized laws (chi-square over
/// merged bins, largest CDF gap), and the Poisson arrival gaps against the exponential law (KS).
/// Optionally compares the generated input lengths with a real trace's (two-sample KS), the
/// fit-generate-compare round trip: fit a real trace, generate from the fit, compare.
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
    /// Two-sample KS between generated and real input lengths, when a trace was given. Reported,
    /// not a pass/fail criterion: a fitted law is an approximation of the real data.
    public var comparison: KSTestResult?
    public var passed: Bool { checks.allSatisfy(\.passed) }

    public static func run(config: SimulationConfig, synthetic: SyntheticConfig, alpha: Double,
                           compareWith realTrace: Trace? = nil) throws -> WorkloadValidation {
        let output = try SyntheticGenerator(config: synthetic, blockSizeTokens: config.blockSizeTokens, seed: config.seed).generate()
        var v = WorkloadValidation()
        let checks = 2 + (synthetic.arrivalRatePerSecond != nil && output.arrivalGapsMs.count >= 2 ? 1 : 0)
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
                                  detail: "\(samples.count) draws of \(law.distribution) on [\(law.minLength), \(law.maxLength.map(String.init) ?? "inf")]: \(result.summary)"))
        }
        try lengths("sequence_length_dist", output.drawnInputLengths, synthetic.inputLength)
        try lengths("output_length_dist", output.drawnOutputLengths, synthetic.outputLength)
        if let rate = synthetic.arrivalRatePerSecond, output.arrivalGapsMs.count >= 2 {
            let result = SyntheticValidation.interArrivals(output.arrivalGapsMs, mean: 1000 / rate, alpha: perCheck)
            v.checks.append(Check(name: "arrival", passed: result.passed,
                                  detail: "\(output.arrivalGapsMs.count) gaps vs exponential(mean \(1000 / rate) ms): KS D = \(result.ks.statistic), p = \(result.ks.pValue)"))
        }
        if let realTrace {
            let real = realTrace.inputLengths.map { Double($0) }
            let generated = output.drawnInputLengths.map { Double($0) }
            if !real.isEmpty, !generated.isEmpty {
                v.comparison = KolmogorovSmirnov.twoSample(generated, real)
            }
        }
        return v
    }
}
