import CPrefetch

/// Maps raw block ids (64-bit hashes or integers from a trace) to dense ids `0, 1, 2, ...` in
/// order of first appearance, once, at read time (so every later stage indexes flat arrays).
///
/// Small non-negative ids (the common case: Mooncake's `hash_ids`, our own generator's) go
/// through a direct table, O(1) with no hashing; the rest through an open-addressing hash table
/// with linear probing. Both grow geometrically; amortised O(1) per id, no allocation per id.
/// Memory: 4 bytes per table slot; the direct table never exceeds max(2^20, 8 x distinct ids).
public struct BlockInterner {
    private var direct: [Int32] = []
    private var keys: [UInt64] = []
    private var values: [Int32] = []
    private var mask = 0
    private var hashedCount = 0
    public private(set) var count = 0

    public init() {}

    /// The dense id of `raw`, assigning the next one on first sight. Returns nil only past
    /// `Int32.max` distinct ids.
    @inline(__always)
    public mutating func intern(_ raw: UInt64) -> Int32? {
        if raw < UInt64(direct.count) {
            let slot = Int(raw)
            let v = direct[slot]
            if v >= 0 { return v }
            guard let next = nextId() else { return nil }
            direct[slot] = next
            return next
        }
        return internSlow(raw)
    }

    /// Interns every id of `raws` into `out` (as many slots), in order: the same dense ids as
    /// `intern` one at a time. Returns the index of the first id past `Int32.max` distinct ids
    /// (`out` is then written up to it), or nil. Runs of ids already in the direct table go
    /// through one tight loop over its storage (no call, no table growth check per id), which is
    /// most ids of a skewed trace; the rest take `intern`. O(raws), no allocation but growth.
    public mutating func intern(_ raws: UnsafeBufferPointer<UInt64>, into out: UnsafeMutablePointer<Int32>) -> Int? {
        let n = raws.count
        var i = 0
        while i < n {
            i = direct.withUnsafeBufferPointer { table in
                let size = UInt64(table.count)
                var j = i
                while j < n {
                    // The table line of the id `ahead` places on, requested now: a skewed trace's
                    // cold ids miss the caches, and this overlaps those misses.
                    let ahead = raws[min(j &+ Self.prefetchDistance, n &- 1)]
                    if ahead < size, let base = table.baseAddress { cprefetch_read(base + Int(ahead)) }
                    let raw = raws[j]
                    guard raw < size else { break }
                    let v = table[Int(raw)]
                    guard v >= 0 else { break }
                    out[j] = v
                    j &+= 1
                }
                return j
            }
            guard i < n else { break }
            guard let v = intern(raws[i]) else { return i }
            out[i] = v
            i &+= 1
        }
        return nil
    }

    /// How many ids ahead the batched `intern` prefetches the direct table.
    private static let prefetchDistance = 128

    private mutating func nextId() -> Int32? {
        guard count < Int(Int32.max) else { return nil }
        defer { count += 1 }
        return Int32(count)
    }

    private mutating func internSlow(_ raw: UInt64) -> Int32? {
        // Grow the direct table when the id is small relative to what we have seen.
        let limit = max(1 << 20, 8 * (count + 1))
        if raw < UInt64(limit) {
            growDirect(covering: Int(raw), limit: limit)
            return intern(raw)
        }
        if let v = lookupHashed(raw) { return v }
        guard let next = nextId() else { return nil }
        insertHashed(raw, next)
        return next
    }

    /// Grows the direct table past `raw` and moves every hashed id it now covers into it, so
    /// that each raw id lives in exactly one of the two tables.
    private mutating func growDirect(covering raw: Int, limit: Int) {
        var newSize = max(direct.count * 2, 1 << 16)
        while newSize <= raw { newSize *= 2 }
        newSize = max(min(newSize, limit), raw + 1)
        direct += Array(repeating: -1, count: newSize - direct.count)  // (repeatElement is ~100x slower in debug builds)
        guard hashedCount > 0 else { return }
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: 0, count: mask + 1)
        values = Array(repeating: -1, count: mask + 1)
        hashedCount = 0
        for j in oldValues.indices where oldValues[j] >= 0 {
            if oldKeys[j] < UInt64(newSize) {
                direct[Int(oldKeys[j])] = oldValues[j]
            } else {
                insertHashed(oldKeys[j], oldValues[j])
            }
        }
    }

    @inline(__always)
    private static func hash(_ key: UInt64) -> Int {
        var h = key &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        return Int(truncatingIfNeeded: h)
    }

    private func lookupHashed(_ raw: UInt64) -> Int32? {
        guard mask > 0 else { return nil }
        var i = Self.hash(raw) & mask
        while true {
            let v = values[i]
            if v < 0 { return nil }
            if keys[i] == raw { return v }
            i = (i &+ 1) & mask
        }
    }

    private mutating func insertHashed(_ raw: UInt64, _ value: Int32) {
        if (hashedCount + 1) * 2 > mask + 1 { growHashed() }
        var i = Self.hash(raw) & mask
        while values[i] >= 0 { i = (i &+ 1) & mask }
        keys[i] = raw
        values[i] = value
        hashedCount += 1
    }

    private mutating func growHashed() {
        let oldKeys = keys, oldValues = values
        let size = max(1 << 12, (mask + 1) * 2)
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
        for j in oldValues.indices where oldValues[j] >= 0 {
            var i = Self.hash(oldKeys[j]) & mask
            while values[i] >= 0 { i = (i &+ 1) & mask }
            keys[i] = oldKeys[j]
            values[i] = oldValues[j]
        }
    }
}
