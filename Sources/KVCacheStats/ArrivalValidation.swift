/// The verdict on synthetic inter-arrival gaps against exponential(mean) (Poisson arrivals),
/// from `SyntheticValidation.interArrivals`: a continuous one-sample KS test, passing at
/// level `alpha` when p >= alpha.
public struct ArrivalValidation: Sendable, Equatable {
    public let mean: Double
    public let alpha: Double
    public let ks: KSTestResult
    public var passed: Bool { ks.passes(alpha: alpha) }

    public init(mean: Double, alpha: Double, ks: KSTestResult) {
        self.mean = mean
        self.alpha = alpha
        self.ks = ks
    }
}
