import KVCacheCore

/// LRU stack distances measured at each request's arrival (SEMANTICS 5.1, 5.2), for `lru` and
/// `prefix_lru` (its own touch order), in one pass: O(accesses x log distinct blocks).
///
/// Every access takes a time slot; a bitset with a Fenwick tree over its words counts the slots
/// that are some block's latest access. The distance of block x is 1 + the number of live slots
/// after x's previous slot
/// (Mattson et al. 1970; Bennett and Kruskal 1975). A request's distances are all read before
/// any of its accesses updates the tree (lookup at arrival); updates follow the touch order.
/// Slots are compacted (live ones renumbered in order) whenever they run out, so the tree has
/// at most 2 x distinct slots: memory O(distinct), no allocation per access.
public enum LRUStackDistances {
    public static func profile(_ trace: Trace, policy: PolicyKind = .lru) -> StackDistanceProfile {
        precondition(policy == .lru || policy == .prefixLRU, "LRU stack distances are for lru and prefix_lru")
        var profile = StackDistanceProfile(policy: policy, trace: trace)
        forEachRequest(trace, reverse: policy.touchesInReverse) { r, distances in
            profile.record(request: r, distances: distances, trace: trace)
        }
        return profile
    }

    /// Calls `body(request, distances)` for every request, with each block's distance at
    /// arrival (0 = infinite), in request order.
    public static func forEachRequest(_ trace: Trace, reverse: Bool,
                                      _ body: (Int, UnsafeBufferPointer<Int32>) -> Void) {
        var tree = SlotTree(universe: trace.uniqueBlocks)
        var longest = 1
        for r in 0 ..< trace.requestCount { longest = max(longest, trace.blockRange(of: r).count) }
        let d = UnsafeMutablePointer<Int32>.allocate(capacity: longest)
        defer { d.deallocate() }
        trace.blockIds.withUnsafeBufferPointer { ids in
        trace.requestStarts.withUnsafeBufferPointer { starts in
            for r in 0 ..< trace.requestCount {
                let first = Int(starts[r])
                let n = Int(starts[r + 1]) &- first
                // Lookup at arrival: every distance before any update (SEMANTICS 5.2).
                for k in 0 ..< n { d[k] = tree.distance(of: ids[first &+ k]) }
                for j in 0 ..< n { tree.access(ids[first &+ (reverse ? n &- 1 &- j : j)]) }
                body(r, UnsafeBufferPointer(start: d, count: n))
            }
        }
        }
    }
}

/// The live-slot counter behind `LRUStackDistances`: a bitset with one bit per time slot (set
/// when the slot is some block's latest access) under a Fenwick tree of per-word counts. A
/// prefix count is a Fenwick query over words plus one popcount, so the tree is 64 times
/// smaller than a tree over slots and stays in cache: O(log(slots / 64)) per operation.
struct SlotTree {
    private let bits: FlatStorage<UInt64>     // bit s: slot s is live
    private let tree: FlatStorage<Int32>      // 1-based Fenwick tree over the words' counts
    private let owner: FlatStorage<Int32>     // block at each slot, -1 when free
    private let lastSlot: FlatStorage<Int32>  // each block's latest slot, -1 when never seen
    private var top = 0                       // next unused slot
    private var live = 0                      // blocks seen so far (= live slots)
    private let size: Int
    private let words: Int

    init(universe: Int) {
        size = max(2 * universe, 1024)
        words = (size + 63) / 64
        bits = FlatStorage(repeating: 0, count: words)
        tree = FlatStorage(repeating: 0, count: words + 1)
        owner = FlatStorage(repeating: -1, count: size)
        lastSlot = FlatStorage(repeating: -1, count: max(universe, 1))
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
            owner[s] = -1
        } else {
            live &+= 1
        }
        if top == size { compact() }
        owner[top] = id
        lastSlot[Int(id)] = Int32(top)
        bits[top >> 6] |= UInt64(1) << UInt64(top & 63)
        add(word: top >> 6, 1)
        top &+= 1
    }

    /// Number of live slots in 0...s.
    @inline(__always)
    private func prefix(_ s: Int) -> Int {
        let w = s >> 6
        var sum = (bits[w] & (UInt64.max >> UInt64(63 &- (s & 63)))).nonzeroBitCount
        var i = w  // words 0 ..< w, 1-based
        while i > 0 {
            sum &+= Int(tree[i])
            i &= i &- 1
        }
        return sum
    }

    @inline(__always)
    private func add(word w: Int, _ delta: Int32) {
        var i = w &+ 1
        while i <= words {
            tree[i] &+= delta
            i &+= i & -i
        }
    }

    /// Renumbers the live slots 0..<live in order and rebuilds bits and tree in O(size).
    private mutating func compact() {
        var j = 0
        for s in 0 ..< top where owner[s] >= 0 {
            let id = owner[s]
            owner[s] = -1
            owner[j] = id
            lastSlot[Int(id)] = Int32(j)
            j += 1
        }
        top = j
        bits.fill(0)
        tree.fill(0)
        for s in 0 ..< j {
            bits[s >> 6] |= UInt64(1) << UInt64(s & 63)
            tree[(s >> 6) + 1] &+= 1
        }
        for i in 1 ... words {
            let parent = i + (i & -i)
            if parent <= words { tree[parent] &+= tree[i] }
        }
    }
}
