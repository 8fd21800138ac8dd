/// The warm-up that precedes the measured requests (MODEL 3.6). The cache runs from the first
/// request, but only requests from `Trace.firstMeasuredRequest` on are counted, by every
/// command (simulate, curves, reuse, report).
///
/// Written `0.5` (a fraction of the requests: the first `floor(f x n)` are warm-up, as
/// KVCache.AI's simulator counts the last half), `6000r` (a number of requests) or `600s` /
/// `250ms` (trace time from the first request's timestamp: warm-up is every request that
/// arrives before `first + t`).
public enum Warmup: Hashable, Sendable, CustomStringConvertible {
    case none
    case fraction(Double)
    case requests(Int)
    case milliseconds(Double)

    /// Parses the forms above; `0` is no warm-up.
    public static func parse(_ text: String) throws(WarmupError) -> Warmup {
        let t = String(text.filter { !$0.isWhitespace })
        func bad(_ why: String) -> WarmupError {
            WarmupError("warmup '\(text)': \(why) (forms: 0.5 = a fraction of the requests, 6000r = requests, 600s or 250ms = trace time)")
        }
        if t.hasSuffix("ms") || t.hasSuffix("s") {
            let unit = t.hasSuffix("ms") ? 1.0 : 1000.0
            let number = t.dropLast(t.hasSuffix("ms") ? 2 : 1)
            guard let v = Double(number), v.isFinite, v >= 0 else { throw bad("the time must be a number >= 0") }
            return v == 0 ? Warmup.none : Warmup.milliseconds(v * unit)
        }
        if t.hasSuffix("r") {
            guard let n = Int(t.dropLast()), n >= 0 else { throw bad("a request count must be a whole number >= 0") }
            return n == 0 ? Warmup.none : Warmup.requests(n)
        }
        guard let f = Double(t), f.isFinite, f >= 0, f < 1 else {
            throw bad("a fraction must be in [0, 1); add 'r' for a number of requests or 's'/'ms' for time")
        }
        return f == 0 ? Warmup.none : Warmup.fraction(f)
    }

    /// The canonical text (parses back to the same value).
    public var description: String {
        switch self {
        case .none: "0"
        case .fraction(let f): Self.shortest(f)
        case .requests(let n): "\(n)r"
        case .milliseconds(let ms): ms.truncatingRemainder(dividingBy: 1000) == 0 ? "\(Self.shortest(ms / 1000))s" : "\(Self.shortest(ms))ms"
        }
    }

    private static func shortest(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)"
    }

    /// The index of the first measured request of `trace` (0 ... requestCount). A time warm-up
    /// needs timestamps.
    public func firstMeasuredRequest(in trace: Trace) throws(WarmupError) -> Int {
        let n = trace.requestCount
        switch self {
        case .none:
            return 0
        case .fraction(let f):
            return min(n, Int((f * Double(n)).rounded(.down)))
        case .requests(let k):
            return min(n, k)
        case .milliseconds(let ms):
            guard let ts = trace.timestamps, let first = ts.first else {
                throw WarmupError("warmup '\(description)' is a time, but the trace has no timestamps; give a fraction (0.5) or a number of requests (6000r)")
            }
            let end = first + ms
            // Timestamps are non-decreasing in practice; the first request at or after `end`
            // (in input order) starts the measurement.
            return ts.firstIndex { $0 >= end } ?? n
        }
    }
}

/// A warm-up text that does not parse, or a time warm-up on an untimed trace.
public struct WarmupError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
