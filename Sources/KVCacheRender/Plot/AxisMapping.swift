/// Maps data values on one axis to pixel positions: `domain.lowerBound` to `pixelStart` and
/// `domain.upperBound` to `pixelEnd`, linearly in the scale's space. For a vertical axis pass
/// the bottom as `pixelStart` (SVG's y grows downwards).
public struct AxisMapping: Sendable, Equatable {
    public let scale: AxisScale
    public let domain: ClosedRange<Double>
    public let pixelStart: Double
    public let pixelEnd: Double

    /// The domain must be finite with a positive width, and positive on a log scale.
    public init(scale: AxisScale, domain: ClosedRange<Double>, pixelStart: Double, pixelEnd: Double) {
        precondition(domain.lowerBound.isFinite && domain.upperBound.isFinite, "axis domain must be finite")
        precondition(domain.lowerBound < domain.upperBound, "axis domain must have a positive width")
        precondition(scale.canShow(domain.lowerBound), "a log axis needs a positive lower bound")
        self.scale = scale
        self.domain = domain
        self.pixelStart = pixelStart
        self.pixelEnd = pixelEnd
    }

    /// The pixel position of `value`, or nil when the scale cannot show it (NaN, infinite, or
    /// not positive on a log axis). Values outside the domain map outside the pixel range.
    public func pixel(_ value: Double) -> Double? {
        guard scale.canShow(value) else { return nil }
        let lo = scale.transformed(domain.lowerBound)
        let hi = scale.transformed(domain.upperBound)
        let t = (scale.transformed(value) - lo) / (hi - lo)
        return pixelStart + t * (pixelEnd - pixelStart)
    }

    /// The pixel position of `value` clamped into the domain first (used for bar bases).
    func clampedPixel(_ value: Double) -> Double? {
        guard scale.canShow(value) else { return nil }
        return pixel(min(max(value, domain.lowerBound), domain.upperBound))
    }
}
