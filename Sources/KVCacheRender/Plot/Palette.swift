/// The fixed colours and dash patterns of every chart.
///
/// Colours are Okabe & Ito's qualitative palette ("Color Universal Design", 2008), which stays
/// distinguishable under the common colour-vision deficiencies; its yellow comes last because
/// it is faint on white. Series also get distinct dash patterns, so they can be told apart in
/// greyscale too. Every chart draws on an opaque white background, so its dark text stays
/// readable in dark themes.
public enum Palette {
    /// Blue, vermillion, bluish green, reddish purple, orange, sky blue, black, yellow.
    public static let colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

    /// Solid, dashed, dotted, dash-dot, long dash, dash-dot-dot.
    public static let dashes: [[Double]] = [[], [7, 4], [2, 3], [9, 3, 2, 3], [14, 5], [9, 3, 2, 3, 2, 3]]

    /// The stroke of the series at `index` (colours and dashes cycle independently, so the
    /// first 24 series all differ).
    public static func stroke(at index: Int) -> SeriesStroke {
        SeriesStroke(color: colors[index % colors.count], dash: dashes[index % dashes.count])
    }

    /// Reference lines (bounds, floors): dark grey, dashed.
    public static let reference = SeriesStroke(color: "#444444", dash: [5, 4], width: 1.5)

    /// Vertical markers (the configured capacity, targets): dark grey, long dashes.
    public static let marker = SeriesStroke(color: "#333333", dash: [10, 3, 2, 3], width: 1.25)

    static let background = "#FFFFFF"
    static let ink = "#222222"
    static let axis = "#555555"
    static let grid = "#DDDDDD"
    static let minorGrid = "#F0F0F0"
    static let bar = "#0072B2"
    static let histogramBar = "#C9C9C9"
    static let legendBorder = "#CCCCCC"
}
