import KVCacheCore
import KVCacheStats

/// A length law for synthetic workloads (MODEL 7.2): a continuous `Distribution`, drawn,
/// rounded to the nearest integer and redrawn while outside `[minLength, maxLength]`.
public struct LengthLaw: Sendable, Equatable {
    public var distribution: Distribution
    public var minLength: Int = 1
    public var maxLength: Int?

    public init(_ distribution: Distribution, minLength: Int = 1, maxLength: Int? = nil) {
        self.distribution = distribution
        self.minLength = minLength
        self.maxLength = maxLength
    }

    /// Redraws at most this many times, then fails loudly (a law with almost no mass inside the
    /// bounds is a config mistake, caught by `validate`, not a reason to loop forever).
    static let maxRedraws = 100_000

    /// One length (MODEL 7.2). Returns nil when `maxRedraws` draws all fell outside the bounds.
    public func draw(_ random: RandomSource) -> Int? {
        let upper = Double(maxLength ?? Int(Int32.max))
        for _ in 0 ..< Self.maxRedraws {
            let x = distribution.sample(random).rounded(.toNearestOrAwayFromZero)
            if x >= Double(minLength), x <= upper { return Int(x) }
        }
        return nil
    }

    static let keys = ["dist", "value", "min", "max", "mean", "std", "mu", "sigma", "shape", "scale", "weight", "mu1", "sigma1", "mu2", "sigma2",
                       "min_length", "max_length"]

    /// Parses `{dist: lognormal, mu: 7, sigma: 0.9, min_length: 1, max_length: 32768}`.
    init(_ m: ConfigMap) throws {
        let kind = try m.string("dist") ?? "fixed"
        func need(_ key: String) throws -> Double {
            guard let v = try m.double(key) else { throw m.error(key, "required for dist \(kind)") }
            return v
        }
        let used: [String]
        switch kind {
        case "fixed":
            distribution = .fixed(value: try need("value")); used = ["value"]
        case "uniform":
            distribution = .uniform(min: try need("min"), max: try need("max")); used = ["min", "max"]
        case "normal":
            distribution = .normal(mean: try need("mean"), sd: try need("std")); used = ["mean", "std"]
        case "lognormal":
            // `mu` is the mean of log(length); `mean` is accepted as numpy's name for the same thing.
            let muKey = m.has("mu") ? "mu" : "mean"
            distribution = .lognormal(mu: try need(muKey), sigma: try need("sigma")); used = [muKey, "sigma"]
        case "gamma":
            distribution = .gamma(shape: try need("shape"), scale: try need("scale")); used = ["shape", "scale"]
        case "weibull":
            distribution = .weibull(shape: try need("shape"), scale: try need("scale")); used = ["shape", "scale"]
        case "exponential":
            let key = m.has("scale") ? "scale" : "mean"
            distribution = .exponential(mean: try need(key)); used = [key]
        case "lognormal_mixture":
            distribution = .lognormalMixture(weight: try need("weight"), mu1: try need("mu1"), sigma1: try need("sigma1"),
                                             mu2: try need("mu2"), sigma2: try need("sigma2"))
            used = ["weight", "mu1", "sigma1", "mu2", "sigma2"]
        default:
            throw m.error("dist", Suggestion.notOneOf(kind, ["fixed", "uniform", "normal", "lognormal", "gamma", "weibull", "exponential", "lognormal_mixture"]))
        }
        for key in ["value", "min", "max", "mean", "std", "mu", "sigma", "shape", "scale", "weight", "mu1", "sigma1", "mu2", "sigma2"] where m.has(key) && !used.contains(key) {
            throw m.error(key, "does not apply to dist \(kind) (it takes \(used.joined(separator: ", ")))")
        }
        if let message = distribution.invalidParameterMessage { throw m.error("dist", message) }
        if let v = try m.int("min_length") {
            guard v >= 0 else { throw m.error("min_length", "must not be negative") }
            minLength = v
        }
        if let v = try m.int("max_length") {
            guard v >= minLength, v >= 1 else { throw m.error("max_length", "must be at least min_length and 1") }
            maxLength = v
        }
    }

    /// The law as a config mapping's lines (for resolved configs and `fit --emit-config`).
    public func yamlLines() -> [(String, String)] {
        var lines: [(String, String)] = [("dist", distribution.familyName)]
        switch distribution {
        case .fixed(let v): lines.append(("value", YAMLText.number(v)))
        case .uniform(let a, let b): lines += [("min", YAMLText.number(a)), ("max", YAMLText.number(b))]
        case .normal(let m, let s): lines += [("mean", YAMLText.number(m)), ("std", YAMLText.number(s))]
        case .lognormal(let mu, let s): lines += [("mu", YAMLText.number(mu)), ("sigma", YAMLText.number(s))]
        case .gamma(let a, let s), .weibull(let a, let s): lines += [("shape", YAMLText.number(a)), ("scale", YAMLText.number(s))]
        case .exponential(let m): lines.append(("mean", YAMLText.number(m)))
        case .lognormalMixture(let w, let mu1, let s1, let mu2, let s2):
            lines += [("weight", YAMLText.number(w)), ("mu1", YAMLText.number(mu1)), ("sigma1", YAMLText.number(s1)),
                      ("mu2", YAMLText.number(mu2)), ("sigma2", YAMLText.number(s2))]
        }
        lines.append(("min_length", String(minLength)))
        if let maxLength { lines.append(("max_length", String(maxLength))) }
        return lines
    }
}
