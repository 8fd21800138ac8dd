import KVCacheCore
import KVCacheStats

/// Generates a synthetic workload (MODEL 2.4) from a `SyntheticConfig` and a seed. Same seed
/// and config: byte-identical requests on every run and platform (GSL's mt19937, draws in a
/// fixed order).
///
/// Each request draws a pool slot by popularity (uniform, or Zipf through GSL's alias tables).
/// An empty slot, or one whose conversation has had `max_turns` turns, starts a new conversation:
/// its first-turn length is drawn from the input law (MODEL 7.2), plus the shared system
/// prompt when it joins a prefix group. Without `multi_turn` a slot's sequence is re-read as is
/// (its blocks are reused, as in a CSV trace, MODEL 2.3); with it, turn t+1 extends turn t
/// by turn t's output plus a new user message. Blocks: the group's shared prompt blocks (whole
/// blocks only), then the conversation's own blocks `(conversation, k)`.
/// O(requests + accesses) after an O(sequences) set-up.
public struct SyntheticGenerator {
    public let config: SyntheticConfig
    public let blockSizeTokens: Int
    public let seed: UInt64

    public init(config: SyntheticConfig, blockSizeTokens: Int, seed: UInt64) {
        self.config = config
        self.blockSizeTokens = blockSizeTokens
        self.seed = seed
    }

    /// The generated workload and what its draws were, for validation (MODEL 7.2).
    public struct Output: Sendable {
        public var trace: Trace
        /// The conversation each request belongs to (a CSV `sequence_id`).
        public var conversation: [Int]
        /// First-turn lengths as drawn from the input law, before any shared prompt is added.
        public var drawnInputLengths: [Int]
        /// Output lengths as drawn.
        public var drawnOutputLengths: [Int]
        /// Gaps between arrivals in ms, when Poisson arrivals are configured.
        public var arrivalGapsMs: [Double]
    }

    private struct Slot {
        var conversation: Int
        var tokens: Int
        var lastOutput: Int
        var turns: Int
        var group: Int?
    }

    public func generate(source: String = "synthetic") throws -> Output {
        let random = RandomSource(seed: seed)
        let popularity: DiscreteSampler?
        switch config.popularity {
        case .uniform: popularity = nil
        case .zipf: popularity = try DiscreteSampler(zipfCount: config.sequences, alpha: config.zipfAlpha)
        }
        var builder = TraceBuilder(blockSizeTokens: blockSizeTokens, source: source)
        var slots = [Slot?](repeating: nil, count: config.sequences)
        var out = Output(trace: builder.trace, conversation: [], drawnInputLengths: [], drawnOutputLengths: [], arrivalGapsMs: [])
        var nextConversation = 0
        var clock = 0.0
        var raw: [UInt64] = []
        let prefixBlocks = (config.sharedPrefix?.tokens ?? 0) / blockSizeTokens

        func draw(_ law: LengthLaw, _ what: String) throws -> Int {
            guard let v = law.draw(random) else {
                throw InputError(field: what, "the length law \(law.distribution) put no draw inside [\(law.minLength), \(law.maxLength.map(String.init) ?? "inf")] in \(LengthLaw.maxRedraws) tries")
            }
            return v
        }

        for _ in 0 ..< config.requests {
            let index = popularity?.draw(random) ?? random.integer(below: config.sequences)
            var slot: Slot
            if let s = slots[index], config.multiTurn.map({ s.turns < $0.maxTurns }) ?? true {
                slot = s
                if let mt = config.multiTurn {
                    slot.tokens += slot.lastOutput + (try draw(mt.userMessage, "multi_turn.user_message_dist"))
                }
            } else {
                let length = try draw(config.inputLength, "sequence_length_dist")
                out.drawnInputLengths.append(length)
                var group: Int?
                if let sp = config.sharedPrefix, random.uniform() < sp.probability {
                    group = random.integer(below: sp.groups)
                }
                slot = Slot(conversation: nextConversation, tokens: length + (group != nil ? config.sharedPrefix?.tokens ?? 0 : 0),
                            lastOutput: 0, turns: 0, group: group)
                nextConversation += 1
            }
            let output = try draw(config.outputLength, "output_length_dist")
            out.drawnOutputLengths.append(output)
            slot.lastOutput = output
            slot.turns += 1
            slots[index] = slot

            let blocks = (slot.tokens + blockSizeTokens - 1) / blockSizeTokens
            raw.removeAll(keepingCapacity: true)
            for k in 0 ..< blocks {
                if let g = slot.group, k < prefixBlocks {
                    raw.append(1 << 62 | UInt64(g) << 24 | UInt64(k))
                } else {
                    raw.append(1 << 63 | UInt64(slot.conversation) << 24 | UInt64(k))
                }
            }
            var timestamp: Double?
            if let rate = config.arrivalRatePerSecond {
                if !out.conversation.isEmpty {
                    let gap = random.exponential(mean: 1000 / rate)
                    out.arrivalGapsMs.append(gap)
                    clock += gap
                }
                timestamp = clock
            }
            try builder.addRequest(rawIds: raw, inputLength: slot.tokens, outputLength: output, timestamp: timestamp)
            out.conversation.append(slot.conversation)
        }
        out.trace = builder.build()
        return out
    }
}
