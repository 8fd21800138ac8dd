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
public struct LFUPolicy: GrowablePolicy, ~Copyable {
    private static let none: Int32 = -1
    private var count = 0
    private var frequency: FlatArray<Int32>  // 0 = absent
    /// The block's bucket, and its neighbours there (toward the head: older).
    private var bucketOf: FlatArray<Int32>
    private var older: FlatArray<Int32>
    private var newer: FlatArray<Int32>
    /// Buckets, from a pool with a free list (at most one per resident block).
    private var bucketFrequency: FlatArray<Int32>
    private var bucketHead: FlatArray<Int32>
    private var bucketTail: FlatArray<Int32>
    private var bucketNext: FlatArray<Int32>  // the bucket of the next higher frequency
    private var bucketPrev: FlatArray<Int32>
    private var lowest: Int32 = none
    private var freeBucket: Int32 = none
    private var unusedBuckets: Int32 = 0

    public init(universe: Int) {
        frequency = FlatArray(repeating: 0, count: universe)
        bucketOf = FlatArray(repeating: Self.none, count: universe)
        older = FlatArray(repeating: Self.none, count: universe)
        newer = FlatArray(repeating: Self.none, count: universe)
        let pool = universe + 1
        bucketFrequency = FlatArray(repeating: 0, count: pool)
        bucketHead = FlatArray(repeating: Self.none, count: pool)
        bucketTail = FlatArray(repeating: Self.none, count: pool)
        bucketNext = FlatArray(repeating: Self.none, count: pool)
        bucketPrev = FlatArray(repeating: Self.none, count: pool)
    }

    public mutating func hit(_ id: Int32, clock: Int, cache: inout BlockCache) {
        let i = Int(id)
        let from = bucketOf[i]
        let f = frequency[i] &+ 1
        frequency[i] = f
        let next = bucketNext[Int(from)]
        let to = next != Self.none && bucketFrequency[Int(next)] == f ? next : newBucket(frequency: f, after: from)
        unlink(id, from: from)
        append(id, to: to)
    }

    public mutating func inserted(_ id: Int32, clock: Int, cache: inout BlockCache) {
        frequency[Int(id)] = 1
        count += 1
        let to = lowest != Self.none && bucketFrequency[Int(lowest)] == 1 ? lowest : newBucket(frequency: 1, after: Self.none)
        append(id, to: to)
    }

    public mutating func evict(cache: inout BlockCache) -> Int32 {
        var victim = bucketHead[Int(lowest)]
        if !cache.allResidentPinned {
            // The least (frequency, recency) that is not pinned; with every block pinned (a
            // request larger than the cache) the least one goes, pinned or not.
            var b = lowest
            search: while b != Self.none {
                var v = bucketHead[Int(b)]
                while v != Self.none {
                    if !cache.isPinned(v) { victim = v; break search }
                    v = newer[Int(v)]
                }
                b = bucketNext[Int(b)]
            }
        }
        unlink(victim, from: bucketOf[Int(victim)])
        frequency[Int(victim)] = 0
        count -= 1
        return victim
    }

    /// Room for ids `0 ..< universe` (streams, MODEL 3.7): new ids absent, one bucket more
    /// per new id in the pool.
    public mutating func grow(universe: Int) {
        frequency.grow(to: universe, filling: 0)
        bucketOf.grow(to: universe, filling: Self.none)
        older.grow(to: universe, filling: Self.none)
        newer.grow(to: universe, filling: Self.none)
        bucketFrequency.grow(to: universe + 1, filling: 0)
        bucketHead.grow(to: universe + 1, filling: Self.none)
        bucketTail.grow(to: universe + 1, filling: Self.none)
        bucketNext.grow(to: universe + 1, filling: Self.none)
        bucketPrev.grow(to: universe + 1, filling: Self.none)
    }

    // MARK: Lists

