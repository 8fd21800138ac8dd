/// Segment tree over time slots for `OPTStackDistances`: range add, point assign and "leftmost
/// leaf at or after L whose value is <= 0". Values are `Int32`; empty leaves hold about `infinity`.
///
/// 16-ary, so each path from a leaf to the top reads about log16(n) cache lines (the binary form
/// read about four times as many, most of them cache misses). Level 0 holds the leaves; entry e of
/// level h + 1 stands for the group of 16 entries 16e..<16e + 16 of level h. Every level is padded
/// to whole groups (64 bytes) and the top level is a single group. Adds are not propagated: an
/// entry of level h >= 1 has a `pending` add that applies to its whole subtree, and its `minimum` is
/// the minimum of its group's entries plus its own `pending`; a leaf's value is its `minimum` plus
/// the `pending` of all its ancestors. The tree does not own its memory: `OPTStackDistances`
/// allocates, copies and frees it.
struct OPTSlotTree {
    static let infinity: Int32 = 1 << 30
    static let shift = 4
    static let fanout = 1 << shift  // 16 entries, one cache line of Int32
    static let groupMask = fanout - 1

    let leafCount: Int  // usable leaves (a multiple of 16)
    let top: Int  // index of the top level
    let totalEntries: Int
    let minimum: UnsafeMutablePointer<Int32>  // every level, 64-byte aligned
    let pending: UnsafeMutablePointer<Int32>  // levels 1...top
    let levelMinimum: UnsafeMutablePointer<UnsafeMutablePointer<Int32>>  // level h's entries
    let levelPending: UnsafeMutablePointer<UnsafeMutablePointer<Int32>>  // level h's pending adds (h >= 1)
    let levelCount: UnsafeMutablePointer<Int>  // entries in level h

    /// Allocates a tree of at least `leafCount` leaves, all `infinity`.
    static func allocate(leafCount requested: Int) -> OPTSlotTree {
        var counts = [(max(requested, 1) + groupMask) & ~groupMask]
        while counts[counts.count - 1] > fanout {
            counts.append(((counts[counts.count - 1] + groupMask) >> shift + groupMask) & ~groupMask)
        }
        let total = counts.reduce(0, +)
        let upper = total - counts[0]
        let minimum = UnsafeMutableRawPointer.allocate(byteCount: total * 4, alignment: 64)
            .bindMemory(to: Int32.self, capacity: total)
        minimum.initialize(repeating: infinity, count: total)
        let pending = UnsafeMutableRawPointer.allocate(byteCount: max(upper, 1) * 4, alignment: 64)
            .bindMemory(to: Int32.self, capacity: max(upper, 1))
        pending.initialize(repeating: 0, count: max(upper, 1))
        let levels = counts.count
        let levelMinimum = UnsafeMutablePointer<UnsafeMutablePointer<Int32>>.allocate(capacity: levels)
        let levelPending = UnsafeMutablePointer<UnsafeMutablePointer<Int32>>.allocate(capacity: levels)
        let levelCount = UnsafeMutablePointer<Int>.allocate(capacity: levels)
        var offset = 0
        for h in 0..<levels {
            levelMinimum[h] = minimum + offset
            // Level 0 has no pending adds; give it a harmless pointer.
            levelPending[h] = pending + (h == 0 ? 0 : offset - counts[0])
            levelCount[h] = counts[h]
            offset += counts[h]
        }
        return OPTSlotTree(
            leafCount: counts[0], top: levels - 1, totalEntries: total, minimum: minimum,
            pending: pending, levelMinimum: levelMinimum, levelPending: levelPending,
            levelCount: levelCount)
    }

    func deallocate() {
        UnsafeMutableRawPointer(minimum).deallocate()
        UnsafeMutableRawPointer(pending).deallocate()
        levelMinimum.deallocate()
        levelPending.deallocate()
        levelCount.deallocate()
    }

    func copy() -> OPTSlotTree {
        let other = OPTSlotTree.allocate(leafCount: leafCount)
        other.minimum.update(from: minimum, count: totalEntries)
        other.pending.update(from: pending, count: max(totalEntries - leafCount, 1))
        return other
    }

