/// A whole workload in memory, as flat arrays (struct of arrays): every later stage works on
/// dense integer block ids and never touches the original hashes or strings again.
///
/// Request `r` reads the blocks `blockIds[requestStarts[r] ..< requestStarts[r + 1]]`, in order
/// (MODEL 2.1); requests stay in file order. Block ids are dense, `0 ..< uniqueBlocks`, numbered
/// in order of first appearance, so a dense id also tells which distinct block was seen first.
///
/// Memory: 4 bytes per block access plus 8 bytes per request (offset, input length), none of
/// them while every request has as many blocks and the same length (`RequestColumn`, as an
/// `ids` or oracle-general trace); 4 more per request with output lengths, 8 with timestamps,
/// 2 with more than one request type, 2 with turns and 4 with lineage.
public struct Trace: Sendable {
    /// Dense block ids of all requests, concatenated.
    public internal(set) var blockIds: [Int32] = []
    /// `requestCount + 1` offsets into `blockIds` (stored only once requests differ in blocks).
    public internal(set) var requestStarts: RequestColumn = [0]
    /// Input tokens per request (stored only once requests differ in length).
    public internal(set) var inputLengths: RequestColumn = []
    /// Output tokens per request; empty when the input has none (`outputLength(of:)` reads 0).
    public internal(set) var outputLengths: [Int32] = []
    /// Arrival time per request in milliseconds, when the input has timestamps.
    public internal(set) var timestamps: [Double]? = nil
    /// Index into `requestTypeNames` per request; empty while every request has the first label
    /// (`requestType(of:)` reads 0), so unlabelled traces spend no memory on it.
    public internal(set) var requestTypes: [UInt16] = []
    /// Distinct `request_type` labels in order of first appearance (MODEL 2.1).
    public internal(set) var requestTypeNames: [String] = []
    /// Conversation turn per request (1 = the first turn), when the input has turns; empty
    /// otherwise (`turn(of:)` reads nil). A request without a turn in a trace that has them reads
    /// 0 ("unknown"); turns above 65,535 read 65,535.
    public internal(set) var turns: [UInt16] = []
    /// The request index of each request's parent (the earlier request whose conversation it
    /// continues), -1 for a root or an unknown parent, when the input has lineage (chat ids);
    /// empty otherwise (`parent(of:)` reads nil). A parent always precedes its child.
    public internal(set) var parents: [Int32] = []
    /// Number of distinct blocks.
    public internal(set) var uniqueBlocks: Int = 0
    /// Tokens per block (MODEL 1.1).
    public let blockSizeTokens: Int
    /// Whether the input carried output lengths.
    public internal(set) var hasOutputLengths = false
    /// Counted warnings (MODEL 2.1, 2.2), by kind.
    public internal(set) var warnings = WarningCounts()
    /// Where the trace came from (a file name or `synthetic`), for messages and reports.
    public let source: String
    /// The first request that is counted (MODEL 3.6): requests before it warm the cache up and
    /// are simulated, but no hit, access or token of theirs is counted anywhere. Set from a
    /// `Warmup` with `measure(from:)`; 0 counts everything.
    public private(set) var firstMeasuredRequest = 0

    public init(blockSizeTokens: Int, source: String) {
        self.blockSizeTokens = blockSizeTokens
        self.source = source
    }

    public var requestCount: Int { inputLengths.count }
    public var accessCount: Int { blockIds.count }

    /// The block range of request `r` in `blockIds`.
    @inlinable
    public func blockRange(of r: Int) -> Range<Int> {
        Int(requestStarts[r]) ..< Int(requestStarts[r + 1])
    }

    /// Tokens covered by block `k` (0-based) of request `r` (MODEL 5.5): `min(B, L - k*B)`,
    /// at least 0 (a trace may list more blocks than its input length covers, MODEL 2.2).
    @inlinable
    public func tokens(ofBlock k: Int, inRequest r: Int) -> Int {
        Self.tokens(ofBlock: k, length: Int(inputLengths[r]), blockSize: blockSizeTokens)
    }

    /// The same rule for a request of `length` tokens, for hot loops that hold raw buffers.
    @inlinable @inline(__always)
    public static func tokens(ofBlock k: Int, length: Int, blockSize: Int) -> Int {
        max(0, min(blockSize, length &- k &* blockSize))
    }

    /// Output tokens of request `r` (0 when the input has none).
    @inlinable
    public func outputLength(of r: Int) -> Int { outputLengths.isEmpty ? 0 : Int(outputLengths[r]) }

    /// The index into `requestTypeNames` of request `r`.
    @inlinable
    public func requestType(of r: Int) -> Int { requestTypes.isEmpty ? 0 : Int(requestTypes[r]) }

    /// Whether the input carried conversation turns (`turns` is then one per request).
    public var hasTurns: Bool { !turns.isEmpty }

    /// Whether the input carried lineage (`parents` is then one per request).
    public var hasLineage: Bool { !parents.isEmpty }

    /// The conversation turn of request `r` (nil when the trace has no turns, or for a request
    /// that had none in a trace that has them).
    @inlinable
    public func turn(of r: Int) -> Int? {
        guard !turns.isEmpty, turns[r] != 0 else { return nil }
        return Int(turns[r])
    }

    /// The request index of request `r`'s parent (nil for a root, an unknown parent, or a trace
    /// without lineage).
    @inlinable
    public func parent(of r: Int) -> Int? {
        guard !parents.isEmpty, parents[r] >= 0 else { return nil }
        return Int(parents[r])
    }

    /// Counts only requests from `first` on (clamped to the trace).
    public mutating func measure(from first: Int) {
        firstMeasuredRequest = max(0, min(first, requestCount))
    }

    /// The warm-up `warmup` applied to this trace.
    public mutating func measure(after warmup: Warmup) throws(WarmupError) {
        measure(from: try warmup.firstMeasuredRequest(in: self))
    }

    /// The requests that are counted.
    public var measuredRequests: Range<Int> { firstMeasuredRequest ..< requestCount }
    public var measuredRequestCount: Int { requestCount - firstMeasuredRequest }
    /// Block accesses of the counted requests.
    public var measuredAccessCount: Int { accessCount - Int(requestStarts[firstMeasuredRequest]) }
    /// Input tokens of the counted requests.
    public var measuredInputTokens: Int { inputTokens(of: measuredRequests) }

    /// Sum of input tokens over all requests.
    public var totalInputTokens: Int { inputTokens(of: 0 ..< requestCount) }

    /// Sum of input tokens over `requests` (O(1) when every request has the same length).
    public func inputTokens(of requests: Range<Int>) -> Int {
        if let length = inputLengths.commonValue { return Int(length) * requests.count }
        return inputLengths[requests].reduce(0) { $0 + Int($1) }
    }
    /// Sum of output tokens over all requests.
    public var totalOutputTokens: Int { outputLengths.reduce(0) { $0 + Int($1) } }
}
