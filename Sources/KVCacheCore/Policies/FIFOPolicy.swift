/// `fifo` (SEMANTICS 4.6): evict the block inserted longest ago; a hit changes nothing.
/// The classic FIFO replacement (Belady, "A study of replacement algorithms for a virtual-storage
/// computer", IBM Systems Journal 5(2), 1966), skipping pinned blocks (SEMANTICS 3.3).
///
/// An intrusive insertion-order list over dense ids: O(1) per access.
public struct FIFOPolicy: EvictionPolicy {
    public let capacity: Int
    private var list: IntrusiveList
    private let present: FlatStorage<Bool>

    public init(capacity: Int, universe: Int) {
        self.capacity = capacity
        list = IntrusiveList(universe: universe)
        present = FlatStorage(repeating: false, count: universe)
    }

    public var count: Int { list.count }

    @inline(__always)
    public func tier(of id: Int32) -> UInt8 { present[Int(id)] ? 1 : 0 }

    @inline(__always)
    public mutating func touch(_ id: Int32, clock: Int) {}

    @inline(__always)
    public mutating func insert(_ id: Int32, clock: Int) {
        list.pushHead(id)
        present[Int(id)] = true
    }

    @inline(__always)
    public mutating func evict(pins: PinSet) -> Int32 {
        let victim = list.victimFromTail(pins: pins)
        list.remove(victim)
        present[Int(victim)] = false
        return victim
    }
}
