import CPrefetch

/// Online OPT stack distances (Bilardi, Ekanadham, Pattnaik, "Optimal on-line computation of stack
/// distances for MIN and OPT", ACM Computing Frontiers 2017, critical-stack algorithm), in
/// O(log U) per access and O(U) memory, with no knowledge of the future.
///
/// OPT is Belady's MIN with forced insertion (MODEL 4.5), a stack algorithm: access i is a MIN
/// hit at capacity C iff its distance d satisfies 1 <= d <= C (MODEL 5.2). `OPTReferenceStack`
/// is the O(U)-per-access oracle it is tested against.
///
/// The critical-marker form (ALGORITHMS.md): keep the LRU stack (depth 0 most recent) and markers
/// M[1..n-1] (n distinct blocks so far), each an LRU depth; let
/// beta[i] = #{c : M[c] <= i} - i (always >= 0). A new block is pushed, every marker gains 1 and a
/// marker of value 1 is appended (distance 0, a cold miss). An access at LRU depth 0 has distance 1.
/// Otherwise, at LRU depth d >= 1, z = max{i in 0..<d : beta[i] = 0}, dopt = min{c : M[c] > z},
/// the distance is dopt + 1; then x moves to the top, every M[c] <= d gains 1 and M[dopt] = 1.
///
/// Logarithmic form. Number the accesses that change the LRU order with increasing time slots; a
/// block's slot is its last access, and its LRU depth the number of live slots after it.
/// - A marker of value v is a cut in the LRU stack with v blocks above it; moving x to the top adds
///   1 to exactly the cuts below x, and pushing a new block adds 1 to all. So a marker is stored as
///   a slot `tau`, its value being the number of live slots >= tau; it never needs an update, and
///   "M[dopt] = 1" is "tau = the new top slot".
/// - beta[i] belongs to the cut directly above the block at depth i, so it is stored at that
///   block's slot. Moving x (slot s) to the top keeps every beta of a slot above s, minus 1 (its
///   depth grows) and plus 1 on depths 1..<w (w the new value of marker dopt, whose cut moves to
///   the top). Net: with tau the marker's old slot, -1 on slots in (s, tau) when tau > s, +1 on
///   slots in [tau, s) when tau < s; the new top slot starts at beta 0, x's old slot is dropped.
///   A new block keeps every beta and adds a top slot with beta 0.
/// - z is the deepest zero above x: the leftmost slot q > s with beta 0 (beta >= 0, so a
///   "leftmost <= 0" search in a min tree with range add, `OPTSlotTree`). M[c] > z means the cut
///   lies at or below the block at depth z: tau_c <= q. So dopt is the leftmost marker with
///   tau <= q, a search in a min tree over marker indices (`OPTMarkerTree`). No LRU depth is ever
///   computed. Both trees are 16-ary, so a path is a handful of cache lines.
/// - Slots are compacted (live slots renumbered 0..<n, marker slots mapped to the number of live
///   slots before them, which keeps every comparison) when they run out: O(U) work per U/2 new
///   slots.
///
/// Memory, for U = `uniqueBlocks`: 1.5U slots at about 8.5 bytes (tree and slot-to-block map),
/// U markers at about 4.3 bytes, 4 bytes per block: about 21 bytes per block, plus a transient
/// 6 bytes per block during a compaction. The pass is bound by cache misses (the block's slot, the
/// leaf groups of s, q and tau, the marker leaf: each load depends on the one before); the batch
/// form `access(_:_:into:)` prefetches the first two for the accesses ahead. Measured: 10^7
/// Zipf(0.9) accesses over 9 x 10^5 distinct blocks in about 2.7 s (3.4-3.8 s before the prefetch)
/// and 25-30 MB.
public struct OPTStackDistances {
    private final class Storage {
        let uniqueBlocks: Int
        let slots: OPTSlotTree  // beta at each live slot, infinity elsewhere
        let markers: OPTMarkerTree  // tau of marker c at index c - 1
        let blockSlot: UnsafeMutablePointer<Int32>  // block -> its slot, -1 before its first access
        let slotBlock: UnsafeMutablePointer<Int32>  // slot -> the block whose access opened it
        // Only `access` and `compact` touch these, never overlapping: no dynamic exclusivity
        // checks on the hot path.
        @exclusivity(unchecked) var nextSlot: Int = 0  // slots 0..<nextSlot are in use; nextSlot - 1 is the top of the LRU stack
        @exclusivity(unchecked) var markerCount: Int = 0
        @exclusivity(unchecked) var seenBlocks: Int = 0

        init(uniqueBlocks: Int) {
            self.uniqueBlocks = uniqueBlocks
            // At most one live slot per block; the spare slots (at least U/2) bound how often
            // `compact` runs: O(U) work per U/2 new slots.
            slots = OPTSlotTree.allocate(leafCount: uniqueBlocks + max(uniqueBlocks / 2, 64))
            let slotCount = slots.leafCount
            markers = OPTMarkerTree.allocate(leafCount: max(uniqueBlocks, 1))
            blockSlot = .allocate(capacity: max(uniqueBlocks, 1))
            blockSlot.initialize(repeating: -1, count: max(uniqueBlocks, 1))
            slotBlock = .allocate(capacity: slotCount)
            slotBlock.initialize(repeating: -1, count: slotCount)
        }