    /// The minimum of the 16 entries from `group` on.
    @inline(__always)
    private static func groupMinimum(_ group: UnsafeMutablePointer<Int32>) -> Int32 {
        var m = group[0]
        for k in 1..<fanout { m = min(m, group[k]) }
        return m
    }

    /// Recomputes entry e of level h >= 1 from its group; returns whether it changed.
    @inline(__always)
    private func recompute(_ h: Int, _ e: Int) -> Bool {
        let updated =
            OPTSlotTree.groupMinimum(levelMinimum[h &- 1] + (e &<< OPTSlotTree.shift)) &+ levelPending[h][e]
        let entry = levelMinimum[h] + e
        if updated == entry.pointee { return false }
        entry.pointee = updated
        return true
    }

    /// Recomputes the ancestors of leaf `slot`, stopping where nothing changes (after `setLeafRaw`).
    @inline(__always)
    func pullChanged(_ slot: Int) {
        var e = slot
        var h = 0
        while h < top {
            e >>= OPTSlotTree.shift
            h &+= 1
            if !recompute(h, e) { return }
        }
    }

    /// Sets leaf `slot` to `value`, given that none of its ancestors holds a pending add (true for a
    /// slot no range add has reached yet).
    @inline(__always)
    func setFresh(_ slot: Int, to value: Int32) {
        levelMinimum[0][slot] = value
        pullChanged(slot)
    }

    /// Empties leaf `slot` (its value becomes about `infinity`).
    @inline(__always)
    func clear(_ slot: Int) {
        levelMinimum[0][slot] = OPTSlotTree.infinity
        pullChanged(slot)
    }

    /// Adds `delta` to entries lower..<upper of level h.
    @inline(__always)
    private func addEntries(_ delta: Int32, _ h: Int, _ lower: Int, _ upper: Int) {
        let mins = levelMinimum[h]
        for k in lower..<upper { mins[k] &+= delta }
        if h > 0 {
            let pend = levelPending[h]
            for k in lower..<upper { pend[k] &+= delta }
        }
    }

    /// Adds `delta` to every leaf in `lower..<upper` (which must be non-empty). Recomputes the
    /// ancestors of `lower` and `upper - 1`, so a leaf of either one's group overwritten with
    /// `setLeafRaw` just before needs no `pullChanged` of its own.
    @inline(__always)
    func add(_ delta: Int32, _ lower: Int, _ upper: Int) {
        var lo = lower
        var hi = upper
        var h = 0
        var levels = 0  // entries were changed directly in levels 0..<levels
        while lo < hi {
            levels = h &+ 1
            // A part of one group: add there and stop. (A whole group goes on to its parent entry:
            // every entry changed directly must have its parent on one of the two boundary paths.)
            if lo >> OPTSlotTree.shift == (hi &- 1) >> OPTSlotTree.shift
                && (lo & OPTSlotTree.groupMask != 0 || hi & OPTSlotTree.groupMask != 0 || h == top)
            {
                addEntries(delta, h, lo, hi)
                break
            }
            if lo & OPTSlotTree.groupMask != 0 {
                let end = (lo | OPTSlotTree.groupMask) &+ 1
                addEntries(delta, h, lo, end)
                lo = end
            }
            if hi & OPTSlotTree.groupMask != 0 {
                let start = hi & ~OPTSlotTree.groupMask
                addEntries(delta, h, start, hi)
                hi = start
            }
            lo >>= OPTSlotTree.shift
            hi >>= OPTSlotTree.shift
            h &+= 1
        }
        // Recompute the ancestors of the first and the last leaf level by level: unconditionally up
        // to the highest level changed directly, then only while something still changes.
        var left = lower
        var right = upper &- 1
        var level = 1
        while level <= top {
            left >>= OPTSlotTree.shift
            right >>= OPTSlotTree.shift
            var changed = recompute(level, left)
            if right != left { changed = recompute(level, right) || changed }
            if level >= levels && !changed { return }
            level &+= 1
        }
    }

