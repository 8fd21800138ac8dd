/// The state shared by the list-ordered policies (`lru`, `fifo`): which blocks are present and
/// an `IntrusiveList` whose tail is the next victim. Each policy decides only what a touch does.
struct ListCache {
    private(set) var list: IntrusiveList
    private let present: FlatStorage<Bool>

    init(universe: Int) {
        list = IntrusiveList(universe: universe)
        present = FlatStorage(repeating: false, count: universe)
    }

    var count: Int { list.count }

    @inline(__always)
    func tier(of id: Int32) -> UInt8 { present[Int(id)] ? 1 : 0 }

    @inline(__always)
    mutating func moveToHead(_ id: Int32) { list.moveToHead(id) }

    @inline(__always)
    mutating func insert(_ id: Int32) {
        list.pushHead(id)
        present[Int(id)] = true
    }

    /// Removes the unpinned block nearest the tail (SEMANTICS 3.3).
    @inline(__always)
    mutating func evict(pins: PinSet) -> Int32 {
        let victim = list.victimFromTail(pins: pins)
        list.remove(victim)
        present[Int(victim)] = false
        return victim
    }
}
