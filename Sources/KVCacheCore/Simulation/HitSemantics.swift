/// MODEL 3.2: which present blocks count as hits.
public enum HitSemantics: String, CaseIterable, Sendable, Codable {
    /// The leading run of present blocks (the default).
    case prefix
    /// Every present block.
    case block
}
