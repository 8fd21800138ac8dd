import Foundation

/// How values are placed along an axis.
public enum AxisScale: Sendable, Equatable, CaseIterable {
    /// Equal distances for equal differences.
    case linear
    /// Equal distances for equal ratios; only positive values can be shown.
    case log10

    /// Whether `value` can be drawn on this scale: finite, and positive on a log scale.
    public func canShow(_ value: Double) -> Bool {
        switch self {
        case .linear: value.isFinite
        case .log10: value.isFinite && value > 0
        }
    }

    /// The value in the scale's own linear space (itself, or its base-10 logarithm).
    func transformed(_ value: Double) -> Double {
        switch self {
        case .linear: value
        case .log10: Foundation.log10(value)
        }
    }

    /// `log10` when `values` are all positive and span more than `decades` decades (largest over
    /// smallest above 10^decades), else `linear`: a log axis where the data span decades.
    public static func suggested(for values: [Double], decades: Double = 2) -> AxisScale {
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max(), lo > 0 else { return .linear }
        return hi / lo > Foundation.pow(10, decades) ? .log10 : .linear
    }
}
