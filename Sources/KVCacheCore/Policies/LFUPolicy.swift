/// `lfu` (MODEL 4.3): evict the block with the fewest accesses since it was inserted
/// (in-cache frequency: the inserting access counts 1, each touch adds 1, eviction forgets it);
/// ties go to the least recently accessed (recency = the access clock, in touch order). Pinned
/// blocks are skipped (MODEL 3.3); the incoming block is never its own victim because room
/// is made before it is inserted.
///
/// The O(1) LFU of Shah, Mitra and Matani ("An O(1) algorithm for implementing the LFU cache
/// eviction scheme", 2010): one bucket per frequency in use, the buckets in a list by rising
/// frequency, each holding its blocks in a list by access time. An access moves the block to
/// the tail of the next bucket: its clock is the largest yet, so each bucket stays ordered by
/// recency without storing it, and the head of the lowest bucket is the least (frequency,
/// recency). Victims are taken from there, skipping pinned blocks in that order. O(1) per hit
/// and insertion, O(1 + pinned blocks skipped) per eviction, flat arrays, no allocation.
///
/// The blocks' nodes sit in a pool of `capacity` slots, found from the id through an id -> slot
/// map, and the buckets in a pool of `capacity + 1` (at most one per resident block, plus the
/// one a hit opens before its old bucket empties); the block inserted after an eviction takes
/// the victim's slot. Both pools grow (doubling) only if the cache's capacity was not given.
/// Memory: 4 bytes per distinct block, 16 bytes per block of capacity and 20 per bucket.
public struct LFUPolicy: GrowablePolicy, ~Copyable {
    private static let none: Int32 = -1

    struct Node {
        /// Neighbours in the bucket (toward the head: older).
        var older: Int32
        var newer: Int32
        var bucket: Int32
        var id: Int32
    }

    struct Bucket {
        var frequency: Int32
        var head: Int32
        var tail: Int32
        /// The bucket of the next higher / lower frequency.
        var next: Int32
        var prev: Int32
    }

    private var count = 0
    /// The slot of each resident block (stale for absent ones).
    private var slot: FlatArray<Int32>
    private var nodes: FlatArray<Node>
    /// Slots `0 ..< usedSlots` have been handed out; freed ones are chained through `newer`.
    private var usedSlots: Int32 = 0
    private var freeSlot: Int32 = none
    /// Buckets, from a pool with a free list chained through `next`.
    private var buckets: FlatArray<Bucket>
    private var lowest: Int32 = none
    private var freeBucket: Int32 = none
    private var unusedBuckets: Int32 = 0

    /// - Parameter capacity: the cache's capacity; without it, the pools take the cache's
    ///   capacity at the first insertion.
    public init(universe: Int, capacity: Int = 0) {
        slot = FlatArray(repeating: Self.none, count: universe)
        nodes = FlatArray(repeating: Node(older: Self.none, newer: Self.none, bucket: Self.none, id: Self.none),
                          count: max(capacity, 1))
        buckets = FlatArray(repeating: Bucket(frequency: 0, head: Self.none, tail: Self.none, next: Self.none, prev: Self.none),
                            count: capacity + 2)
    }

    public mutating func hit(_ id: Int32, clock: Int, cache: inout BlockCache) {
        let s = slot[Int(id)]
        let from = nodes[Int(s)].bucket
        let f = buckets[Int(from)].frequency &+ 1
        let next = buckets[Int(from)].next
        let to = next != Self.none && buckets[Int(next)].frequency == f ? next : newBucket(frequency: f, after: from, cache: cache)
        unlink(s, from: from)
        append(s, to: to)
    }

    public mutating func inserted(_ id: Int32, clock: Int, cache: inout BlockCache) {
        let s: Int32
        if freeSlot != Self.none {
            s = freeSlot
            freeSlot = nodes[Int(s)].newer
        } else {
            if Int(usedSlots) == nodes.count {
                nodes.grow(to: max(nodes.count * 2, cache.capacity),
                           filling: Node(older: Self.none, newer: Self.none, bucket: Self.none, id: Self.none))
            }
            s = usedSlots
            usedSlots &+= 1
        }
        nodes[Int(s)].id = id
        slot[Int(id)] = s
        count += 1
        let to = lowest != Self.none && buckets[Int(lowest)].frequency == 1 ? lowest : newBucket(frequency: 1, after: Self.none, cache: cache)
        append(s, to: to)
    }

    public mutating func evict(cache: inout BlockCache) -> Int32 {
        var victim = buckets[Int(lowest)].head
        if !cache.allResidentPinned {
            // The least (frequency, recency) that is not pinned; with every block pinned (a
            // request larger than the cache) the least one goes, pinned or not.
            var b = lowest
            search: while b != Self.none {
                var s = buckets[Int(b)].head
                while s != Self.none {
                    if !cache.isPinned(nodes[Int(s)].id) { victim = s; break search }
                    s = nodes[Int(s)].newer
                }
                b = buckets[Int(b)].next
            }
        }
        unlink(victim, from: nodes[Int(victim)].bucket)
        nodes[Int(victim)].bucket = Self.none
        nodes[Int(victim)].newer = freeSlot
        freeSlot = victim
        count -= 1
        return nodes[Int(victim)].id
    }

