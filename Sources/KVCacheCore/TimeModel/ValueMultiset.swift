/// The values of several groups as a multiset, for their exact quantiles (MODEL 6.2) without
/// keeping one value per request when few values are distinct: a run's TTFTs are a function of
/// each request's input length and hit tokens, so a trace of one-block requests has a handful of
/// distinct TTFTs however long it is.
///
/// Two forms, the answers the same:
/// - **counts** (while distinct (value, group) pairs stay few): an open-addressing table of
///   (order key, group) -> count, probed by a multiplicative hash, with the last pair remembered.
///   O(1) per value, O(distinct) memory. A quantile sorts the distinct pairs of its groups:
///   O(d log d).
/// - **values** (once the pairs exceed `maxDistinct` and 3/8 of the values: the table would
///   then cost more than the values): every value and its group, in arrival order, and
///   `Statistics.groupSummaries` at the end: 12 bytes per value, O(n) selection.
///
/// Groups are small integers (a request type and a turn bucket, combined by the caller); a
/// query names which groups it merges. Only order statistics come from here: a mean must sum
/// the values in request order, which the caller does as they arrive.
public struct ValueMultiset: Sendable {
    /// The counts form: parallel arrays of a power-of-two size; `counts[i] == 0` marks a free slot.
    private var keys: [UInt64] = []
    private var groups: [UInt32] = []
    private var counts: [Int] = []
    private var distinct = 0
    /// The last pair inserted and its slot.
    private var lastKey = UInt64.max, lastGroup = UInt32.max, lastSlot = -1
    /// The values form, once taken (`asValues`).
    private var values: [Double] = []
    private var valueGroups: [UInt32] = []
    private var asValues = false
    /// Values inserted so far.
    public private(set) var count = 0
    /// The counts form holds at most this many pairs unless they are at most 3/8 of the values.
    public let maxDistinct: Int

    public init(maxDistinct: Int = 1 << 12) {
        self.maxDistinct = maxDistinct
        allocate(slots: 64)
    }

    /// A multiset with no table, to swap with one being filled (which then stays uniquely
    /// referenced: no copy on write). Do not insert into it.
    static let placeholder = ValueMultiset(unallocated: ())

    private init(unallocated: Void) { maxDistinct = 0 }

    /// Whether the values are kept one by one (the table grew past its worth).
    public var keepsValues: Bool { asValues }

    private mutating func allocate(slots: Int) {
        keys = Array(repeating: 0, count: slots)
        groups = Array(repeating: 0, count: slots)
        counts = Array(repeating: 0, count: slots)
        lastSlot = -1
        lastKey = .max
        lastGroup = .max
    }

