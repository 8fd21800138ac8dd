/// A set of integers in `0 ..< size` as a hierarchy of 64-bit words (each level's bit says
/// "the word below is not empty"): insert, remove, minimum and maximum in O(log64 size) word
/// operations, about four for 10^7 elements. `BeladyPolicy` keeps its cached blocks'
/// next-access clocks here, `RadixLeafBitset` the radix leaves' last touches. All levels share one allocation (level 0, the leaves, first). Memory: size / 8 bytes,
/// plus 1/64 of that per level above.
struct HierarchicalBitset: ~Copyable {
    private let words: FlatArray<UInt64>
    /// Start of each level's words in `words`; the last level has one word.
    private let offsets: [Int]

    init(size: Int) {
        var offsets: [Int] = []
        var total = 0
        var n = Swift.max(size, 1)
        repeat {
            let count = (n + 63) / 64
            offsets.append(total)
            total += count
            n = count
        } while n > 1
        self.offsets = offsets
        words = FlatArray(repeating: 0, count: total)
    }

    @inline(__always)
    func insert(_ value: Int) {
        var v = value
        for offset in offsets {
            let word = offset &+ v >> 6
            let old = words[word]
            words[word] = old | UInt64(1) << UInt64(v & 63)
            if old != 0 { return }  // the levels above already know this word is not empty
            v >>= 6
        }
    }

    @inline(__always)
    func remove(_ value: Int) {
        var v = value
        for offset in offsets {
            let word = offset &+ v >> 6
            let new = words[word] & ~(UInt64(1) << UInt64(v & 63))
            words[word] = new
            if new != 0 { return }
            v >>= 6
        }
    }

    /// The largest member, or nil when empty.
    @inline(__always)
    func max() -> Int? {
        var index = 0
        var level = offsets.count &- 1
        while level >= 0 {
            let word = words[offsets[level] &+ index]
            if word == 0 { return nil }
            index = index << 6 | (63 &- word.leadingZeroBitCount)
            level &-= 1
        }
        return index
    }

    /// The smallest member, or nil when empty.
    @inline(__always)
    func min() -> Int? {
        var index = 0
        var level = offsets.count &- 1
        while level >= 0 {
            let word = words[offsets[level] &+ index]
            if word == 0 { return nil }
            index = index << 6 | word.trailingZeroBitCount
            level &-= 1
        }
        return index
    }

    /// Every member in increasing order. O(size / 64); for invariant checks.
    func members() -> [Int] {
        var out: [Int] = []
        let leaves = offsets.count > 1 ? offsets[1] : 1
        for w in 0 ..< leaves {
            var word = words[w]
            while word != 0 {
                out.append(w << 6 | word.trailingZeroBitCount)
                word &= word &- 1
            }
        }
        return out
    }
}
