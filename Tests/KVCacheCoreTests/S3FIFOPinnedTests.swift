@testable import KVCacheCore
import KVCacheTestSupport
import Testing

/// s3fifo remembers, within a request, a queue that a pass respecting pins could only rotate
/// (every block pinned, counters below what would move them): the victims, hits, evictions and
/// invariants are those of a pass at every eviction, on traces whose requests are often longer
/// than the cache (every resident block pinned) and whose blocks are hit inside a request.
@Suite struct S3FIFOPinnedTests {
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func rememberingBlockedQueuesChangesNoVictim(_ seed: UInt64) throws {
        let trace = TraceFixture.random(seed: seed, requests: 300, universe: 60 + Int(seed) * 20, maxBlocks: 24,
                                        prefixChains: seed % 2 == 0, allowRepeats: true)
        for capacity in [2, 5, 11, 30] {
            for threshold in [0, 1, 2] {
                func run(remembering: Bool, checked: Bool) throws -> SimulationResult {
                    var policy = S3FIFOPolicy(capacity: capacity, universe: trace.uniqueBlocks, moveToMainThreshold: threshold)
                    policy.remembersBlockedQueues = remembering
                    var cache = try BlockCache(capacity: capacity, universe: trace.uniqueBlocks)
                    return try Simulator.run(&policy, cache: &cache, trace: trace, name: "s3fifo", checkInvariants: checked)
                }
                let passes = try run(remembering: false, checked: false)
                let remembered = try run(remembering: true, checked: true)
                let label = "seed \(seed) C=\(capacity) threshold \(threshold)"
                #expect(remembered.blockHits == passes.blockHits && remembered.prefixHits == passes.prefixHits, "\(label)")
                #expect(remembered.accessHits == passes.accessHits && remembered.evictions == passes.evictions, "\(label)")
            }
        }
    }
}
