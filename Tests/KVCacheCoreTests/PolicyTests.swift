import KVCacheCore
import KVCacheInput
import KVCacheTestSupport
import Testing

/// Hand-worked traces for each policy and both hit semantics.
@Suite struct PolicyTests {
    func run(_ requests: [[Int]], _ policy: PolicyKind, capacity: Int, tiers: (Int, Int)? = nil) -> SimulationResult {
        Simulator.checkedRun(trace: TraceFixture.make(requests), policy: policy, capacity: capacity, tiers: tiers)
    }

    // MODEL 3.2, 4.1, 4.2: after [0,1,2], LRU's least recent block is 0 and prefix_lru's is 2
    // (touched last to first), so the single-block request [3] evicts 0 under lru and 2 under
    // prefix_lru; [0,1,2] then hits 0 prefix / 2 block blocks under lru (stop at the first miss)
    // and 2 / 2 under prefix_lru.
    @Test func lruVersusPrefixLRU_stopsAtFirstMiss() {
        let requests = [[0, 1, 2], [3], [0, 1, 2]]
        let lru = run(requests, .lru, capacity: 3)
        #expect(lru.prefixHits == [0, 0, 0])
        #expect(lru.blockHits == [0, 0, 2])
        let prefixLRU = run(requests, .prefixLRU, capacity: 3)
        #expect(prefixLRU.prefixHits == [0, 0, 2])
        #expect(prefixLRU.blockHits == [0, 0, 2])
    }

    // MODEL 4.3: in-cache frequency, ties to the least recently accessed.
    @Test func lfuEvictsFewestThenLeastRecent() {
        // [0] twice (f=2), [1] (f=1), [2] evicts 1; [1] misses and evicts 2 (f=1 < 2); [0] hits.
        let r = run([[0], [0], [1], [2], [1], [0], [2]], .lfu, capacity: 2)
        #expect(r.blockHits == [0, 1, 0, 0, 0, 1, 0])
        // Tie on frequency 1: [2] evicts the least recent, 0; so [1] hits and [0] misses.
        let tie = run([[0], [1], [2], [1], [0]], .lfu, capacity: 2)
        #expect(tie.blockHits == [0, 0, 0, 1, 0])
    }

    // MODEL 4.3: eviction forgets the count (in-cache frequency).
    @Test func lfuForgetsCountOnEviction() {
        // 0 reaches f=3, is evicted only when... it never is: 1 and 2 alternate out.
        let r = run([[0], [0], [0], [1], [2], [1], [0]], .lfu, capacity: 2)
        #expect(r.blockHits == [0, 1, 1, 0, 0, 0, 1])
    }

    // MODEL 3.3: the request's blocks are pinned. [2,0] finds 0 present at arrival; inserting
    // 2 must not evict 0 (the least recent, but pinned), so 1 goes, and [0] then hits.
    @Test func pinnedBlocksAreNotVictims() {
        let r = run([[0], [1], [2, 0], [0], [1]], .lru, capacity: 2)
        #expect(r.blockHits == [0, 0, 1, 1, 0])
        #expect(r.prefixHits == [0, 0, 0, 1, 0])
        let fifo = run([[0], [1], [2, 0], [0], [1]], .fifo, capacity: 2)
        #expect(fifo.blockHits == [0, 0, 1, 1, 0])
    }

    // MODEL 3.3: only a request larger than the cache evicts its own blocks.
    @Test func requestLargerThanCacheEvictsItsOwnBlocks() {
        let r = run([[0, 1, 2], [1, 2]], .lru, capacity: 2)
        #expect(r.blockHits == [0, 2])
        #expect(r.evictions == 1)
    }

    // MODEL 4.6: FIFO ignores hits.
    @Test func fifoIgnoresHits() {
        let r = run([[0], [1], [0], [2], [0]], .fifo, capacity: 2)
        #expect(r.blockHits == [0, 0, 1, 0, 0])
        let lru = run([[0], [1], [0], [2], [0]], .lru, capacity: 2)
        #expect(lru.blockHits == [0, 0, 1, 0, 1])
    }

