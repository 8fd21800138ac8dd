import KVCacheCore
/// What a reader needs to know besides its input.
public struct ReadOptions: Sendable {
    /// Turn malformed lines into counted `skipped_bad_line` warnings instead of errors.
    public var skipBadLines: Bool

    public init(skipBadLines: Bool = false) {
        self.skipBadLines = skipBadLines
    }
}
