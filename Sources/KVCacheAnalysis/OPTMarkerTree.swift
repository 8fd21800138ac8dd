/// Minimum tree over the critical markers of `OPTStackDistances`: point assign and "leftmost index
/// whose value is <= t". 16-ary, so a search or update reads about log16(n) cache lines.
///
/// Layout: level 0 holds the leaves, level h + 1 holds one entry per group of 16 entries of level h
/// (their minimum); every level is padded to whole 64-byte groups of `Int32.max`, and the top level
/// is a single group. The tree does not own its memory: `OPTStackDistances` allocates, copies and
/// frees it.
struct OPTMarkerTree {
    let leafCount: Int
    let top: Int  // index of the top level
    let offsets: UnsafeMutablePointer<Int>  // start of level h in `entries`, h in 0...top
    let entries: UnsafeMutablePointer<Int32>
    let entryCount: Int

    static func allocate(leafCount: Int) -> OPTMarkerTree {
        var counts = [(max(leafCount, 1) + 15) & ~15]
        while counts[counts.count - 1] > 16 {
            counts.append(((counts[counts.count - 1] + 15) / 16 + 15) & ~15)
        }
        let offsets = UnsafeMutablePointer<Int>.allocate(capacity: counts.count)
        var total = 0
        for (h, c) in counts.enumerated() {
            offsets[h] = total
            total += c
        }
        let raw = UnsafeMutableRawPointer.allocate(byteCount: total * 4, alignment: 64)
        let entries = raw.bindMemory(to: Int32.self, capacity: total)
        entries.initialize(repeating: .max, count: total)
        return OPTMarkerTree(
            leafCount: leafCount, top: counts.count - 1, offsets: offsets, entries: entries,
            entryCount: total)
    }

    func deallocate() {
        offsets.deallocate()
        UnsafeMutableRawPointer(entries).deallocate()
    }

    func copy() -> OPTMarkerTree {
        let other = OPTMarkerTree.allocate(leafCount: leafCount)
        other.entries.update(from: entries, count: entryCount)
        return other
    }

    @inline(__always)
    func value(_ index: Int) -> Int32 { entries[index] }

    /// The minimum of the 16 entries starting at `group` (a multiple of 16).
    @inline(__always)
    private func groupMinimum(_ group: UnsafeMutablePointer<Int32>) -> Int32 {
        var m = group[0]
        for k in 1..<16 { m = min(m, group[k]) }
        return m
    }

    @inline(__always)
    func set(_ index: Int, _ value: Int32) {
        entries[index] = value
        var e = index
        var h = 0
        while h < top {
            let group = entries + (offsets[h] &+ (e & ~15))
            let m = groupMinimum(group)
            e >>= 4
            h &+= 1
            let slot = entries + (offsets[h] &+ e)
            if slot.pointee == m { return }
            slot.pointee = m
        }
    }

    /// The smallest index whose value is <= `bound`, or -1 if there is none.
    @inline(__always)
    func leftmostAtMost(_ bound: Int32) -> Int {
        var e = 0  // entry index within the current level
        var h = top
        while true {
            let group = entries + (offsets[h] &+ e &* 16)
            var k = 0
            while k < 16 && group[k] > bound { k &+= 1 }
            if k == 16 { return -1 }  // only possible at the top level
            e = e &* 16 &+ k
            if h == 0 { return e }
            h &-= 1
        }
    }

    /// Overwrites leaf `index` without updating the levels above (use `rebuild` after).
    @inline(__always)
    func setLeafRaw(_ index: Int, _ value: Int32) { entries[index] = value }

    /// Recomputes every level above the leaves.
    func rebuild() {
        if top == 0 { return }
        for h in 1...top {
            let count = (h == top ? entryCount : offsets[h + 1]) - offsets[h]
            let below = offsets[h] - offsets[h - 1]
            for e in 0..<count {
                entries[offsets[h] + e] =
                    e * 16 < below ? groupMinimum(entries + (offsets[h - 1] + e * 16)) : .max
            }
        }
    }
}
