import KVCacheCore
import KVCacheInput
import KVCacheTestSupport
import Testing

// Re-blocking (`Trace.reblocked(factor:)`): block g of the re-blocked request is native blocks
// gk ..< (g+1)k, identified by the whole native prefix up to it; a trailing partial group is
// dropped. Checked against a naive reference and on hand cases.

/// The rule written as directly as possible: block g of a request is the array of its first
/// (g+1)k native dense ids, numbered in order of first appearance.
private func naiveReblock(_ trace: Trace, _ k: Int) -> (requests: [[Int]], unique: Int) {
    var idOfPrefix: [[Int32]: Int] = [:]
    var out: [[Int]] = []
    for r in 0 ..< trace.requestCount {
        let native = Array(trace.blockIds[trace.blockRange(of: r)])
        var blocks: [Int] = []
        var g = 0
        while (g + 1) * k <= native.count {
            let prefix = Array(native[0 ..< (g + 1) * k])
            if let id = idOfPrefix[prefix] {
                blocks.append(id)
            } else {
                idOfPrefix[prefix] = idOfPrefix.count
                blocks.append(idOfPrefix.count - 1)
            }
            g += 1
        }
        out.append(blocks)
    }
    return (out, idOfPrefix.count)
}

@Suite struct ReblockingTests {
    // k >= 2 (k = 1 keeps the native ids as given, which need not be prefix identities).
    @Test(arguments: [2, 3, 4, 7])
    func matchesTheNaiveReferenceOnRandomPrefixTraces(k: Int) throws {
        for seed in UInt64(1) ... 12 {
            let trace = TraceFixture.random(seed: seed &* 7919 &+ UInt64(k), requests: 300, universe: 40,
                                            maxBlocks: 24, prefixChains: seed % 4 != 0, allowRepeats: seed % 3 == 0)
            let re = try trace.reblocked(factor: k)
            let expected = naiveReblock(trace, k)
            #expect(TraceFixture.requests(of: re) == expected.requests, "seed \(seed)")
            #expect(re.uniqueBlocks == expected.unique, "seed \(seed)")
            #expect(re.blockSizeTokens == k * trace.blockSizeTokens)
            #expect(re.requestCount == trace.requestCount)
            #expect(re.inputLengths == trace.inputLengths)
            // The dense ids stay dense and in order of first appearance.
            var next: Int32 = 0
            for id in re.blockIds where id >= next {
                #expect(id == next)
                next += 1
            }
        }
    }

    @Test func factorOneIsTheSameTrace() throws {
        // Ids as given, even where they are not prefix identities (id 2 after 1 and after 9).
        let hand = TraceFixture.make([[1, 2], [9, 2]])
        #expect(TraceFixture.requests(of: try hand.reblocked(factor: 1)) == [[0, 1], [2, 1]])
        let trace = TraceFixture.random(seed: 5, requests: 100, universe: 30, maxBlocks: 10)
        let re = try trace.reblocked(factor: 1)
        #expect(re.blockIds == trace.blockIds)
        #expect(re.requestStarts == trace.requestStarts)
        #expect(re.uniqueBlocks == trace.uniqueBlocks)
        #expect(re.blockSizeTokens == trace.blockSizeTokens)
    }

    @Test func factorBelowOneIsAnError() {
        let trace = TraceFixture.make([[1, 2]])
        for k in [0, -3] {
            #expect(throws: InputError.self) { try trace.reblocked(factor: k) }
        }
        #expect(throws: InputError.self) { try trace.reblocked(factor: Int.max) }
    }

    @Test func trailingPartialGroupsAreDropped() throws {
        // k = 2: 5 native blocks give 2 blocks, 1 gives none, 4 give 2.
        let trace = TraceFixture.make([[1, 2, 3, 4, 5], [6], [1, 2, 3, 4]], blockSize: 16,
                                      lengths: [70, 10, 64])
        let re = try trace.reblocked(factor: 2)
        #expect(TraceFixture.requests(of: re) == [[0, 1], [], [0, 1]])
        #expect(re.uniqueBlocks == 2)
        #expect(re.blockSizeTokens == 32)
        #expect(re.inputLengths == [70, 10, 64])
        // Hit tokens of the kept blocks follow the input length at the new size (MODEL 5.5).
        #expect(re.tokens(ofBlock: 1, inRequest: 0) == 32)
        #expect(re.tokens(ofBlock: 1, inRequest: 2) == 32)
    }

    @Test func sharedPrefixesSurviveAndADivergingGroupBreaksSharing() throws {
        let trace = TraceFixture.make([
            [1, 2, 3, 4, 5, 6],   // groups (1 2 3) (4 5 6)
            [1, 2, 3, 4, 5, 6, 7, 8, 9],   // same two groups, then a third
            [1, 2, 9, 4, 5, 6],   // first group differs: nothing shared, not even (4 5 6)
            [1, 2, 3, 4, 5, 7],   // shares the first group only
            [4, 5, 6, 1, 2, 3],   // the same groups after another prefix: all new
        ])
        let re = try trace.reblocked(factor: 3)
        #expect(TraceFixture.requests(of: re) == [[0, 1], [0, 1, 2], [3, 4], [0, 5], [6, 7]])
        #expect(re.uniqueBlocks == 8)
    }

    @Test func keepsEveryPerRequestField() throws {
        var b = TraceBuilder(blockSizeTokens: 16, source: "t")
        try b.addRequest(rawIds: [1, 2, 3, 4] as [UInt64], inputLength: 64, outputLength: 7, timestamp: 1.5,
                         requestType: "text", turn: 1, key: 10)
        try b.addRequest(rawIds: [1, 2, 3, 4, 5] as [UInt64], inputLength: 80, outputLength: 9, timestamp: 2.5,
                         requestType: "search", turn: 2, key: 11, parentKey: 10)
        b.warn("block_count_mismatch", "example")
        let trace = b.build()
        let re = try trace.reblocked(factor: 4)
        #expect(TraceFixture.requests(of: re) == [[0], [0]])
        #expect(re.outputLengths == [7, 9])
        #expect(re.hasOutputLengths)
        #expect(re.timestamps == [1.5, 2.5])
        #expect(re.requestTypeNames == ["text", "search"])
        #expect(re.requestTypes == trace.requestTypes)
        #expect(re.turns == [1, 2])
        #expect(re.parents == [-1, 0])
        #expect(re.warnings.counts["block_count_mismatch"] == 1)
        #expect(re.source == "t")
    }

    @Test func reblockedTracesSimulate() throws {
        // The result is an ordinary trace: the simulator runs it (empty requests included).
        let trace = TraceFixture.random(seed: 11, requests: 400, universe: 50, maxBlocks: 12)
        for k in [2, 5, 13] {
            let re = try trace.reblocked(factor: k)
            let result = try Simulator.run(trace: re, policy: .lru, capacity: max(1, re.uniqueBlocks / 3))
            #expect(result.requests == trace.requestCount)
            #expect(result.accesses == re.accessCount)
            // Prefix hits are a subset of block hits.
            #expect(result.hitsPrefix <= result.hitsBlock)
        }
    }
}
