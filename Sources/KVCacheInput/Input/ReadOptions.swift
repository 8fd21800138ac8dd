import KVCacheCore
/// What a reader needs to know besides its input.
public struct ReadOptions: Sendable {
    /// Turn malformed lines into counted `skipped_bad_line` warnings instead of errors.
    public var skipBadLines: Bool
    /// The longest line a text format accepts, in bytes (default 64 MiB); a longer one is an
    /// error naming the line. (`ids` is scanned byte by byte with no line buffer, so it needs no
    /// limit.) It bounds the memory a line can take (a binary file or
    /// `/dev/zero` read as text is one endless line).
    public var maxLineBytes: Int
    /// How agentic sessions are replayed (`sessions` traces).
    public var sessions: SessionsOptions
    /// Bytes of lines per block parsed on the second thread (`ParallelLines`; `IdsReader` takes
    /// at most 1 MiB); tests make it tiny so that small inputs cross blocks.
    public var parallelBlockBytes = 4 << 20
    /// Told how far the reading of a file has come (for a progress display); nil: nobody asks.
    public var progress: ReadProgress?

    public init(skipBadLines: Bool = false, maxLineBytes: Int = 64 << 20, sessions: SessionsOptions = SessionsOptions()) {
        self.skipBadLines = skipBadLines
        self.maxLineBytes = maxLineBytes
        self.sessions = sessions
    }
}
