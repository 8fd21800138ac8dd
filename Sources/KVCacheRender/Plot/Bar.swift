/// One bar of a `BarChart`: a category's label and its value.
public struct Bar: Sendable, Equatable {
    public var label: String
    public var value: Double

    public init(label: String, value: Double) {
        self.label = label
        self.value = value
    }

    /// The label of power-of-two bin `k`, which holds the integers 2^k … 2^(k+1) − 1:
    /// "1", "2-3", "4-7", …, "1,024-2,047".
    public static func log2BinLabel(_ k: Int) -> String {
        precondition(k >= 0 && k < 62, "log2 bin index out of range")
        let low = 1 << k
        if k == 0 { return "1" }
        return Formatting.thousands(low) + "-" + Formatting.thousands(2 * low - 1)
    }

    /// Bars for a power-of-two histogram: `counts[k]` is the number of values in bin k.
    public static func log2Bins<T: BinaryInteger>(_ counts: [T]) -> [Bar] {
        counts.enumerated().map { Bar(label: log2BinLabel($0.offset), value: Double($0.element)) }
    }
}
