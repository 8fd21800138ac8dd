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
/// O(1) hit and insert; eviction is amortized O(1) (each pass over a block spends one counter
/// unit it earned on a hit), plus pinned blocks passed. Memory: 10 bytes per distinct block.
public struct ClockPolicy: GrowablePolicy, ~Copyable {
    public let capacity: Int
    public let maxFrequency: UInt8
    public let initialFrequency: UInt8
    private var queue: PolicyQueues
    private var freq: FlatArray<UInt8>

    /// `counterBits` 1 ... 7 (libCacheSim `n-bit-counter`), `initialFrequency` the counter of a
    /// new block (libCacheSim `init-freq`), at most `2^counterBits - 1`.
    public init(capacity: Int, universe: Int, counterBits: Int = 1, initialFrequency: Int = 0) {
        precondition((1 ... 7).contains(counterBits), "clock: counter bits must be 1...7")
        let maxFrequency = (1 << counterBits) - 1
        precondition((0 ... maxFrequency).contains(initialFrequency), "clock: initial frequency out of range")
        self.capacity = capacity
        self.maxFrequency = UInt8(maxFrequency)
        self.initialFrequency = UInt8(initialFrequency)
        queue = PolicyQueues(universe: universe, queues: 1)
        freq = FlatArray(repeating: 0, count: universe)
    }

    @inline(__always)
    public mutating func hit(_ id: Int32, clock: Int, cache: inout BlockCache) {
        let i = Int(id)
        if freq[i] < maxFrequency { freq[i] &+= 1 }
    }

    @inline(__always)
    public mutating func inserted(_ id: Int32, clock: Int, cache: inout BlockCache) {
        queue.pushHead(id, 0)
        freq[Int(id)] = initialFrequency
    }

    public mutating func evict(cache: inout BlockCache) -> Int32 {
        var pinnedPasses = 0
        while true {
            let v = queue.tail(0)
            let i = Int(v)
            if freq[i] >= 1 {
                freq[i] &-= 1
                pinnedPasses = 0
            } else if cache.isPinned(v), pinnedPasses < queue.count(0) {
                pinnedPasses += 1
            } else {
                queue.remove(v)
                return v
            }
            queue.moveToHead(v, 0)
        }
    }

    public func checkInvariants(cache: borrowing BlockCache) throws(InvariantViolation) {
        try queue.check(0, name: "clock queue", resident: true, cache: cache)
        try queue.checkResidents(in: 0 ..< 1, cache: cache)
        var v = queue.head(0)
        while v != PolicyQueues.none {
            if freq[Int(v)] > maxFrequency { throw InvariantViolation("clock: block \(v) counter \(freq[Int(v)])") }
            v = queue.after(v)
        }
    }

    public mutating func grow(universe: Int) {
        queue.grow(universe: universe)
        freq.grow(to: universe, filling: 0)
    }
}
