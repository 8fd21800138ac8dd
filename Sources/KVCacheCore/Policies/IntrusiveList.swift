/// A doubly linked list threaded through flat arrays indexed by dense block id: O(1) push,
/// remove and move with no allocation. `head` is the most recent (or newest) end, `tail` the
/// victim end. Used by `hierarchical_lru`. `~Copyable`: one owner.
struct IntrusiveList: ~Copyable {
    static let none: Int32 = -1
    private var next: FlatArray<Int32>
    private var prev: FlatArray<Int32>
    private(set) var head: Int32 = none
    private(set) var tail: Int32 = none
    private(set) var count = 0

    init(universe: Int) {
        next = FlatArray(repeating: Self.none, count: universe)
        prev = FlatArray(repeating: Self.none, count: universe)
    }

    /// Makes room for ids `0 ..< universe` (new ids are in no list). O(universe).
    mutating func grow(universe: Int) {
        next.grow(to: universe, filling: Self.none)
        prev.grow(to: universe, filling: Self.none)
    }

    @inline(__always)
    mutating func pushHead(_ id: Int32) {
        let i = Int(id)
        prev[i] = Self.none
        next[i] = head
        if head != Self.none { prev[Int(head)] = id } else { tail = id }
        head = id
        count &+= 1
    }

    @inline(__always)
    mutating func remove(_ id: Int32) {
        let i = Int(id)
        let p = prev[i], n = next[i]
        if p != Self.none { next[Int(p)] = n } else { head = n }
        if n != Self.none { prev[Int(n)] = p } else { tail = p }
        count &-= 1
    }

    @inline(__always)
    mutating func moveToHead(_ id: Int32) {
        if id == head { return }
        remove(id)
        pushHead(id)
    }

    @inline(__always)
    func after(_ id: Int32) -> Int32 { next[Int(id)] }

    @inline(__always)
    func before(_ id: Int32) -> Int32 { prev[Int(id)] }

    /// The node nearest the tail that is not pinned, or the tail itself when every node is
    /// pinned (a request larger than the cache, MODEL 3.3): then O(1), else O(1 + pinned nodes
    /// skipped).
    @inline(__always)
    func victimFromTail(cache: borrowing BlockCache) -> Int32 {
        if cache.allResidentPinned { return tail }
        var v = tail
        while v != Self.none {
            if !cache.isPinned(v) { return v }
            v = prev[Int(v)]
        }
        return tail
    }

    /// Walks the list: every node once, links consistent, each node resident in `cache` and
    /// (when given) in `tier`. O(count).
    func check(cache: borrowing BlockCache, name: String, tiers: ClosedRange<UInt8> = 1 ... 255) throws(InvariantViolation) {
        var n = 0
        var v = head
        var before = Self.none
        while v != Self.none {
            n += 1
            if n > count { throw InvariantViolation("\(name): list longer than its count \(count) (a cycle?)") }
            if prev[Int(v)] != before { throw InvariantViolation("\(name): broken back link at block \(v)") }
            let t = cache.tier(of: v)
            if !tiers.contains(t) { throw InvariantViolation("\(name): block \(v) listed but in tier \(t)") }
            before = v
            v = next[Int(v)]
        }
        if before != tail { throw InvariantViolation("\(name): tail \(tail) is not the last node \(before)") }
        if n != count { throw InvariantViolation("\(name): \(n) nodes but count \(count)") }
    }
}
