/// Up to a few disjoint doubly linked queues over dense block ids, threaded through one pair
/// of flat link arrays (an id is in at most one queue at a time), as libCacheSim threads its
/// `cache_obj_t` through `queue.prev` / `queue.next`. `head` is the newest end, `tail` the
/// victim end; `after` walks toward the tail, `before` toward the head. Used by `clock`,
/// `sieve`, `s3fifo` (small, main, ghost) and `arc` (T1, T2, B1, B2).
///
/// Every operation is O(1) with no allocation. Memory: 9 bytes per id (two Int32 links and a
/// one-byte queue tag). `~Copyable`: one owner.
struct PolicyQueues: ~Copyable {
    static let none: Int32 = -1
    private var next: FlatArray<Int32>
    private var prev: FlatArray<Int32>
    /// 0 when the id is in no queue, else its queue's index + 1.
    private var tags: FlatArray<UInt8>
    private let heads: FlatArray<Int32>
    private let tails: FlatArray<Int32>
    private let counts: FlatArray<Int>

    /// `queues` empty queues (1 ... 254) over ids `0 ..< universe`.
    init(universe: Int, queues: Int) {
        precondition(queues >= 1 && queues <= 254)
        next = FlatArray(repeating: Self.none, count: universe)
        prev = FlatArray(repeating: Self.none, count: universe)
        tags = FlatArray(repeating: 0, count: universe)
        heads = FlatArray(repeating: Self.none, count: queues)
        tails = FlatArray(repeating: Self.none, count: queues)
        counts = FlatArray(repeating: 0, count: queues)
    }

    /// Makes room for ids `0 ..< universe` (new ids are in no queue). O(universe).
    mutating func grow(universe: Int) {
        next.grow(to: universe, filling: Self.none)
        prev.grow(to: universe, filling: Self.none)
        tags.grow(to: universe, filling: 0)
    }

    @inline(__always) func count(_ q: Int) -> Int { counts[q] }
    @inline(__always) func head(_ q: Int) -> Int32 { heads[q] }
    @inline(__always) func tail(_ q: Int) -> Int32 { tails[q] }

    /// The queue holding `id`, or nil.
    @inline(__always)
    func queue(of id: Int32) -> Int? {
        let t = tags[Int(id)]
        return t == 0 ? nil : Int(t) - 1
    }

    /// The neighbour toward the tail (older), or `none`.
    @inline(__always) func after(_ id: Int32) -> Int32 { next[Int(id)] }
    /// The neighbour toward the head (newer), or `none`.
    @inline(__always) func before(_ id: Int32) -> Int32 { prev[Int(id)] }

    /// Puts `id` (in no queue) at the head of queue `q`.
    @inline(__always)
    mutating func pushHead(_ id: Int32, _ q: Int) {
        assert(tags[Int(id)] == 0, "block \(id) already queued")
        let i = Int(id)
        let h = heads[q]
        prev[i] = Self.none
        next[i] = h
        if h != Self.none { prev[Int(h)] = id } else { tails[q] = id }
        heads[q] = id
        tags[i] = UInt8(truncatingIfNeeded: q + 1)
        counts[q] &+= 1
    }

    /// Takes `id` out of its queue.
    @inline(__always)
    mutating func remove(_ id: Int32) {
        let i = Int(id)
        assert(tags[i] != 0, "block \(id) is in no queue")
        let q = Int(tags[i]) - 1
        let p = prev[i], n = next[i]
        if p != Self.none { next[Int(p)] = n } else { heads[q] = n }
        if n != Self.none { prev[Int(n)] = p } else { tails[q] = p }
        prev[i] = Self.none
        next[i] = Self.none
        tags[i] = 0
        counts[q] &-= 1
    }

    /// Moves `id` to the head of queue `q` (its own or another).
    @inline(__always)
    mutating func moveToHead(_ id: Int32, _ q: Int) {
        if heads[q] == id { return }
        remove(id)
        pushHead(id, q)
    }

    /// The node nearest the tail of resident queue `q` that is not pinned, or `none`. O(1) when
    /// every resident block is pinned, else O(1 + pinned skipped).
    @inline(__always)
    func unpinnedFromTail(_ q: Int, cache: borrowing BlockCache) -> Int32 {
        if cache.allResidentPinned { return Self.none }
        var v = tails[q]
        while v != Self.none, cache.isPinned(v) { v = prev[Int(v)] }
        return v
    }

    /// Walks queue `q`: links consistent, every node tagged `q`, resident in `cache` exactly
    /// when `resident`, and the walk's length equals the count. O(count).
    func check(_ q: Int, name: String, resident: Bool, cache: borrowing BlockCache) throws(InvariantViolation) {
        var n = 0
        var v = heads[q]
        var before = Self.none
        while v != Self.none {
            n += 1
            if n > counts[q] { throw InvariantViolation("\(name): longer than its count \(counts[q]) (a cycle?)") }
            if prev[Int(v)] != before { throw InvariantViolation("\(name): broken back link at block \(v)") }
            if Int(tags[Int(v)]) != q + 1 { throw InvariantViolation("\(name): block \(v) tagged \(tags[Int(v)])") }
            if cache.contains(v) != resident {
                throw InvariantViolation("\(name): block \(v) is \(resident ? "absent" : "resident") in the cache")
            }
            before = v
            v = next[Int(v)]
        }
        if before != tails[q] { throw InvariantViolation("\(name): tail \(tails[q]) is not the last node \(before)") }
        if n != counts[q] { throw InvariantViolation("\(name): \(n) nodes but count \(counts[q])") }
    }

    /// Every resident block of `cache` is in one of `residentQueues` (so, with `check` on each
    /// queue, in exactly one), and those queues hold `cache.count` blocks. O(universe).
    func checkResidents(in residentQueues: Range<Int>, cache: borrowing BlockCache) throws(InvariantViolation) {
        var listed = 0
        for q in residentQueues { listed += counts[q] }
        if listed != cache.count { throw InvariantViolation("queues hold \(listed) blocks, cache \(cache.count)") }
        for i in 0 ..< cache.universe where cache.contains(Int32(i)) {
            let t = Int(tags[i])
            if t == 0 || !residentQueues.contains(t - 1) {
                throw InvariantViolation("resident block \(i) is in no resident queue (tag \(t))")
            }
        }
    }
}
