import KVCacheCore
/// A synthetic workload (MODEL 2.4): requests for sequences drawn from a pool with a
/// popularity law; lengths from a `LengthLaw`; optional shared system-prompt prefixes,
/// multi-turn growth and Poisson arrivals. Defaults live here and nowhere else.
public struct SyntheticConfig: Sendable, Equatable {
    public enum Popularity: String, CaseIterable, Sendable { case uniform, zipf }

    public var requests = 10_000
    public var sequences = 1_000
    public var popularity: Popularity = .zipf
    public var zipfAlpha = 0.9
    public var inputLength = LengthLaw(.lognormal(mu: 7.5, sigma: 0.8), minLength: 1, maxLength: 32_768)
    public var outputLength = LengthLaw(.fixed(value: 256), minLength: 0)
    public var sharedPrefix: SharedPrefix?
    public var multiTurn: MultiTurn?
    /// Poisson arrivals at this mean rate (requests per second); nil: no timestamps.
    public var arrivalRatePerSecond: Double?

    /// Several sequences start with the same system prompt: `groups` prompts of `tokens` tokens
    /// (whole blocks are shared), each sequence joining one (uniformly) with `probability`.
    public struct SharedPrefix: Sendable, Equatable {
        public var groups = 4
        public var tokens = 1_024
        public var probability = 1.0

        public init(groups: Int = 4, tokens: Int = 1_024, probability: Double = 1.0) {
            self.groups = groups
            self.tokens = tokens
            self.probability = probability
        }
    }

    /// Turn t+1 of a sequence extends turn t by its output plus a new user message
    /// (MODEL 2.4); after `maxTurns` turns the conversation ends and a new one takes its
    /// place in the pool.
    public struct MultiTurn: Sendable, Equatable {
        public var maxTurns = 4
        public var userMessage = LengthLaw(.lognormal(mu: 5, sigma: 0.8), minLength: 1, maxLength: 8_192)

        public init(maxTurns: Int = 4, userMessage: LengthLaw? = nil) {
            self.maxTurns = maxTurns
            if let userMessage { self.userMessage = userMessage }
        }
    }

    public init() {}

    static let keys = ["num_requests", "num_sequences", "popularity", "zipf_alpha", "sequence_length",
                       "sequence_length_dist", "output_length", "output_length_dist", "shared_prefix",
                       "multi_turn", "arrival"]

    init(_ m: ConfigMap) throws {
        if let v = try m.int("num_requests") {
            guard v >= 1 else { throw m.error("num_requests", "must be at least 1") }
            requests = v
        }
        if let v = try m.int("num_sequences") {
            guard v >= 1 else { throw m.error("num_sequences", "must be at least 1") }
            sequences = v
        }
        popularity = try m.choice("popularity", Popularity.self) ?? popularity
        if let v = try m.double("zipf_alpha") {
            guard v >= 0 else { throw m.error("zipf_alpha", "must not be negative") }
            zipfAlpha = v
        }
        if m.has("sequence_length"), m.has("sequence_length_dist") {
            throw m.error("sequence_length_dist", "give either sequence_length (fixed) or sequence_length_dist, not both")
        }
        if let v = try m.int("sequence_length") {
            guard v >= 1 else { throw m.error("sequence_length", "must be at least 1") }
            inputLength = LengthLaw(.fixed(value: Double(v)))
        }
        if let d = try m.map("sequence_length_dist", known: LengthLaw.keys) { inputLength = try LengthLaw(d) }
        if m.has("output_length"), m.has("output_length_dist") {
            throw m.error("output_length_dist", "give either output_length (fixed) or output_length_dist, not both")
        }
        if let v = try m.int("output_length") {
            guard v >= 0 else { throw m.error("output_length", "must not be negative") }
            outputLength = LengthLaw(.fixed(value: Double(v)), minLength: 0)
        }
        if let d = try m.map("output_length_dist", known: LengthLaw.keys) {
            outputLength = try LengthLaw(d)
            if !d.has("min_length") { outputLength.minLength = 0 }
        }
        if let p = try m.map("shared_prefix", known: ["num_prefixes", "prefix_length_tokens", "probability"]) {
            var s = SharedPrefix()
            if let v = try p.int("num_prefixes") {
                guard v >= 1 else { throw p.error("num_prefixes", "must be at least 1") }
                s.groups = v
            }
            if let v = try p.int("prefix_length_tokens") {
                guard v >= 1 else { throw p.error("prefix_length_tokens", "must be at least 1") }
                s.tokens = v
            }
            if let v = try p.double("probability") {
                guard v >= 0, v <= 1 else { throw p.error("probability", "must be in [0, 1]") }
                s.probability = v
            }
            sharedPrefix = s
        }
        if let t = try m.map("multi_turn", known: ["max_turns", "user_message_dist"]) {
            var mt = MultiTurn()
            if let v = try t.int("max_turns") {
                guard v >= 1 else { throw t.error("max_turns", "must be at least 1") }
                mt.maxTurns = v
            }
            if let d = try t.map("user_message_dist", known: LengthLaw.keys) { mt.userMessage = try LengthLaw(d) }
            multiTurn = mt
        }
        if let a = try m.map("arrival", known: ["process", "rate_per_s"]) {
            let process = try a.string("process") ?? "poisson"
            guard process == "poisson" else { throw a.error("process", "only 'poisson' is supported") }
            guard let rate = try a.double("rate_per_s") else { throw a.error("rate_per_s", "required for Poisson arrivals") }
            guard rate > 0 else { throw a.error("rate_per_s", "must be positive") }
            arrivalRatePerSecond = rate
        }
    }
}
