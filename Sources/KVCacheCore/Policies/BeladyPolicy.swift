/// `belady` (SEMANTICS 4.5): Belady's MIN with forced insertion over the flattened stream of
/// accesses in touch order: on a miss with a full cache, evict the cached block whose next
/// access is farthest. Blocks never accessed again count as infinitely far and go first; among
/// them the fixed rule is "the one accessed last" (a stack). No pinning: the simulator looks
/// each block up at its own access. Belady, "A study of replacement algorithms for a
/// virtual-storage computer", IBM Systems Journal 5(2), 1966; libCacheSim's `Belady`.
///
/// Needs the next-access clock of every access (`NextAccess`, one backward pass). The cached
/// blocks that will be accessed again are keyed by that clock in a `HierarchicalBitset`; since
/// the access at clock p is to block `stream[p]`, the key alone names the block. A touch at
/// clock t removes key t (the block's next access is this one) and adds its new key; an
/// eviction takes the maximum. O(log64 accesses) per access, a handful of word operations.
public struct BeladyPolicy: EvictionPolicy {
    public let capacity: Int
    public private(set) var count = 0
    private let stream: [Int32]
    private let nextAccess: [Int32]
    private let present: FlatStorage<Bool>
    private let keys: HierarchicalBitset
    /// Cached blocks that are never accessed again.
    private var dead: [Int32] = []

    /// - Parameters:
    ///   - stream: the flattened block ids in touch order (the clock indexes it).
    ///   - nextAccess: for each clock, the clock of the next access to the same block, or -1.
    public init(capacity: Int, universe: Int, stream: [Int32], nextAccess: [Int32]) {
        precondition(stream.count == nextAccess.count)
        self.capacity = capacity
        self.stream = stream
        self.nextAccess = nextAccess
        present = FlatStorage(repeating: false, count: universe)
        keys = HierarchicalBitset(size: stream.count)
    }

    @inline(__always)
    public func tier(of id: Int32) -> UInt8 { present[Int(id)] ? 1 : 0 }

    @inline(__always)
    private mutating func addKey(_ id: Int32, clock: Int) {
        let n = nextAccess[clock]
        if n >= 0 { keys.insert(Int(n)) } else { dead.append(id) }
    }

    public mutating func touch(_ id: Int32, clock: Int) {
        keys.remove(clock)
        addKey(id, clock: clock)
    }

    public mutating func insert(_ id: Int32, clock: Int) {
        present[Int(id)] = true
        count += 1
        addKey(id, clock: clock)
    }

    public mutating func evict(pins: PinSet) -> Int32 {
        let victim: Int32
        if let d = dead.popLast() {
            victim = d
        } else {
            guard let farthest = keys.max() else { preconditionFailure("belady: evict called on an empty cache") }
            keys.remove(farthest)
            victim = stream[farthest]
        }
        present[Int(victim)] = false
        count -= 1
        return victim
    }
}
