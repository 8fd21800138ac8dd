import HeapModule

/// `lfu` (SEMANTICS 4.3): evict the block with the fewest accesses since it was inserted
/// (in-cache frequency: the inserting access counts 1, each touch adds 1, eviction forgets it);
/// ties go to the least recently accessed (recency = the access clock, in touch order). Pinned
/// blocks are skipped (SEMANTICS 3.3); the incoming block is never its own victim because room
/// is made before it is inserted.
///
/// A min-heap (swift-collections) of (frequency, recency, id) with lazy invalidation: every
/// access pushes the block's new key, stale keys are dropped when popped, and the heap is
/// rebuilt when stale keys outnumber live ones. O(log n) amortised per access.
public struct LFUPolicy: EvictionPolicy {
    struct Key: Comparable {
        var frequency: Int32
        var recency: Int
        var id: Int32
        static func < (a: Key, b: Key) -> Bool {
            a.frequency != b.frequency ? a.frequency < b.frequency : a.recency < b.recency
        }
    }

    public let capacity: Int
    public private(set) var count = 0
    private let frequency: FlatStorage<Int32>   // 0 = absent
    private let recency: FlatStorage<Int>
    private var heap = Heap<Key>()
    private var pinnedScratch: [Key] = []

    public init(capacity: Int, universe: Int) {
        self.capacity = capacity
        frequency = FlatStorage(repeating: 0, count: universe)
        recency = FlatStorage(repeating: 0, count: universe)
    }

    @inline(__always)
    public func tier(of id: Int32) -> UInt8 { frequency[Int(id)] > 0 ? 1 : 0 }

    public mutating func touch(_ id: Int32, clock: Int) {
        let i = Int(id)
        frequency[i] = frequency[i] &+ 1
        recency[i] = clock
        push(id)
    }

    public mutating func insert(_ id: Int32, clock: Int) {
        let i = Int(id)
        frequency[i] = 1
        recency[i] = clock
        count += 1
        push(id)
    }

    public mutating func evict(pins: PinSet) -> Int32 {
        pinnedScratch.removeAll(keepingCapacity: true)
        var victim: Int32 = -1
        while let key = heap.popMin() {
            guard isLive(key) else { continue }
            if pins.isPinned(key.id) {
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
            heap = Heap(heap.unordered.filter(isLive))
        }
    }
}
