/// Where requests come from: a synthetic generator (the default) or a trace file.
public enum WorkloadConfig: Sendable, Equatable {
    case synthetic(SyntheticConfig)
    case trace(TraceInput)

    public struct TraceInput: Sendable, Equatable {
        public var path: String
        public var format: TraceFormat?
        public var skipBadLines = false

        public init(path: String, format: TraceFormat? = nil, skipBadLines: Bool = false) {
            self.path = path
            self.format = format
            self.skipBadLines = skipBadLines
        }
    }

    public var isSynthetic: Bool { if case .synthetic = self { true } else { false } }
}
