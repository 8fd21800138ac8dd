import HeapModule

/// `belady` (SEMANTICS 4.5): Belady's MIN with forced insertion over the flattened stream of
/// accesses in touch order: on a miss with a full cache, evict the cached block whose next
/// access is farthest (never again counts as infinitely far; among those, the block seen first,
/// i.e. the smallest dense id). No pinning: the simulator looks each block up at its own access.
/// Belady, "A study of replacement algorithms for a virtual-storage computer", IBM Systems
/// Journal 5(2), 1966; libCacheSim's `Belady`.
///
/// Needs the next-access position of every access (`NextAccess`, one backward pass). A max-heap
/// (swift-collections) of (next access, id) with lazy invalidation: O(log n) per access.
public struct BeladyPolicy: EvictionPolicy {
    struct Key: Comparable {
        var next: Int
        var id: Int32
        static func < (a: Key, b: Key) -> Bool { a.next < b.next }
    }

    public let capacity: Int
    public private(set) var count = 0
    private let nextAccess: [Int32]
    private var nextOf: [Int]   // -1 = absent
    private var heap = Heap<Key>()
    private let universe: Int

    /// - Parameter nextAccess: for each access clock, the clock of the next access to the same
    ///   block, or -1 when there is none.
    public init(capacity: Int, universe: Int, nextAccess: [Int32]) {
        self.capacity = capacity
        self.nextAccess = nextAccess
        self.universe = universe
        nextOf = Array(repeating: -1, count: universe)
    }

    @inline(__always)
    public func tier(of id: Int32) -> UInt8 { nextOf[Int(id)] >= 0 ? 1 : 0 }

    /// The eviction key of a block accessed at `clock`: its next access, or beyond every real
    /// clock for "never again", larger for smaller ids so that the block seen first goes first.
    @inline(__always)
    private func key(_ id: Int32, clock: Int) -> Int {
        let n = nextAccess[clock]
        return n >= 0 ? Int(n) : Int(Int32.max) + universe - Int(id)
    }

    public mutating func touch(_ id: Int32, clock: Int) {
        let k = key(id, clock: clock)
        nextOf[Int(id)] = k
        push(Key(next: k, id: id))
    }

    public mutating func insert(_ id: Int32, clock: Int) {
        let k = key(id, clock: clock)
        nextOf[Int(id)] = k
        count += 1
        push(Key(next: k, id: id))
    }

    public mutating func evict(pins: PinSet) -> Int32 {
        while let top = heap.popMax() {
            if nextOf[Int(top.id)] == top.next {
                nextOf[Int(top.id)] = -1
                count -= 1
                return top.id
            }
        }
        preconditionFailure("belady: evict called on an empty cache")
    }

    private mutating func push(_ key: Key) {
        heap.insert(key)
        if heap.count > 2 * count + 1024 {
            heap = Heap(heap.unordered.filter { nextOf[Int($0.id)] == $0.next })
        }
    }
}
