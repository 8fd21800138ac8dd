/// `clock`: CLOCK / second chance (Corbató, "A paging experiment with the Multics system",
/// MIT Project MAC Report MAC-M-384, 1968), ported from libCacheSim's `Clock.c` (libCacheSim
/// 0.3.5, as bundled in the PyPI wheel `libcachesim==0.3.5`) with its default parameters
/// `init-freq=0,n-bit-counter=1`.
///
/// The rule, as libCacheSim keeps it: a FIFO queue with a small counter per block. A new block
/// enters at the head with counter `initialFrequency` (0); a hit raises the counter by one up to
/// `2^counterBits - 1` (1: the reference bit). To evict, look at the tail: while its counter is
/// at least 1, lower the counter by one and move the block to the head (the hand passes it);
/// evict the first tail whose counter is 0.
///
/// Pins (MODEL 3.3): a pinned tail whose counter is 0 is passed like a referenced one (moved to
/// the head, counter unchanged). When a whole rotation meets only pinned blocks with counter 0,
/// every resident block is pinned, and the tail is evicted.
///
/// Kept as libCacheSim's queue seen as a circle: the blocks sit in a ring of `capacity` slots,
/// from the tail (the slot under `hand`) toward the head (the slot before it). Moving the tail to
/// the head is one step of the hand; the block inserted after an eviction takes the victim's
/// slot, which is the head's place, and the hand moves past it. Before the first eviction the
/// ring fills from slot 0 with the hand at 0. This is the same order as libCacheSim's list
/// (every eviction happens in a full cache and is followed by the insertion).
///
/// O(1) hit and insert; eviction is amortized O(1) (each pass over a block spends one counter
/// unit it earned on a hit), plus pinned blocks passed. Memory: 1 byte per distinct block (the
/// counter) and 4 bytes per block of capacity (the ring).
public struct ClockPolicy: GrowablePolicy, ~Copyable {
    public let capacity: Int
    public let maxFrequency: UInt8
    public let initialFrequency: UInt8
    /// The ring of resident ids; slots `0 ..< count` are used.
    private var ring: FlatArray<Int32>
    private var count = 0
    /// The tail's slot.
    private var hand = 0
    /// The slot an eviction emptied, waiting for the insertion, or -1.
    private var hole = -1
    private var freq: FlatArray<UInt8>

    /// `capacity` the ring's size, at least the cache's capacity (the ring holds every resident
    /// block; a smaller ring stops at a precondition); `counterBits` 1 ... 7 (libCacheSim
    /// `n-bit-counter`), `initialFrequency` the counter of a new block (libCacheSim `init-freq`),
    /// at most `2^counterBits - 1`.
    public init(capacity: Int, universe: Int, counterBits: Int = 1, initialFrequency: Int = 0) {
        precondition((1 ... 7).contains(counterBits), "clock: counter bits must be 1...7")
        let maxFrequency = (1 << counterBits) - 1
        precondition((0 ... maxFrequency).contains(initialFrequency), "clock: initial frequency out of range")
        self.capacity = capacity
        self.maxFrequency = UInt8(maxFrequency)
        self.initialFrequency = UInt8(initialFrequency)
        ring = FlatArray(repeating: -1, count: Swift.max(capacity, 1))
        freq = FlatArray(repeating: 0, count: universe)
    }

    @inline(__always)
    public mutating func hit(_ id: Int32, clock: Int, cache: inout BlockCache) {
        let i = Int(id)
        let f = freq[i]
        if f < maxFrequency { freq[i] = f &+ 1 }
    }

    @inline(__always)
    public mutating func inserted(_ id: Int32, clock: Int, cache: inout BlockCache) {
        if hole >= 0 {
            ring[hole] = id
            hand = hole &+ 1 == count ? 0 : hole &+ 1
            hole = -1
        } else {
            precondition(count < ring.count, "clock: insertion into a full ring")
            ring[count] = id
            count &+= 1
        }
        freq[Int(id)] = initialFrequency
    }

    public mutating func evict(cache: inout BlockCache) -> Int32 {
        precondition(hole < 0 && count > 0, "clock: eviction before the previous insertion")
        var h = hand
        var pinnedPasses = 0
        while true {
            let v = ring[h]
            let i = Int(v)
            let f = freq[i]
            if f >= 1 {
                freq[i] = f &- 1
                pinnedPasses = 0
            } else if cache.isPinned(v), pinnedPasses < count {
                pinnedPasses &+= 1
            } else {
                hand = h
                hole = h
                return v
            }
            h &+= 1
            if h == count { h = 0 }
        }
    }

    /// The whole access of a request of one block, nothing pinned (MODEL 3.4): `hit`, or `evict`
    /// and `inserted` fused: the hand lowers counters up to the first block at 0, whose ring slot
    /// the new block takes; then the counters of the next two blocks in the ring start loading
    /// for the next eviction.
    @inline(__always)
    public mutating func accessOneBlock(_ id: Int32, clock: Int, cache: inout BlockCache) -> UInt8 {
        let counters = freq.pointer
        if cache.contains(id) {
            let f = counters[Int(id)]
            if f < maxFrequency { counters[Int(id)] = f &+ 1 }
            return 1
        }
        let slots = ring.pointer
        if cache.isFull {
            var h = hand
            var victim = slots[h]
            while counters[Int(victim)] >= 1 {
                counters[Int(victim)] &-= 1
                h &+= 1
                if h == count { h = 0 }
                victim = slots[h]
            }
            cache.evict(victim)
            cache.insert(id)
            slots[h] = id
            h &+= 1
            if h == count { h = 0 }
            hand = h
            freq.prefetch(Int(slots[h]))
            freq.prefetch(Int(slots[h &+ 1 == count ? 0 : h &+ 1]))
        } else {
            cache.insert(id)
            precondition(count < ring.count, "clock: insertion into a full ring")
            slots[count] = id
            count &+= 1
        }
        counters[Int(id)] = initialFrequency
        return 0
    }

    @inline(__always)
    public func prefetch(_ id: Int32) { freq.prefetch(Int(id)) }

    public func checkInvariants(cache: borrowing BlockCache) throws(InvariantViolation) {
        if hole >= 0 { throw InvariantViolation("clock: slot \(hole) left empty after an eviction") }
        if count != cache.count { throw InvariantViolation("clock: \(count) in the ring, \(cache.count) resident") }
        if count < capacity, hand != 0 { throw InvariantViolation("clock: hand \(hand) moved before the ring filled") }
        var seen = Set<Int32>()
        for s in 0 ..< count {
            let v = ring[s]
            if !cache.contains(v) { throw InvariantViolation("clock: block \(v) in the ring but absent") }
            if !seen.insert(v).inserted { throw InvariantViolation("clock: block \(v) twice in the ring") }
            if freq[Int(v)] > maxFrequency { throw InvariantViolation("clock: block \(v) counter \(freq[Int(v)])") }
        }
    }

    public mutating func grow(universe: Int) {
        freq.grow(to: universe, filling: 0)
    }
}
