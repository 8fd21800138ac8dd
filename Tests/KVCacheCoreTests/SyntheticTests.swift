import KVCacheCore
import KVCacheInput
import KVCacheRender
import Testing

/// MODEL 2.4: synthetic workloads.
@Suite struct SyntheticTests {
    static func config(_ edit: (inout SyntheticConfig) -> Void = { _ in }) -> SyntheticConfig {
        var c = SyntheticConfig()
        c.requests = 500
        c.sequences = 50
        edit(&c)
        return c
    }

    @Test func sameSeedSameRequestsOtherSeedOtherRequests() throws {
        let c = Self.config { $0.multiTurn = .init(); $0.sharedPrefix = .init(); $0.arrivalRatePerSecond = 3 }
        let a = try SyntheticGenerator(config: c, blockSizeTokens: 512, seed: 1).generate().trace
        let b = try SyntheticGenerator(config: c, blockSizeTokens: 512, seed: 1).generate().trace
        let d = try SyntheticGenerator(config: c, blockSizeTokens: 512, seed: 2).generate().trace
        #expect(TraceWriter.mooncakeJSONL(a) == TraceWriter.mooncakeJSONL(b))
        #expect(TraceWriter.mooncakeJSONL(a) != TraceWriter.mooncakeJSONL(d))
        #expect(a.requestCount == 500)
        #expect(a.timestamps?.count == 500)
    }

    // Without multi-turn, a sequence drawn again re-reads the same blocks (MODEL 2.3).
    @Test func repeatedSequencesReuseTheirBlocks() throws {
        let out = try SyntheticGenerator(config: Self.config(), blockSizeTokens: 512, seed: 3).generate()
        var firstBlocks: [Int: [Int32]] = [:]
        for r in 0 ..< out.trace.requestCount {
            let blocks = out.trace.blockRange(of: r).map { out.trace.blockIds[$0] }
            if let seen = firstBlocks[out.conversation[r]] { #expect(seen == blocks) } else { firstBlocks[out.conversation[r]] = blocks }
        }
        #expect(firstBlocks.count < 500)
    }

    // Multi-turn: turn t+1 extends turn t (its blocks start with turn t's full blocks).
    @Test func multiTurnGrowsAsPrefixChains() throws {
        let c = Self.config { $0.multiTurn = .init(maxTurns: 3, userMessage: LengthLaw(.fixed(value: 600))) }
        let out = try SyntheticGenerator(config: c, blockSizeTokens: 512, seed: 4).generate()
        var last: [Int: (blocks: [Int32], length: Int, output: Int)] = [:]
        var grew = 0
        for r in 0 ..< out.trace.requestCount {
            let blocks = out.trace.blockRange(of: r).map { out.trace.blockIds[$0] }
            let length = Int(out.trace.inputLengths[r])
            if let previous = last[out.conversation[r]] {
                #expect(length == previous.length + previous.output + 600)
                let full = previous.length / 512
                #expect(Array(blocks.prefix(full)) == Array(previous.blocks.prefix(full)))
                grew += 1
            }
            last[out.conversation[r]] = (blocks, length, Int(out.trace.outputLengths[r]))
        }
        #expect(grew > 0)
        // At most max_turns requests per conversation.
        let perConversation = Dictionary(grouping: out.conversation, by: { $0 }).mapValues(\.count)
        #expect(perConversation.values.allSatisfy { $0 <= 3 })
    }

    // Shared prefixes: sequences of one group start with the same whole blocks.
    @Test func sharedPrefixesShareWholeBlocks() throws {
        let c = Self.config { $0.sharedPrefix = .init(groups: 1, tokens: 1100, probability: 1) }
        let trace = try SyntheticGenerator(config: c, blockSizeTokens: 512, seed: 5).generate().trace
        let firsts = Set((0 ..< trace.requestCount).map { trace.blockIds[trace.blockRange(of: $0).lowerBound] })
        #expect(firsts.count == 1)
        for r in 0 ..< trace.requestCount {
            #expect(trace.inputLengths[r] > 1100)
            #expect(trace.blockIds[trace.blockRange(of: r).lowerBound + 1] == trace.blockIds[1])
        }
    }

    // MODEL 7.2: drawn lengths respect the bounds.
    @Test func lengthsStayInBounds() throws {
        let c = Self.config { $0.inputLength = LengthLaw(.normal(mean: 100, sd: 80), minLength: 50, maxLength: 120) }
        let out = try SyntheticGenerator(config: c, blockSizeTokens: 16, seed: 6).generate()
        #expect(out.drawnInputLengths.allSatisfy { $0 >= 50 && $0 <= 120 })
    }

    // A law with no mass in its bounds is an error, not an endless loop.
    @Test func impossibleLawIsAnError() {
        let c = Self.config { $0.inputLength = LengthLaw(.normal(mean: 0, sd: 1), minLength: 1000, maxLength: 1001) }
        #expect(throws: InputError.self) { try SyntheticGenerator(config: c, blockSizeTokens: 16, seed: 6).generate() }
    }
}
