/// Up to a few disjoint doubly linked queues whose nodes live in a pool sized by the cache's
/// capacity (plus its ghost ids), not by the number of distinct blocks: each node holds its
/// block id, its links, its queue and one byte for the policy (a counter or a bit). A policy
/// that must find a block's node from its id keeps its own id -> slot map; one that only walks
/// from the ends (`fifo`, `sieve`) keeps none. The nodes of a small cache stay in the CPU's
/// caches, so walking, unlinking and relinking touch no per-id array. `head` is the newest end,
/// `tail` the victim end; `after` walks toward the tail, `before` toward the head. Used by
/// `lru`, `fifo`, `sieve`, `s3fifo` (small, main, ghost) and `arc` (T1, T2, B1, B2), as
/// libCacheSim threads its `cache_obj_t` through `queue.prev` / `queue.next`.
///
/// Each queue is circular through a sentinel node of its own (slots `0 ..< queues` of the pool),
/// so unlinking and relinking a node never test for an end: a queue's head is its sentinel's
/// `next`, its tail its sentinel's `prev`, and an empty queue's sentinel links to itself. The
/// accessors below translate a sentinel into `none`.
///
/// Every operation is O(1) with no allocation, except `allocate` when every slot is taken: the
/// pool then grows (at least doubling: amortized O(1); sized from the capacity, it never does).
/// Memory: 16 bytes per slot, plus one slot and 8 bytes per queue. `~Copyable`: one owner.
struct SlotQueues: ~Copyable {
    static let none: Int32 = -1

    struct Node {
        /// Toward the tail (older), toward the head (newer); a queue's sentinel at its ends.
        var next: Int32
        var prev: Int32
        var id: Int32
        /// 0 when free, else the queue's index + 1.
        var tag: UInt8
        /// The policy's byte.
        var aux: UInt8
    }

    /// Slots `0 ..< queueCount` are the sentinels; the rest hold blocks.
    private var nodes: FlatArray<Node>
    /// Slots `0 ..< used` have been handed out (sentinels included); freed ones are chained
    /// through `next`.
    private var used: Int32
    private var free: Int32 = none
    private let counts: FlatArray<Int>
    private let queueCount: Int32

    /// `queues` empty queues (1 ... 254) with room for `slots` nodes before the pool grows.
    init(slots: Int, queues: Int) {
        precondition(queues >= 1 && queues <= 254)
        let pool = FlatArray(repeating: Node(next: Self.none, prev: Self.none, id: Self.none, tag: 0, aux: 0),
                             count: queues + Swift.max(slots, 1))
        for q in 0 ..< queues {
            pool.pointer[q] = Node(next: Int32(q), prev: Int32(q), id: Self.none, tag: UInt8(q + 1), aux: 0)
        }
        nodes = pool
        counts = FlatArray(repeating: 0, count: queues)
        queueCount = Int32(queues)
        used = Int32(queues)
    }

    /// The queues through raw pointers (see `View`), for a hot loop to hold in registers.
    @inline(__always) var view: View { View(nodes: nodes.pointer, counts: counts.pointer, sentinels: queueCount) }

    @inline(__always) func count(_ q: Int) -> Int { counts[q] }
    /// The newest slot of queue `q`, or `none`.
    @inline(__always) func head(_ q: Int) -> Int32 { view.head(q) }
    /// The oldest slot of queue `q`, or `none`.
    @inline(__always) func tail(_ q: Int) -> Int32 { view.tail(q) }
    /// The block held by slot `s`.
    @inline(__always) func id(_ s: Int32) -> Int32 { nodes[Int(s)].id }
    /// The queue holding slot `s`.
    @inline(__always) func queue(_ s: Int32) -> Int { Int(nodes[Int(s)].tag) &- 1 }
    /// The neighbour toward the tail (older), or `none`.
    @inline(__always) func after(_ s: Int32) -> Int32 { view.after(s) }
    /// The neighbour toward the head (newer), or `none`.
    @inline(__always) func before(_ s: Int32) -> Int32 { view.before(s) }
    @inline(__always) func aux(_ s: Int32) -> UInt8 { nodes[Int(s)].aux }
    @inline(__always) func setAux(_ s: Int32, _ value: UInt8) { nodes[Int(s)].aux = value }
    /// Starts loading slot `s`'s node (a hint; `none` is ignored).
    @inline(__always) func prefetch(_ s: Int32) { if s >= 0 { nodes.prefetch(Int(s)) } }

    /// A free slot holding `id`, in no queue yet, with its byte set to `aux`. When every slot is
    /// taken the pool grows to at least `minimumSlots` (and at least doubles).
    @inline(__always)
    mutating func allocate(_ id: Int32, aux: UInt8 = 0, minimumSlots: Int = 0) -> Int32 {
        let s: Int32
        if free != Self.none {
            s = free
            free = nodes[Int(s)].next
        } else {
            if Int(used) == nodes.count { reserve(Swift.max(nodes.count * 2, minimumSlots)) }
            s = used
            used &+= 1
        }
        nodes[Int(s)].id = id
        nodes[Int(s)].aux = aux
        return s
    }

    /// Grows the pool to at least `slots` slots, sentinels included (no-op when it has them); a
    /// `view` taken before is then invalid.
    mutating func reserve(_ slots: Int) {
        nodes.grow(to: slots, filling: Node(next: Self.none, prev: Self.none, id: Self.none, tag: 0, aux: 0))
    }

