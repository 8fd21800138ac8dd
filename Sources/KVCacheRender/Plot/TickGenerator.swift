import Foundation

/// Axis ranges and ticks at round numbers.
///
/// Linear axes step by 1, 2 or 5 times a power of ten. Log axes put labelled ticks on decades
/// with unlabelled minor ticks at 2…9 times each decade; when the axis spans few decades the 2×
/// and 5× ticks get labels too, and below one decade every multiple does.
public enum TickGenerator {
    /// A step of 1, 2 or 5 times a power of ten giving about `targetCount` intervals over `span`.
    public static func niceStep(span: Double, targetCount: Int) -> Double {
        guard span.isFinite, span > 0 else { return 1 }
        let raw = span / Double(max(1, targetCount))
        let magnitude = pow(10, floor(Foundation.log10(raw)))
        let normalized = raw / magnitude
        let factor: Double = normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10
        return factor * magnitude
    }

    /// The range the axis shows for `values` (those the scale cannot show are ignored), widened
    /// to round numbers. With no usable value: 0…1 (linear) or 1…10 (log).
    public static func niceDomain(for values: [Double], scale: AxisScale, targetCount: Int = 6) -> ClosedRange<Double> {
        let usable = values.filter(scale.canShow)
        guard var lo = usable.min(), var hi = usable.max() else {
            return scale == .linear ? 0...1 : 1...10
        }
        switch scale {
        case .linear:
            if lo == hi {
                let pad = lo == 0 ? 1 : lo.magnitude * 0.1
                lo -= pad
                hi += pad
            }
            let step = niceStep(span: hi - lo, targetCount: targetCount)
            let first = floor(lo / step + 1e-9), last = max(ceil(hi / step - 1e-9), first + 1)
            return multiple(first, of: step)...multiple(last, of: step)
        case .log10:
            if lo == hi {
                lo /= 2
                hi *= 2
            }
            return roundDown125(lo)...roundUp125(hi)
        }
    }

    /// Ticks for an axis of either scale over `domain`.
    public static func ticks(_ scale: AxisScale, in domain: ClosedRange<Double>, targetCount: Int = 6) -> [Tick] {
        switch scale {
        case .linear: linear(in: domain, targetCount: targetCount)
        case .log10: log10(in: domain)
        }
    }

    /// Ticks for a linear axis over `domain`, about `targetCount` intervals, all labelled.
    public static func linear(in domain: ClosedRange<Double>, targetCount: Int = 6) -> [Tick] {
        let step = niceStep(span: domain.upperBound - domain.lowerBound, targetCount: targetCount)
        return linear(in: domain, step: step)
    }

    static func linear(in domain: ClosedRange<Double>, step: Double) -> [Tick] {
        let first = ceil(domain.lowerBound / step - 1e-9)
        let last = floor(domain.upperBound / step + 1e-9)
        guard first <= last, last - first < 1000 else { return [] }
        let values = stride(from: first, through: last, by: 1).map { k -> Double in
            let v = multiple(k, of: step)
            return v == 0 ? 0 : v
        }
        let labels = linearLabels(values, step: step)
        return zip(values, labels).map { Tick(value: $0, label: $1, prominence: 0) }
    }

    /// Ticks for a log axis over `domain` (positive). At most `maxLabels` labels.
    public static func log10(in domain: ClosedRange<Double>, maxLabels: Int = 10) -> [Tick] {
        let lo = domain.lowerBound, hi = domain.upperBound
        guard lo > 0, hi > lo, lo.isFinite, hi.isFinite else { return [] }
        let span = Foundation.log10(hi / lo)
        let firstDecade = Int(floor(Foundation.log10(lo) + 1e-9))
        let lastDecade = Int(ceil(Foundation.log10(hi) - 1e-9))
        func inside(_ v: Double) -> Bool { v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) }

        var candidates: [(value: Double, multiple: Int, decade: Int)] = []
        for decade in firstDecade...max(firstDecade, lastDecade) {
            let base = pow(10, Double(decade))
            for m in 1...9 {
                let v = Double(m) * base
                if inside(v) { candidates.append((v, m, decade)) }
            }
        }
        let decadeCount = candidates.filter { $0.multiple == 1 }.count
        let oneTwoFiveCount = candidates.filter { [1, 2, 5].contains($0.multiple) }.count

