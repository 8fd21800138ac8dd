import HeapModule

/// `lfu` (MODEL 4.3): evict the block with the fewest accesses since it was inserted
/// (in-cache frequency: the inserting access counts 1, each touch adds 1, eviction forgets it);
/// ties go to the least recently accessed (recency = the access clock, in touch order). Pinned
/// blocks are skipped (MODEL 3.3); the incoming block is never its own victim because room
/// is made before it is inserted.
///
/// A min-heap (swift-collections) of (frequency, recency, id) with lazy invalidation: every
/// access pushes the block's new key, stale keys are dropped when popped, and the heap is
/// rebuilt when stale keys outnumber live ones. O(log n) amortised per access.
public struct LFUPolicy: GrowablePolicy, ~Copyable {
    struct Key: Comparable {
        var frequency: Int32
        var recency: Int
        var id: Int32
        static func < (a: Key, b: Key) -> Bool {
            a.frequency != b.frequency ? a.frequency < b.frequency : a.recency < b.recency
        }
    }

    private var count = 0
    private var frequency: FlatArray<Int32>   // 0 = absent
    private var recency: FlatArray<Int>
    private var heap = Heap<Key>()
    private var pinnedScratch: [Key] = []

    public init(universe: Int) {
        frequency = FlatArray(repeating: 0, count: universe)
        recency = FlatArray(repeating: 0, count: universe)
    }

    public mutating func hit(_ id: Int32, clock: Int, cache: inout BlockCache) {
        let i = Int(id)
        frequency[i] = frequency[i] &+ 1
        recency[i] = clock
        push(id)
    }

    public mutating func inserted(_ id: Int32, clock: Int, cache: inout BlockCache) {
        let i = Int(id)
        frequency[i] = 1
        recency[i] = clock
        count += 1
        push(id)
    }

    public mutating func evict(cache: inout BlockCache) -> Int32 {
        if cache.allResidentPinned {
            // A request larger than the cache: the least key goes, pinned or not (O(log n)).
            while let key = heap.popMin() {
                guard isLive(key) else { continue }
                frequency[Int(key.id)] = 0
                count -= 1
                return key.id
            }
        }
        pinnedScratch.removeAll(keepingCapacity: true)
        var victim: Int32 = -1
        while let key = heap.popMin() {
            guard isLive(key) else { continue }
            if cache.isPinned(key.id) {
                pinnedScratch.append(key)
                continue
            }
            victim = key.id
            break
        }
        if victim < 0 {
            // Every cached block is pinned: the request is larger than the cache.
            victim = pinnedScratch.removeFirst().id
        }
        for key in pinnedScratch { heap.insert(key) }
        frequency[Int(victim)] = 0
        count -= 1
        return victim
    }

    @inline(__always)
    private func isLive(_ key: Key) -> Bool {
        let i = Int(key.id)
        return frequency[i] == key.frequency && recency[i] == key.recency
    }

    private mutating func push(_ id: Int32) {
        let i = Int(id)
        heap.insert(Key(frequency: frequency[i], recency: recency[i], id: id))
        if heap.count > 2 * count + 1024 {
            var liveKeys: [Key] = []
            liveKeys.reserveCapacity(count)
            for key in heap.unordered where isLive(key) { liveKeys.append(key) }
            heap = Heap(liveKeys)
        }
    }

    /// Every resident block has a frequency and a live heap key; absent blocks have neither.
    public func checkInvariants(cache: borrowing BlockCache) throws(InvariantViolation) {
        var live = Array(repeating: 0, count: cache.universe)
        for key in heap.unordered where isLive(key) { live[Int(key.id)] += 1 }
        var n = 0
        for i in 0 ..< cache.universe {
            let resident = cache.contains(Int32(i))
            if resident != (frequency[i] > 0) { throw InvariantViolation("lfu: block \(i) resident=\(resident) but frequency \(frequency[i])") }
            if resident {
                n += 1
                if live[i] != 1 { throw InvariantViolation("lfu: block \(i) has \(live[i]) live heap keys") }
            }
        }
        if n != count || n != cache.count { throw InvariantViolation("lfu: \(n) with a frequency, count \(count), \(cache.count) resident") }
    }

    public mutating func grow(universe: Int) {
        frequency.grow(to: universe, filling: 0)
        recency.grow(to: universe, filling: 0)
    }
}