        init(copying other: Storage) {
            uniqueBlocks = other.uniqueBlocks
            slots = other.slots.copy()
            markers = other.markers.copy()
            blockSlot = .allocate(capacity: max(uniqueBlocks, 1))
            blockSlot.initialize(from: other.blockSlot, count: max(uniqueBlocks, 1))
            slotBlock = .allocate(capacity: slots.leafCount)
            slotBlock.initialize(from: other.slotBlock, count: slots.leafCount)
            nextSlot = other.nextSlot
            markerCount = other.markerCount
            seenBlocks = other.seenBlocks
        }

        /// A storage for `uniqueBlocks` blocks holding `old`'s state (streaming, MODEL 3.7):
        /// `old` is compacted, then its live slots, markers and block map are copied. O(U).
        init(growing old: Storage, uniqueBlocks: Int) {
            old.compact()  // live slots 0..<nextSlot, no pending adds
            self.uniqueBlocks = uniqueBlocks
            slots = OPTSlotTree.allocate(leafCount: uniqueBlocks + max(uniqueBlocks / 2, 64))
            markers = OPTMarkerTree.allocate(leafCount: max(uniqueBlocks, 1))
            blockSlot = .allocate(capacity: max(uniqueBlocks, 1))
            blockSlot.initialize(repeating: -1, count: max(uniqueBlocks, 1))
            blockSlot.update(from: old.blockSlot, count: old.uniqueBlocks)
            slotBlock = .allocate(capacity: slots.leafCount)
            slotBlock.initialize(repeating: -1, count: slots.leafCount)
            for slot in 0..<old.nextSlot {
                slots.setLeafRaw(slot, old.slots.leaf(slot))
                slotBlock[slot] = old.slotBlock[slot]
            }
            slots.rebuild(keeping: old.nextSlot)
            for c in 0..<old.markerCount { markers.setLeafRaw(c, old.markers.value(c)) }
            markers.rebuild()
            nextSlot = old.nextSlot
            markerCount = old.markerCount
            seenBlocks = old.seenBlocks
        }

        deinit {
            slots.deallocate()
            markers.deallocate()
            blockSlot.deallocate()
            slotBlock.deallocate()
        }

        /// Starts loading what an access to `block` reads first: its slot, and the leaf group and
        /// level-1 entries of the slot it holds now. A hint only (MODEL 5.2 results never depend on
        /// it): `block` must be in range, the slot may have moved by the time of the access.
        @inline(__always)
        func prefetch(slotOf far: Int, pathOf near: Int) {
            cprefetch_read(blockSlot + far)
            let s = Int(blockSlot[near])
            if s < 0 { return }
            cprefetch_read(slots.levelMinimum[0] + s)
            if slots.top > 0 {
                cprefetch_read(slots.levelMinimum[1] + (s &>> OPTSlotTree.shift))
                cprefetch_read(slots.levelPending[1] + (s &>> OPTSlotTree.shift))
            }
        }

        @inline(__always)
        func openSlot(for block: Int) -> Int {
            if nextSlot == slots.leafCount { compact() }
            let slot = nextSlot
            nextSlot &+= 1
            slots.setFresh(slot, to: 0)
            blockSlot[block] = Int32(truncatingIfNeeded: slot)
            slotBlock[slot] = Int32(truncatingIfNeeded: block)
            return slot
        }

        func access(_ block: Int) -> Int32 {
            let s = Int(blockSlot[block])
            if s < 0 {
                // A new block: pushed on top, every marker value grows by itself (its cut is below
                // the new slot); a marker of value 1 is appended, except for the very first block.
                seenBlocks &+= 1
                let slot = openSlot(for: block)
                if seenBlocks > 1 {
                    markers.set(markerCount, Int32(truncatingIfNeeded: slot))
                    markerCount &+= 1
                }
                return 0
            }
            if s == nextSlot &- 1 { return 1 }  // LRU depth 0
            if nextSlot == slots.leafCount {
                compact()
                return access(block)
            }
            // z: the deepest block above x with beta 0, found as its slot q.
            let q = slots.leftmostNonPositive(from: s &+ 1)
            // dopt: the first marker at or below depth z.
            let index = markers.leftmostAtMost(Int32(truncatingIfNeeded: q))
            precondition(q > s && index >= 0, "OPTStackDistances: broken invariant")
            let tau = Int(markers.value(index))
            // x's old slot is emptied first: when it shares its leaf group with the add's near
            // end, the add's recomputation of that end's ancestors covers it.
            slots.setLeafRaw(s, OPTSlotTree.infinity)
            if tau > s {
                slots.add(-1, s &+ 1, tau)
                if (s &+ 1) & OPTSlotTree.groupMask == 0 { slots.pullChanged(s) }
            } else if tau < s {
                slots.add(1, tau, s)
                if s & OPTSlotTree.groupMask == 0 { slots.pullChanged(s) }
            } else {
                slots.pullChanged(s)
            }
            let slot = openSlot(for: block)
            markers.set(index, Int32(truncatingIfNeeded: slot))
            return Int32(truncatingIfNeeded: index &+ 2)
        }

