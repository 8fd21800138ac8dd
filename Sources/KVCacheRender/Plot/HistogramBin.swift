/// One bar of a `DensityHistogramChart`: the interval [lower, upper) and the bar's height
/// (usually a density, so that bars and fitted densities share the y-axis).
public struct HistogramBin: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public var height: Double

    public init(lower: Double, upper: Double, height: Double) {
        self.lower = lower
        self.upper = upper
        self.height = height
    }
}