    /// A bucket of frequency `f` placed after `previous` (or first, for `none`).
    private mutating func newBucket(frequency f: Int32, after previous: Int32) -> Int32 {
        let b: Int32
        if freeBucket != Self.none {
            b = freeBucket
            freeBucket = bucketNext[Int(b)]
        } else {
            b = unusedBuckets
            unusedBuckets &+= 1
        }
        let bi = Int(b)
        bucketFrequency[bi] = f
        bucketHead[bi] = Self.none
        bucketTail[bi] = Self.none
        let next = previous == Self.none ? lowest : bucketNext[Int(previous)]
        bucketPrev[bi] = previous
        bucketNext[bi] = next
        if previous == Self.none { lowest = b } else { bucketNext[Int(previous)] = b }
        if next != Self.none { bucketPrev[Int(next)] = b }
        return b
    }

    @inline(__always)
    private mutating func append(_ id: Int32, to b: Int32) {
        let i = Int(id), bi = Int(b)
        let tail = bucketTail[bi]
        bucketOf[i] = b
        older[i] = tail
        newer[i] = Self.none
        if tail != Self.none { newer[Int(tail)] = id } else { bucketHead[bi] = id }
        bucketTail[bi] = id
    }

    /// Takes `id` out of bucket `b`, and `b` out of the list when it empties.
    @inline(__always)
    private mutating func unlink(_ id: Int32, from b: Int32) {
        let i = Int(id), bi = Int(b)
        let o = older[i], n = newer[i]
        if o != Self.none { newer[Int(o)] = n } else { bucketHead[bi] = n }
        if n != Self.none { older[Int(n)] = o } else { bucketTail[bi] = o }
        guard bucketHead[bi] == Self.none else { return }
        let p = bucketPrev[bi], q = bucketNext[bi]
        if p != Self.none { bucketNext[Int(p)] = q } else { lowest = q }
        if q != Self.none { bucketPrev[Int(q)] = p }
        bucketNext[bi] = freeBucket
        freeBucket = b
    }

    /// Every resident block sits once in the bucket of its frequency; buckets are non-empty and
    /// in rising frequency; absent blocks are in none.
    public func checkInvariants(cache: borrowing BlockCache) throws(InvariantViolation) {
        var listed = Array(repeating: false, count: cache.universe)
        var n = 0, lastFrequency: Int32 = 0
        var b = lowest, previous = Self.none
        while b != Self.none {
            let f = bucketFrequency[Int(b)]
            if f <= lastFrequency { throw InvariantViolation("lfu: bucket frequencies not rising (\(lastFrequency), \(f))") }
            if bucketPrev[Int(b)] != previous { throw InvariantViolation("lfu: bucket \(b) has a wrong back link") }
            if bucketHead[Int(b)] == Self.none { throw InvariantViolation("lfu: empty bucket of frequency \(f) listed") }
            var v = bucketHead[Int(b)], before = Self.none
            while v != Self.none {
                let i = Int(v)
                if listed[i] { throw InvariantViolation("lfu: block \(v) listed twice") }
                listed[i] = true
                if frequency[i] != f || bucketOf[i] != b { throw InvariantViolation("lfu: block \(v) of frequency \(frequency[i]) in the bucket of \(f)") }
                if older[i] != before { throw InvariantViolation("lfu: block \(v) has a wrong back link") }
                n += 1
                before = v
                v = newer[i]
            }
            if bucketTail[Int(b)] != before { throw InvariantViolation("lfu: bucket \(b) has a wrong tail") }
            lastFrequency = f
            previous = b
            b = bucketNext[Int(b)]
        }
        for i in 0 ..< cache.universe {
            let resident = cache.contains(Int32(i))
            if resident != (frequency[i] > 0) || resident != listed[i] {
                throw InvariantViolation("lfu: block \(i) resident=\(resident), frequency \(frequency[i]), listed \(listed[i])")
            }
        }
        if n != count || n != cache.count { throw InvariantViolation("lfu: \(n) listed, count \(count), \(cache.count) resident") }
    }
}