    /// Room for ids `0 ..< universe` (streams, MODEL 3.7): new ids absent.
    public mutating func grow(universe: Int) {
        slot.grow(to: universe, filling: Self.none)
    }

    // MARK: Lists

    /// A bucket of frequency `f` placed after `previous` (or first, for `none`).
    private mutating func newBucket(frequency f: Int32, after previous: Int32, cache: borrowing BlockCache) -> Int32 {
        let b: Int32
        if freeBucket != Self.none {
            b = freeBucket
            freeBucket = buckets[Int(b)].next
        } else {
            if Int(unusedBuckets) == buckets.count {
                buckets.grow(to: max(buckets.count * 2, cache.capacity + 2),
                             filling: Bucket(frequency: 0, head: Self.none, tail: Self.none, next: Self.none, prev: Self.none))
            }
            b = unusedBuckets
            unusedBuckets &+= 1
        }
        let next = previous == Self.none ? lowest : buckets[Int(previous)].next
        buckets[Int(b)] = Bucket(frequency: f, head: Self.none, tail: Self.none, next: next, prev: previous)
        if previous == Self.none { lowest = b } else { buckets[Int(previous)].next = b }
        if next != Self.none { buckets[Int(next)].prev = b }
        return b
    }

    @inline(__always)
    private func append(_ s: Int32, to b: Int32) {
        let bi = Int(b)
        let tail = buckets[bi].tail
        nodes[Int(s)].bucket = b
        nodes[Int(s)].older = tail
        nodes[Int(s)].newer = Self.none
        if tail != Self.none { nodes[Int(tail)].newer = s } else { buckets[bi].head = s }
        buckets[bi].tail = s
    }

    /// Takes slot `s` out of bucket `b`, and `b` out of the list when it empties.
    @inline(__always)
    private mutating func unlink(_ s: Int32, from b: Int32) {
        let bi = Int(b)
        let o = nodes[Int(s)].older, n = nodes[Int(s)].newer
        if o != Self.none { nodes[Int(o)].newer = n } else { buckets[bi].head = n }
        if n != Self.none { nodes[Int(n)].older = o } else { buckets[bi].tail = o }
        guard buckets[bi].head == Self.none else { return }
        let p = buckets[bi].prev, q = buckets[bi].next
        if p != Self.none { buckets[Int(p)].next = q } else { lowest = q }
        if q != Self.none { buckets[Int(q)].prev = p }
        buckets[bi].next = freeBucket
        freeBucket = b
    }

    @inline(__always)
    public func prefetch(_ id: Int32) { slot.prefetch(Int(id)) }

    /// Every resident block sits once in one bucket, through its slot; buckets are non-empty
    /// and in rising frequency; the listed blocks are the resident ones.
    public func checkInvariants(cache: borrowing BlockCache) throws(InvariantViolation) {
        var listed = Array(repeating: false, count: cache.universe)
        var n = 0, lastFrequency: Int32 = 0
        var b = lowest, previous = Self.none
        while b != Self.none {
            let bucket = buckets[Int(b)]
            let f = bucket.frequency
            if f <= lastFrequency { throw InvariantViolation("lfu: bucket frequencies not rising (\(lastFrequency), \(f))") }
            if bucket.prev != previous { throw InvariantViolation("lfu: bucket \(b) has a wrong back link") }
            if bucket.head == Self.none { throw InvariantViolation("lfu: empty bucket of frequency \(f) listed") }
            var s = bucket.head, before = Self.none
            while s != Self.none {
                let node = nodes[Int(s)]
                let i = Int(node.id)
                if i < 0 || i >= cache.universe { throw InvariantViolation("lfu: slot \(s) holds id \(i)") }
                if listed[i] { throw InvariantViolation("lfu: block \(i) listed twice") }
                listed[i] = true
                if slot[i] != s || node.bucket != b { throw InvariantViolation("lfu: block \(i) in slot \(s), mapped to \(slot[i])") }
                if node.older != before { throw InvariantViolation("lfu: block \(i) has a wrong back link") }
                n += 1
                if n > count { throw InvariantViolation("lfu: more blocks listed than counted \(count) (a cycle?)") }
                before = s
                s = node.newer
            }
            if bucket.tail != before { throw InvariantViolation("lfu: bucket \(b) has a wrong tail") }
            lastFrequency = f
            previous = b
            b = bucket.next
        }
        for i in 0 ..< cache.universe where cache.contains(Int32(i)) != listed[i] {
            throw InvariantViolation("lfu: block \(i) resident=\(cache.contains(Int32(i))), listed \(listed[i])")
        }
        if n != count || n != cache.count { throw InvariantViolation("lfu: \(n) listed, count \(count), \(cache.count) resident") }
    }
}
