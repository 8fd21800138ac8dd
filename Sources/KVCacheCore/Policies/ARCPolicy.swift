/// `arc`: ARC (Megiddo, Modha, "ARC: A Self-Tuning, Low Overhead Replacement Cache", FAST 2003),
/// ported from libCacheSim's `ARC.c` (libCacheSim 0.3.5, as bundled in the PyPI wheel
/// `libcachesim==0.3.5`).
///
/// Four LRU lists: T1 (seen once recently) and T2 (seen at least twice) hold the resident
/// blocks; B1 and B2 hold ids only (ghosts, not resident) of blocks evicted from T1 and T2. The
/// target size p of T1 is a `Double` in [0, c], c = `capacity`.
/// - Hit in T1 or T2: the block moves to T2's head.
/// - Miss on a ghost in B1: p = min(p + max(|B2| / |B1|, 1), c); in B2: p = max(p - max(|B1| /
///   |B2|, 1), 0), with the list sizes taken before the id leaves its ghost list. This lookup
///   happens before any eviction. If room is needed, REPLACE runs; the block enters T2's head.
/// - Miss on all four lists (the paper's case IV), when room is needed: if |T1| + |B1| + 1 > c,
///   then if B1 is not empty its tail is dropped and REPLACE runs, else T1's tail is evicted with
///   no ghost; otherwise, if |T1| + |B1| + |T2| + |B2| >= 2c, B2's tail is dropped (when B2 is not
///   empty), and REPLACE runs. The block enters T1's head.
/// - REPLACE: if (|T1| > 0 and (|T1| > p or (|T1| == p and the missed id was in B2))) or T2 is
///   empty, T1's tail moves to B1's head; else T2's tail moves to B2's head.
///
/// libCacheSim quirks kept: p is a real number (the paper rounds nothing either, but many ports
/// use integers), compared with the integer |T1|; the case-IV tests are written as
/// `|T1| + |B1| + 1 > c` and `|B1| > 0` (equivalent to the paper's `|T1| + |B1| = c` and
/// `|T1| < c` while its invariants hold); evictions only happen when the cache is full (the
/// paper's REPLACE on a ghost hit always runs, but a ghost hit implies a full cache).
///
/// Pins (MODEL 3.3): the victim is the unpinned block nearest the tail of the list REPLACE (or
/// case IV) chose; when that list has none, the other resident list's (moving to its own
/// ghost list); when every resident block is pinned, the chosen list's tail. Ghost drops and
/// p are unaffected.
///
/// The four lists live in a pool of `2 * capacity` slots (`SlotQueues`) with an id -> slot map;
/// an id keeps its slot while it moves between a resident list and its ghost list.
///
/// O(1) per access (plus pinned blocks skipped at eviction). Memory: 4 bytes per distinct block
/// and 16 bytes per slot (two per block of capacity: resident and ghost ids).
public struct ARCPolicy: GrowablePolicy, ~Copyable {
    public let capacity: Int
    private static let t1 = 0, t2 = 1, b1 = 2, b2 = 3
    private var lists: SlotQueues
    /// The slot of each id in one of the four lists, else `none`.
    private var slot: FlatArray<Int32>
    /// The target size of T1.
    public private(set) var p: Double = 0
    /// The missed block being served was found in B1 / B2.
    private var missInB1 = false
    private var missInB2 = false
    /// The slot a missed ghost id left, kept for its insertion, or `none`.
    private var pending: Int32 = SlotQueues.none

    public init(capacity: Int, universe: Int) {
        self.capacity = capacity
        lists = SlotQueues(slots: 2 * capacity + 1, queues: 4)
        slot = FlatArray(repeating: SlotQueues.none, count: universe)
    }

    @inline(__always)
    public mutating func hit(_ id: Int32, clock: Int, cache: inout BlockCache) {
        lists.moveToHead(slot[Int(id)], Self.t2)
    }

    @inline(__always)
    public mutating func miss(_ id: Int32, clock: Int, cache: borrowing BlockCache) {
        missInB1 = false
        missInB2 = false
        let s = slot[Int(id)]
        if s == SlotQueues.none { return }
        switch lists.queue(s) {
        case Self.b1:
            missInB1 = true
            let delta = max(Double(lists.count(Self.b2)) / Double(lists.count(Self.b1)), 1)
            p = min(p + delta, Double(capacity))
            lists.remove(s)
            pending = s
        case Self.b2:
            missInB2 = true
            let delta = max(Double(lists.count(Self.b1)) / Double(lists.count(Self.b2)), 1)
            p = max(p - delta, 0)
            lists.remove(s)
            pending = s
        default:
            break
        }
    }