        /// Renumbers the live slots 0..<n in order, keeping their beta values, and maps every marker
        /// slot tau to the number of live slots before it (which keeps every comparison with a live
        /// or future slot).
        func compact() {
            let used = nextSlot
            var rank = [Int32](repeating: 0, count: used &+ 1)
            var live = 0
            for slot in 0..<used {
                rank[slot] = Int32(truncatingIfNeeded: live)
                let b = slotBlock[slot]
                if b >= 0 && Int(blockSlot[Int(b)]) == slot { live &+= 1 }
            }
            rank[used] = Int32(truncatingIfNeeded: live)
            slots.flushPending()
            for slot in 0..<used where rank[slot &+ 1] != rank[slot] {
                let newSlot = Int(rank[slot])
                let b = slotBlock[slot]
                slots.setLeafRaw(newSlot, slots.leaf(slot))
                slotBlock[newSlot] = b
                blockSlot[Int(b)] = Int32(truncatingIfNeeded: newSlot)
            }
            for slot in live..<used { slotBlock[slot] = -1 }
            slots.rebuild(keeping: live)
            for c in 0..<markerCount {
                markers.setLeafRaw(c, rank[Int(markers.value(c))])
            }
            markers.rebuild()
            nextSlot = live
        }
    }

    private var storage: Storage

    /// A fresh pass over a stream whose block ids are dense in 0..<uniqueBlocks.
    public init(uniqueBlocks: Int) {
        precondition(uniqueBlocks >= 0 && uniqueBlocks < Int(Int32.max) / 4)
        storage = Storage(uniqueBlocks: uniqueBlocks)
    }

    /// The blocks this pass has room for (ids `0 ..< uniqueBlocks`).
    public var uniqueBlocks: Int { storage.uniqueBlocks }

    /// Makes room for ids `0 ..< uniqueBlocks` (no-op when not larger), keeping the state: a
    /// stream's distinct blocks are known only as they arrive (MODEL 3.7). O(U).
    public mutating func grow(uniqueBlocks: Int) {
        guard uniqueBlocks > storage.uniqueBlocks else { return }
        precondition(uniqueBlocks < Int(Int32.max) / 4)
        storage = Storage(growing: storage, uniqueBlocks: uniqueBlocks)
    }

    /// Processes the next access; returns its OPT stack distance (>= 1), or 0 for a first access
    /// (cold miss, infinite distance).
    public mutating func access(_ id: Int32) -> Int32 {
        precondition(id >= 0 && Int(id) < storage.uniqueBlocks, "block id out of range")
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage) }
        return storage.access(Int(id))
    }

    /// How many accesses ahead `access(_:_:into:)` starts loading a block's slot; the slot's tree
    /// path is loaded half as far ahead, once the slot itself has arrived.
    static let prefetchDistance = 8

    /// Processes `ids[range]` in order, writing each access's distance (as `access(_:)`) to
    /// `distances[k - range.lowerBound]`. While it does, it prefetches the slot and tree path of the
    /// accesses a few positions ahead in `ids` (also past `range`): the pass is bound by cache
    /// misses, a chain of dependent loads per access, and the future ids are known here.
    /// Same results as `access(_:)` one id at a time.
    public mutating func access(
        _ ids: UnsafeBufferPointer<Int32>, _ range: Range<Int>, into distances: UnsafeMutableBufferPointer<Int32>
    ) {
        precondition(range.lowerBound >= 0 && range.upperBound <= ids.count && range.count <= distances.count)
        guard !range.isEmpty, let out = distances.baseAddress else { return }
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage) }
        let storage = storage
        let universe = storage.uniqueBlocks
        let far = OPTStackDistances.prefetchDistance
        let near = far / 2
        let last = ids.count &- 1
        for k in range {
            let id = ids[k]
            precondition(id >= 0 && Int(id) < universe, "block id out of range")
            // Ahead ids are checked like the current one; out of range, they are not prefetched.
            let farId = Int(ids[Swift.min(k &+ far, last)]), nearId = Int(ids[Swift.min(k &+ near, last)])
            if UInt(bitPattern: farId) < UInt(universe) && UInt(bitPattern: nearId) < UInt(universe) {
                storage.prefetch(slotOf: farId, pathOf: nearId)
            }
            out[k &- range.lowerBound] = storage.access(Int(id))
        }
    }

    /// OPT stack distances of a whole stream (distances[i] for stream[i], 0 for a first access).
    public static func distances(_ stream: [Int32], uniqueBlocks: Int) -> [Int32] {
        var pass = OPTStackDistances(uniqueBlocks: uniqueBlocks)
        var result = [Int32](repeating: 0, count: stream.count)
        stream.withUnsafeBufferPointer { ids in
            result.withUnsafeMutableBufferPointer { pass.access(ids, 0 ..< ids.count, into: $0) }
        }
        return result
    }
}