    /// Returns slot `s` (in no queue) to the pool.
    @inline(__always)
    mutating func release(_ s: Int32) {
        assert(nodes[Int(s)].tag == 0, "slot \(s) released while queued")
        nodes[Int(s)].next = free
        free = s
    }

    /// Puts slot `s` (in no queue) at the head of queue `q`.
    @inline(__always) func pushHead(_ s: Int32, _ q: Int) { view.pushHead(s, q) }
    /// Takes slot `s` out of its queue (it keeps its id and byte).
    @inline(__always) func remove(_ s: Int32) { view.remove(s) }
    /// Moves slot `s` to the head of queue `q` (its own or another).
    @inline(__always) func moveToHead(_ s: Int32, _ q: Int) { view.moveToHead(s, q) }

    /// The slot nearest the tail of resident queue `q` whose block is not pinned, or `none`.
    /// O(1) when nothing or everything resident is pinned, else O(1 + pinned skipped).
    @inline(__always)
    func unpinnedFromTail(_ q: Int, cache: borrowing BlockCache) -> Int32 {
        if cache.allResidentPinned { return Self.none }
        let v = view
        var s = v.tail(q)
        while s != Self.none, cache.isPinned(v.id(s)) { s = v.before(s) }
        return s
    }

    /// Walks queue `q`: links consistent, every node tagged `q`, its block resident in `cache`
    /// exactly when `resident`, no block twice, and the walk's length equals the count. Returns
    /// the blocks, head first. O(count).
    @discardableResult
    func check(_ q: Int, name: String, resident: Bool, cache: borrowing BlockCache) throws(InvariantViolation) -> [Int32] {
        var ids: [Int32] = []
        var seen = Set<Int32>()
        if nodes[q].tag != UInt8(q + 1) { throw InvariantViolation("\(name): sentinel \(q) tagged \(nodes[q].tag)") }
        var s = nodes[q].next
        var before = Int32(q)
        while s != Int32(q) {
            if s < queueCount { throw InvariantViolation("\(name): links into sentinel \(s)") }
            if ids.count >= counts[q] { throw InvariantViolation("\(name): longer than its count \(counts[q]) (a cycle?)") }
            let node = nodes[Int(s)]
            if node.prev != before { throw InvariantViolation("\(name): broken back link at slot \(s)") }
            if Int(node.tag) != q + 1 { throw InvariantViolation("\(name): slot \(s) tagged \(node.tag)") }
            if cache.contains(node.id) != resident {
                throw InvariantViolation("\(name): block \(node.id) is \(resident ? "absent" : "resident") in the cache")
            }
            if !seen.insert(node.id).inserted { throw InvariantViolation("\(name): block \(node.id) queued twice") }
            ids.append(node.id)
            before = s
            s = node.next
        }
        if before != nodes[q].prev { throw InvariantViolation("\(name): tail \(nodes[q].prev) is not the last node \(before)") }
        if ids.count != counts[q] { throw InvariantViolation("\(name): \(ids.count) nodes but count \(counts[q])") }
        return ids
    }

    /// The queues `residentQueues` hold `cache.count` blocks; with `check` on each (resident,
    /// no block twice within a queue) and no block in two of them, every resident block is in
    /// exactly one. O(count).
    func checkResidents(in residentQueues: Range<Int>, cache: borrowing BlockCache) throws(InvariantViolation) {
        var listed = 0
        var seen = Set<Int32>()
        for q in residentQueues {
            listed += counts[q]
            var s = head(q)
            while s != Self.none {
                if !seen.insert(nodes[Int(s)].id).inserted { throw InvariantViolation("block \(nodes[Int(s)].id) in two queues") }
                s = after(s)
            }
        }
        if listed != cache.count { throw InvariantViolation("queues hold \(listed) blocks, cache \(cache.count)") }
    }

    /// Checks a policy's id -> slot map against the ids its queues list (`check`'s results):
    /// no id listed twice, each listed id's slot holds it, and no other id has a slot.
    /// O(universe); for tests.
    func checkIdMap(_ slot: borrowing FlatArray<Int32>, listed: [Int32], universe: Int, name: String) throws(InvariantViolation) {
        if Set(listed).count != listed.count { throw InvariantViolation("\(name): an id in two queues") }
        for v in listed where id(slot[Int(v)]) != v {
            throw InvariantViolation("\(name): id \(v) maps to slot \(slot[Int(v)]), which holds another")
        }
        var mapped = 0
        for i in 0 ..< universe where slot[i] != Self.none { mapped += 1 }
        if mapped != listed.count { throw InvariantViolation("\(name): \(mapped) ids mapped to slots, \(listed.count) listed") }
    }

    /// Every slot past the sentinels is either queued or free, and the queued ones are counted.
    /// O(slots).
    func checkPool() throws(InvariantViolation) {
        var freeCount = 0
        var s = free
        while s != Self.none {
            freeCount += 1
            if freeCount > Int(used - queueCount) { throw InvariantViolation("slot pool: free list longer than the pool (a cycle?)") }
            if s < queueCount || nodes[Int(s)].tag != 0 { throw InvariantViolation("slot pool: free slot \(s) is queued") }
            s = nodes[Int(s)].next
        }
        var queued = 0
        for q in 0 ..< counts.count { queued += counts[q] }
        if queued + freeCount != Int(used - queueCount) {
            throw InvariantViolation("slot pool: \(queued) queued and \(freeCount) free of \(used - queueCount) slots")
        }
    }
}
