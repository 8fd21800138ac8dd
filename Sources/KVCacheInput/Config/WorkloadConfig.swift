import KVCacheCore
/// Where requests come from: a synthetic generator (the default) or a trace file.
public enum WorkloadConfig: Sendable, Equatable {
    case synthetic(SyntheticConfig)
    case trace(TraceInput)

    public struct TraceInput: Sendable, Equatable {
        public var path: String
        public var format: TraceFormat?
        public var skipBadLines = false
        /// The path as the user wrote it (in the config or on the command line), for reports:
        /// `path` may have been resolved against the config's folder.
        public var label: String
        /// The trace's own block size in tokens, when it differs from the format's (MODEL 2.6):
        /// sessions files state theirs (64), Bailian traces use 16, the other formats
        /// `block_size_tokens`. The trace is re-blocked to `block_size_tokens`, a multiple of it.
        public var nativeBlockSizeTokens: Int?
        /// How agentic sessions are replayed (`sessions` traces only).
        public var sessions = SessionsOptions()

        public init(path: String, format: TraceFormat? = nil, skipBadLines: Bool = false, label: String? = nil) {
            self.path = path
            self.format = format
            self.skipBadLines = skipBadLines
            self.label = label ?? path
        }
    }

    public var isSynthetic: Bool { if case .synthetic = self { true } else { false } }
}
