/// A set of integers in `0 ..< size` as a hierarchy of 64-bit words (each level's bit says
/// "the word below is not empty"): insert, remove and maximum in O(log64 size) word operations,
/// about four for 10^7 elements. `BeladyPolicy` keeps its cached blocks' next-access clocks
/// here. Memory: size / 8 bytes, plus 1/64 of that per level above.
struct HierarchicalBitset {
    private var levels: [FlatStorage<UInt64>] = []

    init(size: Int) {
        var n = Swift.max(size, 1)
        repeat {
            let words = (n + 63) / 64
            levels.append(FlatStorage(repeating: 0, count: words))
            n = words
        } while n > 1
    }

    @inline(__always)
    func insert(_ value: Int) {
        var v = value
        for level in levels {
            let word = v >> 6, bit = UInt64(1) << UInt64(v & 63)
            let old = level[word]
            level[word] = old | bit
            if old != 0 { return }  // the levels above already know this word is not empty
            v = word
        }
    }

    @inline(__always)
    func remove(_ value: Int) {
        var v = value
        for level in levels {
            let word = v >> 6, bit = UInt64(1) << UInt64(v & 63)
            let new = level[word] & ~bit
            level[word] = new
            if new != 0 { return }
            v = word
        }
    }

    /// The largest member, or nil when empty.
    @inline(__always)
    func max() -> Int? {
        var index = 0
        for level in levels.reversed() {
            let word = level[index]
            if word == 0 { return nil }
            index = index << 6 | (63 - word.leadingZeroBitCount)
        }
        return index
    }
}
