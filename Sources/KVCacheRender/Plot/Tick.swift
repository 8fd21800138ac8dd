/// A tick on an axis: a position, perhaps a label, and how prominent it is.
public struct Tick: Sendable, Equatable {
    public var value: Double
    /// nil for a minor tick (a short mark and a faint grid line, no text).
    public var label: String?
    /// 0 for the most prominent ticks (every linear tick, decades on a log axis), 1 for 2× and
    /// 5× a decade, 2 for the other multiples. When labels would collide, the least prominent
    /// lose their labels first.
    public var prominence: Int

    public init(value: Double, label: String?, prominence: Int = 0) {
        self.value = value
        self.label = label
        self.prominence = prominence
    }

    public var isLabelled: Bool { label != nil }
}