    @inline(__always)
    public mutating func inserted(_ id: Int32, clock: Int, cache: inout BlockCache) {
        if missInB1 || missInB2 {
            lists.pushHead(pending, Self.t2)
            pending = SlotQueues.none
            missInB1 = false
            missInB2 = false
        } else {
            let s = lists.allocate(id, minimumSlots: 2 * capacity + 1)
            slot[Int(id)] = s
            lists.pushHead(s, Self.t1)
        }
    }

    public mutating func evict(cache: inout BlockCache) -> Int32 {
        if missInB1 || missInB2 { return replace(cache: cache) }
        let t1 = lists.count(Self.t1), b1 = lists.count(Self.b1)
        if t1 + b1 + 1 > capacity {
            if b1 > 0 {
                drop(lists.tail(Self.b1))
                return replace(cache: cache)
            }
            // T1's tail leaves with no ghost.
            var s = lists.unpinnedFromTail(Self.t1, cache: cache)
            if s == SlotQueues.none {
                let w = lists.unpinnedFromTail(Self.t2, cache: cache)
                if w != SlotQueues.none { return demote(w, to: Self.b2) }
                s = lists.tail(Self.t1)
            }
            return drop(s)
        }
        let b2 = lists.count(Self.b2)
        if t1 + b1 + lists.count(Self.t2) + b2 >= 2 * capacity, b2 > 0 {
            drop(lists.tail(Self.b2))
        }
        return replace(cache: cache)
    }

    /// The whole access of a request of one block, nothing pinned (MODEL 3.4): `hit`, or `miss`,
    /// `evict` and `inserted` fused, with the same lists, p and victim. With nothing pinned the
    /// list REPLACE (or case IV) picks is never empty, so no other list is tried, and whether the
    /// missed id was a ghost lives in a local rather than in `missInB1` / `missInB2` / `pending`.
    /// The lists are worked through one `SlotQueues.View`, the id -> slot map through its base.
    @inline(__always)
    public mutating func accessOneBlock(_ id: Int32, clock: Int, cache: inout BlockCache) -> UInt8 {
        let v = lists.view, slots = slot.pointer
        var s = slots[Int(id)]
        if cache.contains(id) {
            v.moveToHead(s, Self.t2)
            return 1
        }
        // A ghost adapts p and leaves its list; its slot goes to T2's head below.
        var ghost = -1
        if s != SlotQueues.none {
            ghost = v.queue(s)
            assert(ghost == Self.b1 || ghost == Self.b2, "arc: absent block \(id) in a resident list")
            let b1 = Double(v.count(Self.b1)), b2 = Double(v.count(Self.b2))
            p = ghost == Self.b1 ? min(p + max(b2 / b1, 1), Double(capacity)) : max(p - max(b1 / b2, 1), 0)
            v.remove(s)
        }
        // A slot this miss frees (a dropped ghost's, or case IV's victim's): the new block takes
        // it, as `allocate` would take it back from the free list after `release`.
        var spare = SlotQueues.none
        if cache.isFull {
            let victim: Int32
            let t1 = v.count(Self.t1), b1 = v.count(Self.b1)
            if ghost < 0 && t1 &+ b1 &+ 1 > capacity && b1 == 0 {
                // Case IV: T1's tail leaves with no ghost.
                spare = v.tail(Self.t1)
                victim = v.id(spare)
                v.remove(spare)
                slots[Int(victim)] = SlotQueues.none
            } else {
                if ghost < 0 {
                    if t1 &+ b1 &+ 1 > capacity {
                        spare = v.tail(Self.b1)
                    } else if v.count(Self.b2) > 0, t1 &+ b1 &+ v.count(Self.t2) &+ v.count(Self.b2) >= 2 &* capacity {
                        spare = v.tail(Self.b2)
                    }
                    if spare != SlotQueues.none {
                        let g = v.queue(spare)
                        slots[Int(v.id(spare))] = SlotQueues.none
                        v.remove(spare)
                        // The map entry the next drop from this list clears starts loading.
                        let next = v.tail(g)
                        if next != SlotQueues.none { slot.prefetch(Int(v.id(next))) }
                    }
                }
                // REPLACE; the list it picks holds a block (T1 and T2 hold the full cache).
                let fromT1 = (t1 > 0 && (Double(t1) > p || (Double(t1) == p && ghost == Self.b2))) || v.count(Self.t2) == 0
                let from = fromT1 ? Self.t1 : Self.t2
                let t = v.tail(from)
                victim = v.id(t)
                v.remove(t)
                v.pushHead(t, from &+ 2)
            }
            cache.evict(victim)
        }
        cache.insert(id)
        if ghost >= 0 {
            v.pushHead(s, Self.t2)
        } else if spare != SlotQueues.none {
            v.setId(spare, id)
            slots[Int(id)] = spare
            v.pushHead(spare, Self.t1)
        } else {
            s = lists.allocate(id, minimumSlots: 2 * capacity + 1)  // never grows: 2c ids at most
            slots[Int(id)] = s
            lists.view.pushHead(s, Self.t1)
        }
        return 0
    }

