/// Where a chart's legend goes. It is always outside the plotting area, so it never covers data.
public enum LegendPosition: Sendable, Equatable, CaseIterable {
    /// A column to the right of the plot.
    case right
    /// Rows below the x-axis title.
    case bottom
    /// No legend.
    case hidden
}
