import KVCacheCore
import KVCacheInput

/// The live-slot counter behind `LRUStackDistances`: a bitset with one bit per time slot (set
/// when the slot is some block's latest access) under a 64-ary tree of counts: level 0 counts
/// each word's live slots, each entry of level h + 1 the 64 entries of level h below it, up to a
/// level of at most 64 entries. A prefix count adds, on each level, the entries before the path
/// inside their group of 64 (contiguous, summed with vector instructions), plus one popcount; an
/// update adds 1 to one entry per level. So an access is about three short scans and six
/// increments over arrays that stay in cache, instead of a Fenwick tree's ~45 dependent steps:
/// O(64 x log64(slots / 64)) per query, O(log64(slots / 64)) per update.
/// Slots are a window of `2 x universe`: when they run out, the live ones are renumbered in
/// order (a block's new slot is the rank of its old one, read from the bits), so no slot-to-block
/// map is kept. Memory: 4 bytes per block plus 2 bits and 1/32 byte per slot.
struct SlotTree: ~Copyable {
    private var bits: FlatArray<UInt64>     // bit s: slot s is live
    private var counts: FlatArray<Int32>    // every level's counts, level 0 (per word) first
    private var levelStart: [Int] = []        // start of each level in `counts`
    private var lastSlot: FlatArray<Int32>  // each block's latest slot, -1 when never seen
    private var top = 0                       // next unused slot
    private var live = 0                      // blocks seen so far (= live slots)
    private var size: Int
    private var words: Int

    init(universe: Int) {
        size = max(2 * universe, 1024)
        words = (size + 63) / 64
        bits = FlatArray(repeating: 0, count: words)
        counts = FlatArray(repeating: 0, count: 1)
        lastSlot = FlatArray(repeating: -1, count: max(universe, 1))
        layOutLevels()
    }

    /// Sizes the levels for `words` words and allocates `counts` (all zero).
    private mutating func layOutLevels() {
        var starts: [Int] = []
        var total = 0, n = words
        while true {
            starts.append(total)
            total += n
            if n <= 64 { break }
            n = (n + 63) / 64
        }
        levelStart = starts
        counts = FlatArray(repeating: 0, count: total)
    }

    /// The blocks this tree has room for.
    var universe: Int { lastSlot.count }

    /// Makes room for ids `0 ..< universe` (no-op when not larger), keeping every block's
    /// recency: compacts, then rebuilds over `2 x universe` slots (MODEL 3.7 streams). O(universe).
    mutating func grow(universe newUniverse: Int) {
        guard newUniverse > lastSlot.count else { return }
        compact()
        let newSize = max(2 * newUniverse, 1024)
        size = newSize
        words = (newSize + 63) / 64
        lastSlot.grow(to: newUniverse, filling: -1)
        bits = FlatArray(repeating: 0, count: words)
        layOutLevels()
        rebuildCounts()
    }

    /// 1 + distinct blocks accessed since `id`'s last access; 0 if never accessed.
    @inline(__always)
    func distance(of id: Int32) -> Int32 {
        let s = Int(lastSlot[Int(id)])
        if s < 0 { return 0 }
        return Int32(1 &+ live &- prefix(s))
    }

    /// Records an access to `id` at the next slot.
    @inline(__always)
    mutating func access(_ id: Int32) {
        let s = Int(lastSlot[Int(id)])
        if s >= 0 {
            bits[s >> 6] &= ~(UInt64(1) << UInt64(s & 63))
            add(word: s >> 6, -1)
        } else {
            live &+= 1
        }
        pushTop(id)
    }

    /// `distance(of: id)` then `access(id)` in one walk up the old slot's path: each level's
    /// entries before the path are counted and the path's entry decremented on the way (a
    /// one-block request, whose lookup at arrival is its only access's). Same cost bound as both.
    @inline(__always)
    mutating func accessReturningDistance(_ id: Int32) -> Int32 {
        let s = Int(lastSlot[Int(id)])
        var distance: Int32 = 0
        if s >= 0 {
            let w = s >> 6
            let word = bits[w]
            var sum = Int32((word & (UInt64.max >> UInt64(63 &- (s & 63)))).nonzeroBitCount)
            bits[w] = word & ~(UInt64(1) << UInt64(s & 63))
            var i = w
            for start in levelStart {
                for j in (start &+ (i & ~63)) ..< (start &+ i) { sum &+= counts[j] }
                counts[start &+ i] &-= 1
                i &>>= 6
            }
            distance = Int32(1 &+ live &- Int(sum))  // sum = prefix(s): live slots in 0...s
        } else {
            live &+= 1
        }
        pushTop(id)
        return distance
    }

    /// Gives `id` the next slot, compacting first when the slots have run out.
    @inline(__always)
    private mutating func pushTop(_ id: Int32) {
        if top == size { compact() }
        lastSlot[Int(id)] = Int32(top)
        bits[top >> 6] |= UInt64(1) << UInt64(top & 63)
        add(word: top >> 6, 1)
        top &+= 1
    }

    /// Starts loading what an access to `far` reads first (its last slot) and, for `near`, its
    /// slot's bit word and level-0 count. A hint only: results never depend on it. Both ids must
    /// be below `universe`; `near`'s slot may move before its access.
    @inline(__always)
    func prefetch(slotOf far: Int32, pathOf near: Int32) {
        lastSlot.prefetch(Int(far))
        let s = Int(lastSlot[Int(near)])
        if s < 0 { return }
        bits.prefetch(s >> 6)
        counts.prefetch(s >> 6)
    }

    /// Number of live slots in 0...s.
    @inline(__always)
    private func prefix(_ s: Int) -> Int {
        let w = s >> 6
        var sum = Int32((bits[w] & (UInt64.max >> UInt64(63 &- (s & 63)))).nonzeroBitCount)
        var i = w  // entries before i on this level, inside i's group of 64
        for start in levelStart {
            for j in (start &+ (i & ~63)) ..< (start &+ i) { sum &+= counts[j] }
            i &>>= 6
        }
        return Int(sum)
    }

    @inline(__always)
    private func add(word w: Int, _ delta: Int32) {
        var i = w
        for start in levelStart {
            counts[start &+ i] &+= delta
            i &>>= 6
        }
    }

    /// Renumbers the live slots 0..<live in order (each block's new slot is the number of live
    /// slots before its old one) and rebuilds bits and tree. O(universe + slots / 64).
    private mutating func compact() {
        var before = [Int32](repeating: 0, count: words + 1)  // live slots in the words before w
        for w in 0 ..< words { before[w + 1] = before[w] &+ Int32(bits[w].nonzeroBitCount) }
        for id in 0 ..< lastSlot.count {
            let s = Int(lastSlot[id])
            if s < 0 { continue }
            let below = bits[s >> 6] & ((UInt64(1) << UInt64(s & 63)) &- 1)
            lastSlot[id] = before[s >> 6] &+ Int32(below.nonzeroBitCount)
        }
        top = Int(before[words])  // the live slots (the accessed block's may be cleared already)
        rebuildCounts()
    }

    /// Sets the bits of slots `0 ..< top` (all live after a compaction) and recounts every level.
    private func rebuildCounts() {
        bits.fill(0)
        counts.fill(0)
        for s in 0 ..< top { bits[s >> 6] |= UInt64(1) << UInt64(s & 63) }
        for w in 0 ..< words { counts[w] = Int32(bits[w].nonzeroBitCount) }
        for h in 1 ..< levelStart.count {
            let below = levelStart[h - 1], here = levelStart[h]
            for e in 0 ..< here - below { counts[here + (e >> 6)] &+= counts[below + e] }
        }
    }
}