    @inline(__always)
    private static func hash(_ key: UInt64, _ group: UInt32) -> UInt64 {
        (key ^ (UInt64(group) &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
    }

    /// Adds `value` to `group`. O(1) amortised.
    @inline(__always)
    public mutating func insert(_ value: Double, group: UInt32) {
        insert(value, group: group, times: 1)
    }

    /// Adds `times` copies of `value` to `group` (`times` >= 1). O(1) amortised.
    @inline(__always)
    public mutating func insert(_ value: Double, group: UInt32, times: Int) {
        count &+= times
        if asValues {
            values.append(contentsOf: repeatElement(value, count: times))
            valueGroups.append(contentsOf: repeatElement(group, count: times))
            return
        }
        let key = Statistics.orderKey(value)
        if key == lastKey && group == lastGroup && lastSlot >= 0 {
            counts[lastSlot] &+= times
            return
        }
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: Self.hash(key, group) >> 32) & mask
        while counts[i] != 0 {
            if keys[i] == key && groups[i] == group {
                counts[i] &+= times
                lastKey = key; lastGroup = group; lastSlot = i
                return
            }
            i = (i &+ 1) & mask
        }
        insertNew(key: key, group: group, slot: i, times: times)
    }

    /// A pair not seen before, at the free `slot` its probe ended on.
    private mutating func insertNew(key: UInt64, group: UInt32, slot i: Int, times: Int) {
        keys[i] = key
        groups[i] = group
        counts[i] = times
        distinct += 1
        lastKey = key; lastGroup = group; lastSlot = i
        if distinct > maxDistinct && distinct * 8 > count * 3 {
            switchToValues()
        } else if distinct * 2 > keys.count {
            rehash(slots: keys.count * 2)
        }
    }

    private mutating func rehash(slots: Int) {
        let (oldKeys, oldGroups, oldCounts) = (keys, groups, counts)
        allocate(slots: slots)
        let mask = slots - 1
        for j in oldKeys.indices where oldCounts[j] != 0 {
            var i = Int(truncatingIfNeeded: Self.hash(oldKeys[j], oldGroups[j]) >> 32) & mask
            while counts[i] != 0 { i = (i &+ 1) & mask }
            keys[i] = oldKeys[j]
            groups[i] = oldGroups[j]
            counts[i] = oldCounts[j]
        }
    }

    /// Takes the values form: every counted pair becomes its count of values (the order of
    /// values does not matter to a quantile).
    private mutating func switchToValues() {
        values.reserveCapacity(count * 2)
        valueGroups.reserveCapacity(count * 2)
        for j in keys.indices where counts[j] != 0 {
            let v = Statistics.double(ofKey: keys[j])
            values.append(contentsOf: repeatElement(v, count: counts[j]))
            valueGroups.append(contentsOf: repeatElement(groups[j], count: counts[j]))
        }
        asValues = true
        keys = []; groups = []; counts = []
        distinct = 0
        lastSlot = -1
    }

    /// The quantiles `qs` (numpy's linear interpolation, MODEL 6.2) of each output group: value
    /// group `g` counts in output group `outputOf(g)`, or in none when it returns nil. Empty
    /// output groups get zeros. Equal, bit for bit, to `Statistics.groupSummaries` over the
    /// values themselves (a zero comes back as +0).
    public func quantiles(_ qs: [Double], outputs: Int, outputOf: (UInt32) -> Int?) -> [[Double]] {
        if asValues {
            var groupOf = [UInt16](repeating: 0, count: values.count)
            var kept = [Double]()
            var keptGroups = [UInt16]()
            var all = true
            for i in values.indices {
                if let o = outputOf(valueGroups[i]) { groupOf[i] = UInt16(o) } else { all = false; break }
            }
            if !all {
                // Some values belong to no output group: gather the others.
                kept.reserveCapacity(values.count)
                keptGroups.reserveCapacity(values.count)
                for i in values.indices {
                    if let o = outputOf(valueGroups[i]) {
                        kept.append(values[i])
                        keptGroups.append(UInt16(o))
                    }
                }
            }
            let (v, g) = all ? (values, groupOf) : (kept, keptGroups)
            return v.withUnsafeBufferPointer { v in
                g.withUnsafeBufferPointer { g in
                    Statistics.groupSummaries(values: v, groupOf: outputs > 1 ? g : nil, groups: outputs, quantiles: qs)
                }
            }.map(\.quantiles)
        }
        var members = [[(key: UInt64, count: Int)]](repeating: [], count: outputs)
        for j in keys.indices where counts[j] != 0 {
            if let o = outputOf(groups[j]) { members[o].append((keys[j], counts[j])) }
        }
        return members.map { pairs in
            let sorted = pairs.sorted { $0.key < $1.key }
            let n = sorted.reduce(0) { $0 + $1.count }
            guard n > 0 else { return Array(repeating: 0, count: qs.count) }
            // The value of rank k (0-based) among the sorted pairs' repeated values.
            func orderStatistic(_ k: Int) -> Double {
                var seen = 0
                for p in sorted {
                    seen += p.count
                    if k < seen { return Statistics.double(ofKey: p.key) }
                }
                return Statistics.double(ofKey: sorted[sorted.count - 1].key)
            }
            return qs.map { q in
                let (lo, hi, h) = Statistics.ranks(count: n, q)
                return Statistics.interpolate(orderStatistic(lo), orderStatistic(hi), h: h, lo: lo)
            }
        }
    }
}
