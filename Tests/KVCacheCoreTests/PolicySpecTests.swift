import KVCacheCore
import KVCacheTestSupport
import Testing

/// Policy names with parameters (MODEL 4.7), the cache's limits (MODEL 3.5), and a policy of a
/// library user's own through the public generic simulator.
@Suite struct PolicySpecTests {
    @Test func parsesNamesAndParameters() throws {
        #expect(try PolicySpec.parse("lru") == .lru)
        #expect(try PolicySpec.parse(" prefix_lru ") == .prefixLRU)
        #expect(try PolicySpec.parse("s3fifo") == .s3fifo(smallRatio: 0.1, ghostRatio: 0.9, moveToMainThreshold: 2))
        #expect(try PolicySpec.parse("s3fifo(small_ratio=0.2, move_to_main_threshold=3)")
                == .s3fifo(smallRatio: 0.2, ghostRatio: 0.9, moveToMainThreshold: 3))
        #expect(try PolicySpec.parse("hierarchical_lru(l1_share=0.25)") == .hierarchicalLRU(l1Share: 0.25))
    }

    @Test func canonicalTextNamesOnlyChangedParameters() throws {
        #expect(PolicySpec.s3fifoDefault.description == "s3fifo")
        #expect(try PolicySpec.parse("s3fifo(ghost_ratio=0.5)").description == "s3fifo(ghost_ratio=0.5)")
        for spec in PolicyKind.allCases.map(PolicySpec.init) + [try PolicySpec.parse("s3fifo(small_ratio=0.3,move_to_main_threshold=1)")] {
            #expect(try PolicySpec.parse(spec.description) == spec, "\(spec) does not round-trip")
        }
    }

    @Test func badTextIsAnErrorThatSuggests() {
        func message(_ text: String) -> String {
            do { _ = try PolicySpec.parse(text); return "" } catch { return error.description }
        }
        #expect(message("lruu").contains("did you mean 'lru'"))
        #expect(message("s3fifo(smal_ratio=0.2)").contains("did you mean 'small_ratio'"))
        #expect(message("lru(x=1)").contains("takes no parameters"))
        #expect(message("s3fifo(small_ratio=1.5)").contains("small_ratio must be in (0, 1)"))
        #expect(message("s3fifo(move_to_main_threshold=0.5)").contains("whole number"))
        #expect(message("s3fifo(small_ratio=abc)").contains("key=number"))
        #expect(message("s3fifo(small_ratio=0.2").contains("missing ')'"))
    }

    @Test func listsSplitOutsideParentheses() {
        #expect(PolicySpec.splitList("lru, s3fifo(small_ratio=0.2,ghost_ratio=0.8),arc") == ["lru", "s3fifo(small_ratio=0.2,ghost_ratio=0.8)", "arc"])
    }

    @Test func hierarchicalSplitsEachCapacity() {
        let spec = PolicySpec.hierarchicalLRU(l1Share: 0.25)
        #expect(spec.tierCapacities(total: 1) == [1])
        #expect(spec.tierCapacities(total: 2) == [1, 1])
        #expect(spec.tierCapacities(total: 100) == [25, 75])
        #expect(PolicySpec.lru.tierCapacities(total: 100) == [100])
    }

    // A capacity below one block is an error at the library boundary, not a crash.
    @Test func capacityBelowOneIsRejected() {
        let trace = TraceFixture.make([[0, 1], [1, 2]])
        for c in [0, -1] {
            #expect(throws: CacheError.capacityBelowOne(c)) { try Simulator.run(trace: trace, policy: .lru, capacity: c) }
        }
        #expect(throws: CacheError.self) { try BlockCache(tierCapacities: [4, 0], universe: 3) }
        #expect(throws: CacheError.self) { try BlockCache(tierCapacities: [], universe: 3) }
    }

    /// A library user's own policy: most recently used goes first (MRU).
    struct MRUPolicy: EvictionPolicy, ~Copyable {
        var order: [Int32] = []
        mutating func hit(_ id: Int32, clock: Int, cache: inout BlockCache) {
            order.removeAll { $0 == id }
            order.append(id)
        }
        mutating func inserted(_ id: Int32, clock: Int, cache: inout BlockCache) { order.append(id) }
        mutating func evict(cache: inout BlockCache) -> Int32 {
            let index = order.lastIndex { !cache.isPinned($0) } ?? order.count - 1
            return order.remove(at: index)
        }
        func checkInvariants(cache: borrowing BlockCache) throws(InvariantViolation) {
            if order.count != cache.count { throw InvariantViolation("mru: \(order.count) ordered, \(cache.count) resident") }
            for id in order where !cache.contains(id) { throw InvariantViolation("mru: \(id) not resident") }
        }
    }

    @Test func userPolicyRunsThroughTheGenericSimulator() throws {
        // 0 1 2 0 1 2 at capacity 2 under MRU: misses 0 1, 2 evicts 1, 0 hits, 1 evicts 0, 2 hits.
        let trace = TraceFixture.make([[0], [1], [2], [0], [1], [2]])
        var policy = MRUPolicy()
        var cache = try BlockCache(capacity: 2, universe: trace.uniqueBlocks)
        let r = try Simulator.run(&policy, cache: &cache, trace: trace, name: "mru", checkInvariants: true)
        #expect(r.blockHits == [0, 0, 0, 1, 0, 1])
        #expect(r.policyName == "mru" && r.spec == nil)
        #expect(cache.evictions == 2)
    }
}