        // Which multiples get labels.
        let labelled: Set<Int>
        var decadeStride = 1
        if decadeCount >= 2 && span > 2.2 {
            labelled = [1]
            decadeStride = max(1, Int(ceil(Double(decadeCount) / Double(max(1, maxLabels)))))
        } else if oneTwoFiveCount >= 3 || (decadeCount >= 2 && oneTwoFiveCount <= maxLabels) {
            labelled = [1, 2, 5]
        } else if candidates.count >= 2 {
            labelled = Set(1...9)
        } else {
            // Less than a multiple apart: round linear steps, placed on the log axis.
            return linear(in: domain, targetCount: 4)
        }
        let showMinor = span <= 6
        var ticks: [Tick] = []
        for c in candidates {
            let prominence = c.multiple == 1 ? 0 : (c.multiple == 2 || c.multiple == 5) ? 1 : 2
            var isLabelled = labelled.contains(c.multiple)
            if c.multiple == 1 && decadeStride > 1 {
                isLabelled = (c.decade - firstDecade) % decadeStride == 0
            }
            if isLabelled {
                ticks.append(Tick(value: c.value, label: logLabel(c.value), prominence: prominence))
            } else if showMinor || c.multiple == 1 {
                ticks.append(Tick(value: c.value, label: nil, prominence: prominence))
            }
        }
        return ticks
    }

    /// k × step, computed as k ÷ (1/step) for steps below 1 so that 3 × 0.2 gives 0.6 rather
    /// than 0.6000000000000001.
    static func multiple(_ k: Double, of step: Double) -> Double {
        if step < 1 {
            let inverse = (1 / step).rounded()
            if (1 / step - inverse).magnitude < 1e-9 * inverse { return k / inverse }
        }
        return k * step
    }

    /// The largest 1, 2 or 5 times a power of ten at or below `v` (positive).
    static func roundDown125(_ v: Double) -> Double {
        let base = pow(10, floor(Foundation.log10(v) + 1e-9))
        for m in [5.0, 2.0, 1.0] where m * base <= v * (1 + 1e-9) { return m * base }
        return base / 2
    }

    /// The smallest 1, 2 or 5 times a power of ten at or above `v` (positive).
    static func roundUp125(_ v: Double) -> Double {
        let base = pow(10, floor(Foundation.log10(v) + 1e-9))
        for m in [1.0, 2.0, 5.0, 10.0] where m * base >= v * (1 - 1e-9) { return m * base }
        return base * 10
    }

    /// Labels for evenly spaced linear ticks, all with the same number of decimals; large
    /// values in thousands ("50k"), millions ("2M"), billions ("1G") or trillions ("3T").
    static func linearLabels(_ values: [Double], step: Double) -> [String] {
        let largest = values.map(\.magnitude).max() ?? 0
        let (unit, suffix) = unitAndSuffix(forLargest: largest, step: step)
        let decimals = max(0, -Int(floor(Foundation.log10(step / unit) + 1e-9)))
        return values.map { v in
            if v == 0 { return "0" }
            let grouping = suffix.isEmpty
            return Formatting.fixed(v / unit, decimals: decimals, grouping: grouping) + suffix
        }
    }

    private static func unitAndSuffix(forLargest largest: Double, step: Double) -> (Double, String) {
        guard largest >= 10_000, largest < 1e15 else { return (1, "") }
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        for (unit, suffix) in units where largest >= unit {
            // Keep labels short: never more than one decimal in the chosen unit.
            if step / unit >= 0.1 { return (unit, suffix) }
        }
        return (1, "")
    }

    /// A label for a log tick: "0.01", "5", "2k", "100k", "1M", "1e-4".
    static func logLabel(_ v: Double) -> String {
        if v >= 1e15 || v < 1e-3 {
            let exponent = Int(floor(Foundation.log10(v) + 1e-9))
            let mantissa = Formatting.trimmingFractionZeros(Formatting.fixed(v / pow(10, Double(exponent)), decimals: 2))
            return mantissa == "1" ? "1e\(exponent)" : "\(mantissa)e\(exponent)"
        }
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        for (unit, suffix) in units where v >= unit * (1 - 1e-9) {
            return Formatting.trimmingFractionZeros(Formatting.fixed(v / unit, decimals: 3)) + suffix
        }
        let digits = DecimalDigits(v)!.rounded(significant: 6)
        return Formatting.trimmingFractionZeros(digits.fixedText(decimals: max(0, 6 - digits.pointPosition), grouping: false))
    }
}