    /// The paper's REPLACE: T1's tail to B1, or T2's tail to B2.
    @inline(__always)
    private mutating func replace(cache: borrowing BlockCache) -> Int32 {
        let t1 = lists.count(Self.t1)
        let fromT1 = (t1 > 0 && (Double(t1) > p || (Double(t1) == p && missInB2))) || lists.count(Self.t2) == 0
        let (first, second) = fromT1 ? (Self.t1, Self.t2) : (Self.t2, Self.t1)
        var s = lists.unpinnedFromTail(first, cache: cache)
        if s != SlotQueues.none { return demote(s, to: first + 2) }
        s = lists.unpinnedFromTail(second, cache: cache)
        if s != SlotQueues.none { return demote(s, to: second + 2) }
        return demote(lists.tail(first), to: first + 2)
    }

    /// Evicts the resident block in slot `s`, leaving its id at the head of `ghost`.
    @inline(__always)
    private mutating func demote(_ s: Int32, to ghost: Int) -> Int32 {
        lists.remove(s)
        lists.pushHead(s, ghost)
        return lists.id(s)
    }

    /// Takes slot `s` out of its list and forgets its id (a ghost dropped, or a resident block
    /// evicted with no ghost); returns the id.
    @inline(__always)
    @discardableResult
    private mutating func drop(_ s: Int32) -> Int32 {
        let id = lists.id(s)
        lists.remove(s)
        lists.release(s)
        slot[Int(id)] = SlotQueues.none
        return id
    }

    @inline(__always)
    public func prefetch(_ id: Int32) { slot.prefetch(Int(id)) }

    /// The node of `id`'s slot (a hit moves it, a ghost leaves its list).
    @inline(__always)
    public func prefetchDependent(_ id: Int32) { lists.prefetch(slot[Int(id)]) }

    public func checkInvariants(cache: borrowing BlockCache) throws(InvariantViolation) {
        var listed: [Int32] = []
        listed += try lists.check(Self.t1, name: "arc T1", resident: true, cache: cache)
        listed += try lists.check(Self.t2, name: "arc T2", resident: true, cache: cache)
        listed += try lists.check(Self.b1, name: "arc B1", resident: false, cache: cache)
        listed += try lists.check(Self.b2, name: "arc B2", resident: false, cache: cache)
        try lists.checkResidents(in: Self.t1 ..< Self.t2 + 1, cache: cache)
        try lists.checkPool()
        try lists.checkIdMap(slot, listed: listed, universe: cache.universe, name: "arc")
        let t1 = lists.count(Self.t1), t2 = lists.count(Self.t2)
        let b1 = lists.count(Self.b1), b2 = lists.count(Self.b2)
        if t1 + b1 > capacity { throw InvariantViolation("arc: |T1| + |B1| = \(t1 + b1) above c = \(capacity)") }
        if t1 + t2 + b1 + b2 > 2 * capacity {
            throw InvariantViolation("arc: |T1| + |T2| + |B1| + |B2| = \(t1 + t2 + b1 + b2) above 2c")
        }
        if !(p >= 0 && p <= Double(capacity)) { throw InvariantViolation("arc: p = \(p) outside [0, \(capacity)]") }
        if missInB1 || missInB2 || pending != SlotQueues.none {
            throw InvariantViolation("arc: ghost-hit state left set between accesses")
        }
    }

    public mutating func grow(universe: Int) {
        slot.grow(to: universe, filling: SlotQueues.none)
    }
}