    // MODEL 4.4: promotion from L2, demotion from L1, drop from L2, tier of each hit.
    @Test func hierarchicalPromotesAndDemotes() {
        // L1 = 1, L2 = 1. [0] -> L1{0}. [1] -> L1{1}, 0 demoted to L2. [0]: L2 hit, promoted; 1 demoted.
        // [2]: full, the L2 block 1 is dropped; 2 enters L1, 0 demoted. [0]: L2 hit, 2 demoted.
        // [1]: miss; 2 dropped, 1 enters L1, 0 demoted. Demotions: 0, 1, 0, 2, 0 = 5.
        let r = run([[0], [1], [0], [2], [0], [1]], .hierarchicalLRU, capacity: 2, tiers: (1, 1))
        #expect(r.blockHits == [0, 0, 1, 0, 1, 0])
        #expect(r.tierBlockHits == [0, 2])
        #expect(r.promotions == 2)
        #expect(r.demotions == 5)
        #expect(r.evictions == 2)
        // An L1 touch is an L1 hit.
        let l1 = run([[0], [0]], .hierarchicalLRU, capacity: 2, tiers: (1, 1))
        #expect(l1.tierBlockHits == [1, 0])
    }

    // MODEL 4.5: MIN evicts the block used farthest in the future.
    @Test func beladyEvictsFarthest() {
        let trace = [[0], [1], [2], [0], [1]]
        #expect(run(trace, .belady, capacity: 2).blockHits == [0, 0, 0, 1, 0])
        #expect(run(trace, .lru, capacity: 2).blockHits == [0, 0, 0, 0, 0])
        // Never-again blocks go first: 2 is never used again after its access.
        #expect(run([[0], [1], [2], [3], [0], [1]], .belady, capacity: 3).hitsBlock == 2)
    }

    // MODEL 5.3: MIN's prefix hits can fall below its block hits on a prefix tree.
    @Test func beladyPrefixHitsBelowBlockHits() {
        let r = run([[0], [1, 2], [0], [1, 2]], .belady, capacity: 2)
        #expect(r.hitsBlock == 2)
        #expect(r.hitsPrefix == 1)
    }

    // MODEL 5.3: with pinning, lfu cannot beat MIN on [a],[a,b],[c,b],[a] at C = 2.
    @Test func pinningKeepsLFUBelowTheBound() {
        let requests = [[0], [0, 1], [2, 1], [0]]
        let bound = run(requests, .belady, capacity: 2).hitsBlock
        #expect(bound == 2)
        for policy in [PolicyKind.lfu, .lru, .prefixLRU, .fifo] {
            #expect(run(requests, policy, capacity: 2).hitsBlock <= bound, "\(policy)")
        }
    }

    // MODEL 4.5: forced(C) <= bypass(C) <= forced(C+1); forced MIN on `a b a` at C = 1 has no hit.
    @Test func beladyForcedInsertion() {
        #expect(run([[0], [1], [0]], .belady, capacity: 1).hitsBlock == 0)
        #expect(run([[0], [1], [0], [1]], .belady, capacity: 1).hitsBlock == 0)
        #expect(run([[0], [1], [0]], .belady, capacity: 2).hitsBlock == 1)
    }

    // MODEL 5.5: hit tokens; the last block may be partial.
    @Test func hitTokensCountPartialBlocks() {
        let trace = TraceFixture.make([[0, 1, 2], [0, 1, 2]], blockSize: 4, lengths: [10, 10])
        let r = Simulator.checkedRun(trace: trace, policy: .lru, capacity: 3)
        #expect(r.blockHitTokens == [0, 10])
        #expect(r.prefixHitTokens == [0, 10])
        #expect(r.inputTokens == 20)
        #expect(r.tokenHitRatio(.prefix) == 0.5)
    }
}
