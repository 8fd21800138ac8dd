/// Small deterministic summaries used by metrics and reports.
///
/// Quantiles interpolate linearly between order statistics (numpy's default, MODEL 6.2): for
/// `n` values and `q` in 0...1, `h = q (n - 1)`, `lo = floor(h)`, `hi = min(lo + 1, n - 1)`, and
/// the quantile is `x[lo] + (h - lo) (x[hi] - x[lo])` over the sorted values. The order
/// statistics are found by selection (`groupSummaries`), never by sorting a large array: the
/// values are read in place, several groups and quantiles at once, in O(n) time and without a
/// copy, and the results are bit for bit those of a full sort.
public enum Statistics {
    public static func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }

    /// The q-quantile of `xs` (0 when empty), by selection.
    public static func quantile(_ xs: [Double], _ q: Double) -> Double {
        quantiles(xs, [q])[0]
    }

    /// Several quantiles of `xs` (0 each when empty), by one selection.
    public static func quantiles(_ xs: [Double], _ qs: [Double]) -> [Double] {
        xs.withUnsafeBufferPointer { groupSummaries(values: $0, quantiles: qs)[0].quantiles }
    }

    /// The q-quantile of already sorted values (0 when empty).
    public static func quantile(sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let (lo, hi, h) = ranks(count: sorted.count, q)
        return interpolate(sorted[lo], sorted[hi], h: h, lo: lo)
    }

    /// The two ranks numpy's linear interpolation reads for `q` over `n > 0` values, and `h`.
    @inline(__always)
    static func ranks(count n: Int, _ q: Double) -> (lo: Int, hi: Int, h: Double) {
        let h = q * Double(n - 1)
        let lo = Int(h.rounded(.down))
        return (lo, min(lo + 1, n - 1), h)
    }

    @inline(__always)
    static func interpolate(_ a: Double, _ b: Double, h: Double, lo: Int) -> Double {
        a + (h - Double(lo)) * (b - a)
    }

    /// One group's count, mean and quantiles.
    public struct Summary: Sendable, Equatable {
        public var count = 0
        /// The values summed in index order, over `count` (0 for an empty group): the same
        /// double as `mean` of the group's values in index order.
        public var mean = 0.0
        /// The sum of the values, in index order.
        public var sum = 0.0
        /// One per requested quantile, in the order asked (0 for an empty group).
        public var quantiles: [Double] = []
    }

    /// Up to this many values, or above `maxRadixGroups` groups, groups are gathered and
    /// sorted; otherwise radix selection. Both give the same numbers.
    public static let sortCutoff = 1 << 14
    static let maxRadixGroups = 64

    /// Count, mean and quantiles of each group of `values`: value `i` is in group
    /// `min(groupOf[i], groups - 1)`, or in group 0 when `groupOf` is nil (so request types map
    /// to themselves and turns above `groups - 1` share the last group). Radix selection of
    /// every needed order statistic of every group at once: at most four passes over the
    /// values (16 bits of an order-preserving key each; the first also counts and sums; a
    /// bucket of equal values ends its targets' descent, so ties take two), O(n + groups x
    /// quantiles x 2^16) time and O(groups x quantiles x 2^16) memory, nothing copied or
    /// reordered. The results equal a full sort's bit for bit (a zero is returned as +0; NaNs
    /// have no defined order, as in a sort); means sum in index order, as `mean` does.
    /// `sortCutoff` is for tests.
    public static func groupSummaries(
        values: UnsafeBufferPointer<Double>, groupOf: UnsafeBufferPointer<UInt16>? = nil, groups: Int = 1,
        quantiles qs: [Double], sortCutoff: Int = Statistics.sortCutoff
    ) -> [Summary] {
        precondition(groups >= 1 && (groupOf == nil || groupOf!.count == values.count))
        let n = values.count
        let last = groups - 1
        var empty = Summary()
        empty.quantiles = Array(repeating: 0, count: qs.count)
        var out = [Summary](repeating: empty, count: groups)
        if n <= sortCutoff || groups > maxRadixGroups {
            // Small or many groups: gather each group's values and sort them.
            var members = [[Double]](repeating: [], count: groups)
            for i in 0 ..< n {
                let g = groupOf.map { min(Int($0[i]), last) } ?? 0
                out[g].count += 1
                out[g].sum += values[i]
                members[g].append(canonical(values[i]))
            }
            for g in 0 ..< groups where out[g].count > 0 {
                members[g].sort()
                let m = members[g]
                finish(&out[g], qs) { m[$0] }
            }
            return out
        }
        // Pass 1 of 4: counts, sums, and per group the smallest and largest key and a histogram
        // of the top 16 key bits.
        let digits = 1 << 16
        var top = [UInt32](repeating: 0, count: groups * digits)
        var lowest = [UInt64](repeating: .max, count: groups), highest = [UInt64](repeating: 0, count: groups)
        top.withUnsafeMutableBufferPointer { hist in
            out.withUnsafeMutableBufferPointer { out in
                if let groupOf {
                    for i in 0 ..< n {
                        let g = min(Int(groupOf[i]), last)
                        let v = values[i]
                        let k = orderKey(v)
                        out[g].count &+= 1
                        out[g].sum += v
                        lowest[g] = min(lowest[g], k)
                        highest[g] = max(highest[g], k)
                        hist[g &* digits &+ Int(truncatingIfNeeded: k >> 48)] &+= 1
                    }
                } else {
                    var sum = 0.0, lo = UInt64.max, hi = UInt64(0)
                    for i in 0 ..< n {
                        let v = values[i]
                        let k = orderKey(v)
                        sum += v
                        lo = min(lo, k)
                        hi = max(hi, k)
                        hist[Int(truncatingIfNeeded: k >> 48)] &+= 1
                    }
                    out[0].count = n
                    out[0].sum = sum
                    lowest[0] = lo
                    highest[0] = hi
                }
            }
        }
        // The order statistics each group needs (distinct ranks, ascending); a group of equal
        // values is decided already, the others by their top 16 bits.
        var targets: [Target] = []
        for g in 0 ..< groups where out[g].count > 0 {
            var needed = Set<Int>()
            for q in qs {
                let r = ranks(count: out[g].count, q)
                needed.insert(r.lo)
                needed.insert(r.hi)
            }
            for k in needed.sorted() {
                var t = Target(group: g, rank: k)
                if lowest[g] == highest[g] { t.key = lowest[g] } else { t.descend(top, base: g * digits) }
                targets.append(t)
            }
        }
        // Passes 2 to 4, while a target is undecided: each undecided target's bucket (its group
        // and the bits decided so far) gets a histogram of the next 16 bits and its smallest and
        // largest key; a bucket of equal values decides its targets at once (ties end early).
        for pass in 1 ..< 4 where targets.contains(where: { $0.key == nil }) {
            let shift = UInt64(48 - 16 * pass)
            // Distinct (group, prefix) buckets, listed per group: slots start[g] ..< start[g + 1].
            var slots: [(group: Int, prefix: UInt64)] = []
            var slotOfTarget = [Int](repeating: -1, count: targets.count)
            for (t, target) in targets.enumerated() where target.key == nil {
                // Targets are in group order, so a group's slots are contiguous.
                if let s = slots.lastIndex(where: { $0.group == target.group && $0.prefix == target.prefix }) {
                    slotOfTarget[t] = s
                } else {
                    slotOfTarget[t] = slots.count
                    slots.append((target.group, target.prefix))
                }
            }
            var start = [Int](repeating: 0, count: groups + 1)
            for slot in slots { start[slot.group + 1] += 1 }
            for g in 0 ..< groups { start[g + 1] += start[g] }
            let prefixes = slots.map(\.prefix)
            var hist = [UInt32](repeating: 0, count: slots.count * digits)
            var lowest = [UInt64](repeating: .max, count: slots.count), highest = [UInt64](repeating: 0, count: slots.count)
            let highShift = shift + 16
            hist.withUnsafeMutableBufferPointer { hist in
                prefixes.withUnsafeBufferPointer { prefixes in
                    start.withUnsafeBufferPointer { start in
                        for i in 0 ..< n {
                            let g = groupOf.map { min(Int($0[i]), last) } ?? 0
                            var s = start[g]
                            let end = start[g + 1]
                            guard s < end else { continue }
                            let k = orderKey(values[i])
                            let high = k >> highShift
                            let digit = Int(truncatingIfNeeded: (k >> shift) & 0xFFFF)
                            while s < end {
                                if prefixes[s] == high {
                                    hist[s &* digits &+ digit] &+= 1
                                    lowest[s] = min(lowest[s], k)
                                    highest[s] = max(highest[s], k)
                                }
                                s &+= 1
                            }
                        }
                    }
                }
            }
            for t in targets.indices where targets[t].key == nil {
                let s = slotOfTarget[t]
                if lowest[s] == highest[s] {
                    targets[t].key = lowest[s]
                } else {
                    targets[t].descend(hist, base: s * digits)
                    if pass == 3 { targets[t].key = targets[t].prefix }
                }
            }
        }
        var found: [Int: [Int: Double]] = [:]  // group -> rank -> value
        for t in targets { found[t.group, default: [:]][t.originalRank] = double(ofKey: t.key!) }
        for g in 0 ..< groups where out[g].count > 0 {
            let values = found[g]!
            finish(&out[g], qs) { values[$0]! }
        }
        return out
    }

    /// Mean and quantiles of a counted group, from its order statistics.
    static func finish(_ s: inout Summary, _ qs: [Double], _ orderStatistic: (Int) -> Double) {
        s.mean = s.sum / Double(s.count)
        s.quantiles = qs.map { q in
            let (lo, hi, h) = ranks(count: s.count, q)
            return interpolate(orderStatistic(lo), orderStatistic(hi), h: h, lo: lo)
        }
    }

    /// One order statistic being selected.
    struct Target {
        var group: Int
        let originalRank: Int
        /// The rank left within the current bucket.
        var rank: Int
        /// The key bits decided so far (the high ones).
        var prefix: UInt64 = 0
        /// The whole key, once decided.
        var key: UInt64?

        init(group: Int, rank: Int) {
            self.group = group
            originalRank = rank
            self.rank = rank
        }

        /// Decides the next 16 bits from the bucket's histogram `hist[base ..< base + 2^16]`.
        mutating func descend(_ hist: [UInt32], base: Int) {
            var d = 0
            while rank >= Int(hist[base + d]) {
                rank -= Int(hist[base + d])
                d += 1
            }
            prefix = prefix << 16 | UInt64(d)
        }
    }

    /// A key whose unsigned order is the order of the doubles (-0 taken as +0).
    @inline(__always)
    static func orderKey(_ x: Double) -> UInt64 {
        let b = canonical(x).bitPattern
        return b >> 63 != 0 ? ~b : b | (1 << 63)
    }

    @inline(__always)
    static func double(ofKey k: UInt64) -> Double {
        k >> 63 != 0 ? Double(bitPattern: k & ~(1 << 63)) : Double(bitPattern: ~k)
    }

    @inline(__always)
    static func canonical(_ x: Double) -> Double { x == 0 ? 0 : x }
}