    /// The smallest slot >= `lower` whose value is <= 0, or -1 if there is none.
    @inline(__always)
    func leftmostNonPositive(from lower: Int) -> Int {
        // above: the sum of the pending adds of the ancestors of the entries being scanned.
        var above: Int32 = 0
        var h = 1
        while h <= top {
            above &+= levelPending[h][lower >> (OPTSlotTree.shift &* h)]
            h &+= 1
        }
        // Scan the rest of the leaf's group, then the rest of each ancestor's group.
        var e = lower
        var start = lower
        h = 0
        while true {
            let mins = levelMinimum[h]
            let end = (e | OPTSlotTree.groupMask) &+ 1
            var k = start
            while k < end {
                if mins[k] &+ above <= 0 { return descend(h, k, above) }
                k &+= 1
            }
            if h == top { return -1 }
            e >>= OPTSlotTree.shift
            h &+= 1
            above &-= levelPending[h][e]
            start = e &+ 1
        }
    }

    /// The leftmost leaf <= 0 under entry k of level h, whose value (with `above`) is <= 0.
    @inline(__always)
    private func descend(_ level: Int, _ entry: Int, _ above: Int32) -> Int {
        var h = level
        var k = entry
        var sum = above
        while h > 0 {
            sum &+= levelPending[h][k]
            h &-= 1
            let group = levelMinimum[h] + (k &<< OPTSlotTree.shift)
            var c = 0
            while group[c] &+ sum > 0 { c &+= 1 }
            k = (k &<< OPTSlotTree.shift) &+ c
        }
        return k
    }

    /// Whether every entry above the leaves equals its group's minimum plus its pending add (for
    /// tests; O(n)).
    func isConsistent() -> Bool {
        if top == 0 { return true }
        for h in 1...top {
            let below = levelCount[h - 1]
            for e in 0..<levelCount[h] {
                let expected =
                    e << OPTSlotTree.shift < below
                    ? OPTSlotTree.groupMinimum(levelMinimum[h - 1] + (e << OPTSlotTree.shift))
                        &+ levelPending[h][e]
                    : OPTSlotTree.infinity
                if levelMinimum[h][e] != expected { return false }
            }
        }
        return true
    }

    /// Pushes every pending add down to the leaves: afterwards each leaf's `minimum` is its value
    /// and every `pending` entry is 0.
    func flushPending() {
        if top == 0 { return }
        for h in stride(from: top, through: 1, by: -1) {
            let pend = levelPending[h]
            let below = levelMinimum[h - 1]
            for e in 0..<levelCount[h] where pend[e] != 0 {
                let delta = pend[e]
                let first = e << OPTSlotTree.shift
                for k in first..<(first + OPTSlotTree.fanout) { below[k] &+= delta }
                if h - 1 >= 1 {
                    let belowPending = levelPending[h - 1]
                    for k in first..<(first + OPTSlotTree.fanout) { belowPending[k] &+= delta }
                }
                pend[e] = 0
            }
        }
    }

    /// Leaf `slot`'s stored entry: its value right after `flushPending()`.
    @inline(__always)
    func leaf(_ slot: Int) -> Int32 { levelMinimum[0][slot] }

    /// Overwrites leaf `slot`'s stored entry without updating its ancestors (use `rebuild` after).
    @inline(__always)
    func setLeafRaw(_ slot: Int, _ value: Int32) { levelMinimum[0][slot] = value }

    /// Empties the leaves from `count` on and recomputes every level above the leaves.
    /// Every `pending` entry must be 0 (as after `flushPending()`).
    func rebuild(keeping count: Int) {
        for i in count..<leafCount { levelMinimum[0][i] = OPTSlotTree.infinity }
        if top == 0 { return }
        for h in 1...top {
            let below = levelCount[h - 1]
            for e in 0..<levelCount[h] {
                levelMinimum[h][e] =
                    e << OPTSlotTree.shift < below
                    ? OPTSlotTree.groupMinimum(levelMinimum[h - 1] + (e << OPTSlotTree.shift))
                    : OPTSlotTree.infinity
            }
        }
    }
}
