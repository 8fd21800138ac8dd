/// A policy with its parameters (MODEL 4), parsed once from the config or the command line and
/// carried by every run, curve and report row. Written as `name` or `name(key=value,...)`, e.g.
/// `s3fifo(small_ratio=0.2)`; parameters left out take their defaults, and the canonical
/// text (`description`) names only those that differ from the default.
public enum PolicySpec: Hashable, Sendable, CustomStringConvertible {
    case lru
    case prefixLRU
    case lfu
    case fifo
    case clock
    case sieve
    case s3fifo(smallRatio: Double, ghostRatio: Double, moveToMainThreshold: Int)
    case arc
    /// `l1Share`: the part of each capacity given to L1 (the rest is L2).
    case hierarchicalLRU(l1Share: Double)
    case belady
    case beladyBypass
    case radixLRU
    case radixBelady

    /// libCacheSim's S3-FIFO defaults.
    public static let s3fifoDefault = PolicySpec.s3fifo(smallRatio: 0.1, ghostRatio: 0.9, moveToMainThreshold: 2)
    public static let hierarchicalLRUDefault = PolicySpec.hierarchicalLRU(l1Share: 0.5)

    /// The policy with its default parameters.
    public init(_ kind: PolicyKind) {
        switch kind {
        case .lru: self = .lru
        case .prefixLRU: self = .prefixLRU
        case .lfu: self = .lfu
        case .fifo: self = .fifo
        case .clock: self = .clock
        case .sieve: self = .sieve
        case .s3fifo: self = Self.s3fifoDefault
        case .arc: self = .arc
        case .hierarchicalLRU: self = Self.hierarchicalLRUDefault
        case .belady: self = .belady
        case .beladyBypass: self = .beladyBypass
        case .radixLRU: self = .radixLRU
        case .radixBelady: self = .radixBelady
        }
    }

    public var kind: PolicyKind {
        switch self {
        case .lru: .lru
        case .prefixLRU: .prefixLRU
        case .lfu: .lfu
        case .fifo: .fifo
        case .clock: .clock
        case .sieve: .sieve
        case .s3fifo: .s3fifo
        case .arc: .arc
        case .hierarchicalLRU: .hierarchicalLRU
        case .belady: .belady
        case .beladyBypass: .beladyBypass
        case .radixLRU: .radixLRU
        case .radixBelady: .radixBelady
        }
    }

    public var name: String { kind.rawValue }
    public var hasOnePassCurve: Bool { kind.hasOnePassCurve }

    /// Every parameter with its value, in a fixed order.
    public var parameters: [(key: String, value: Double)] {
        switch self {
        case .s3fifo(let small, let ghost, let threshold):
            [("small_ratio", small), ("ghost_ratio", ghost), ("move_to_main_threshold", Double(threshold))]
        case .hierarchicalLRU(let share): [("l1_share", share)]
        default: []
        }
    }

    /// `name`, or `name(key=value,...)` with the parameters that differ from the defaults.
    public var description: String {
        let defaults = PolicySpec(kind).parameters
        let changed = zip(parameters, defaults).filter { $0.0.value != $0.1.value }.map { "\($0.0.key)=\(Self.format($0.0.value))" }
        return changed.isEmpty ? name : "\(name)(\(changed.joined(separator: ",")))"
    }

    /// Shortest decimal text of a parameter (`0.1`, `2`).
    static func format(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        return "\(v)"
    }

    /// Capacity per tier for a run of `capacity` blocks: one tier, except `hierarchical_lru`,
    /// whose L1 gets `round(capacity x l1_share)` blocks (at least 1, leaving at least 1 for L2;
    /// a capacity of 1 is L1 alone).
    public func tierCapacities(total capacity: Int) -> [Int] {
        guard case .hierarchicalLRU(let share) = self, capacity >= 2 else { return [capacity] }
        let l1 = Swift.max(1, Swift.min(capacity - 1, Int((Double(capacity) * share).rounded())))
        return [l1, capacity - l1]
    }

    /// Splits `a,b(x=1,y=2),c` at the commas outside parentheses, trimming whitespace.
    public static func splitList(_ text: String) -> [String] {
        var items: [String] = [], current = "", depth = 0
        for ch in text {
            if ch == "(" { depth += 1 } else if ch == ")" { depth -= 1 }
            if ch == ",", depth <= 0 {
                items.append(current)
                current = ""
            } else if !ch.isWhitespace {
                current.append(ch)
            }
        }
        items.append(current)
        return items.filter { !$0.isEmpty }
    }

    /// Parses `name` or `name(key=value,...)`; unknown names and keys suggest the nearest.
    public static func parse(_ text: String) throws(PolicySpecError) -> PolicySpec {
        let trimmed = String(text.filter { !$0.isWhitespace })
        var name = Substring(trimmed)
        var arguments: Substring = ""
        if let open = trimmed.firstIndex(of: "(") {
            guard trimmed.hasSuffix(")") else { throw PolicySpecError("'\(text)': missing ')'") }
            name = trimmed[..<open]
            arguments = trimmed[trimmed.index(after: open) ..< trimmed.index(before: trimmed.endIndex)]
        }
        guard let kind = PolicyKind(rawValue: String(name)) else {
            throw PolicySpecError(Suggestion.notOneOf(String(name), PolicyKind.allCases.map(\.rawValue), what: "policy"))
        }
        var values: [String: Double] = [:]
        for pair in arguments.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let v = Double(parts[1]), v.isFinite else {
                throw PolicySpecError("'\(text)': expected key=number, got '\(pair)'")
            }
            values[parts[0]] = v
        }
        return try PolicySpec(kind, parameters: values)
    }

    /// The policy `kind` with `values` overriding its default parameters; unknown keys and
    /// out-of-range values are errors naming the key.
    public init(_ kind: PolicyKind, parameters values: [String: Double]) throws(PolicySpecError) {
        let defaults = PolicySpec(kind).parameters
        let known = defaults.map(\.key)
        for key in values.keys.sorted() where !known.contains(key) {
            let hint = known.isEmpty ? "\(kind.rawValue) takes no parameters" : Suggestion.notOneOf(key, known, what: "parameter of \(kind.rawValue)")
            throw PolicySpecError("\(kind.rawValue): unknown parameter '\(key)'; " + hint)
        }
        func value(_ key: String) -> Double { values[key] ?? defaults.first { $0.key == key }?.value ?? 0 }
        func fraction(_ key: String, open: Bool) throws(PolicySpecError) -> Double {
            let v = value(key)
            guard v > 0, open ? v < 1 : v <= 1 else {
                throw PolicySpecError("\(kind.rawValue): \(key) must be in (0, \(open ? "1)" : "1]"), got \(Self.format(v))")
            }
            return v
        }
        switch kind {
        case .s3fifo:
            let threshold = value("move_to_main_threshold")
            guard threshold >= 1, threshold <= 255, threshold == threshold.rounded() else {
                throw PolicySpecError("s3fifo: move_to_main_threshold must be a whole number of accesses from 1 to 255, got \(Self.format(threshold))")
            }
            self = .s3fifo(smallRatio: try fraction("small_ratio", open: true), ghostRatio: try fraction("ghost_ratio", open: false),
                           moveToMainThreshold: Int(threshold))
        case .hierarchicalLRU:
            self = .hierarchicalLRU(l1Share: try fraction("l1_share", open: true))
        default:
            self = PolicySpec(kind)
        }
    }
}

/// A policy text that does not name a policy, or a bad parameter.
public struct PolicySpecError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
