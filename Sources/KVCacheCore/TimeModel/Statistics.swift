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
        xs.withUnsafeBufferPointer { v in
            groupSummaries(count: v.count, groups: 1, quantiles: qs, value: { v[$0] }, group: { _ in 0 })[0].quantiles
        }
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

    /// Up to this many values, groups are gathered and sorted (cheaper than four passes of
    /// 2^16-bucket histograms); above it, radix selection. Both give the same numbers.
    public static let sortCutoff = 1 << 14

    /// Count, mean and quantiles of each group of the values `value(0 ..< count)`; `group(i)`
    /// names the group of value `i` in `0 ..< groups`, or -1 to leave it out. One pass for the
    /// counts and sums, then an exact radix selection of every needed order statistic of every
    /// group at once: four passes over the values (16 bits of an order-preserving key each),
    /// O(count + groups x quantiles x 2^16) time, O(groups x quantiles x 2^16) memory, nothing
    /// copied or reordered. The results equal a full sort's bit for bit (a zero is returned as
    /// +0; NaNs have no defined order, as in a sort). `sortCutoff` is for tests.
    public static func groupSummaries(
        count n: Int, groups: Int, quantiles qs: [Double], sortCutoff: Int = Statistics.sortCutoff,
        value: (Int) -> Double, group: (Int) -> Int
    ) -> [Summary] {
        var out = [Summary](repeating: Summary(), count: groups)
        for i in 0 ..< n {
            let g = group(i)
            guard g >= 0 else { continue }
            out[g].count += 1
            out[g].sum += value(i)
        }
        // The order statistics each group needs (distinct ranks, ascending).
        var targets: [Target] = []
        for g in 0 ..< groups where out[g].count > 0 {
            var needed: [Int] = []
            for q in qs {
                let r = ranks(count: out[g].count, q)
                needed.append(r.lo)
                needed.append(r.hi)
            }
            for k in Set(needed).sorted() { targets.append(Target(group: g, rank: k)) }
        }
        let found: [Int: Double]  // target index -> value
        if n <= sortCutoff {
            found = sortSelect(count: n, groups: groups, targets: targets, value: value, group: group)
        } else {
            found = radixSelect(count: n, groups: groups, targets: targets, value: value, group: group)
        }
        var valueOf: [Int: [Int: Double]] = [:]  // group -> rank -> value
        for (t, target) in targets.enumerated() { valueOf[target.group, default: [:]][target.rank] = found[t] }
        for g in 0 ..< groups {
            let c = out[g].count
            guard c > 0 else {
                out[g].quantiles = Array(repeating: 0, count: qs.count)
                continue
            }
            out[g].mean = out[g].sum / Double(c)
            out[g].quantiles = qs.map { q in
                let (lo, hi, h) = ranks(count: c, q)
                return interpolate(valueOf[g]![lo]!, valueOf[g]![hi]!, h: h, lo: lo)
            }
        }
        return out
    }

    struct Target {
        var group: Int
        /// The rank within the group; during the radix passes, the rank left within the bucket.
        var rank: Int
        /// The key bits decided so far (the high ones).
        var prefix: UInt64 = 0
    }

    /// Small inputs: each group's values gathered and sorted.
    static func sortSelect(count n: Int, groups: Int, targets: [Target],
                           value: (Int) -> Double, group: (Int) -> Int) -> [Int: Double] {
        var values = [[Double]](repeating: [], count: groups)
        for i in 0 ..< n {
            let g = group(i)
            if g >= 0 { values[g].append(canonical(value(i))) }
        }
        for g in 0 ..< groups { values[g].sort() }
        var found: [Int: Double] = [:]
        for (t, target) in targets.enumerated() { found[t] = values[target.group][target.rank] }
        return found
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

    /// MSD radix selection, 16 bits per pass: in each pass every target's bucket (its group and
    /// the key bits decided so far) gets a histogram of the next 16 bits, which decides them.
    static func radixSelect(count n: Int, groups: Int, targets: [Target],
                            value: (Int) -> Double, group: (Int) -> Int) -> [Int: Double] {
        var targets = targets
        let digits = 1 << 16
        for pass in 0 ..< 4 {
            let shift = UInt64(48 - 16 * pass)
            // Distinct (group, prefix) buckets, listed per group (targets are grouped in order).
            var bucketOfTarget = [Int](repeating: 0, count: targets.count)
            var bucketPrefix: [UInt64] = []
            var groupStart = [Int](repeating: 0, count: groups + 1)
            var seen: [Int: [UInt64: Int]] = [:]
            var perGroup = [[Int]](repeating: [], count: groups)
            for (t, target) in targets.enumerated() {
                if let b = seen[target.group]?[target.prefix] {
                    bucketOfTarget[t] = b
                } else {
                    let b = bucketPrefix.count
                    bucketPrefix.append(target.prefix)
                    seen[target.group, default: [:]][target.prefix] = b
                    perGroup[target.group].append(b)
                    bucketOfTarget[t] = b
                }
            }
            // Buckets in group order (CSR): order[groupStart[g] ..< groupStart[g + 1]].
            var order: [Int] = []
            for g in 0 ..< groups {
                groupStart[g] = order.count
                order.append(contentsOf: perGroup[g])
            }
            groupStart[groups] = order.count
            let prefixes = order.map { bucketPrefix[$0] }
            var histogram = [UInt32](repeating: 0, count: order.count * digits)
            var slotOfBucket = [Int](repeating: 0, count: bucketPrefix.count)
            for (slot, b) in order.enumerated() { slotOfBucket[b] = slot }
            let highShift = shift + 16  // the bits already decided (none in the first pass: 64)
            histogram.withUnsafeMutableBufferPointer { hist in
                prefixes.withUnsafeBufferPointer { prefixes in
                    groupStart.withUnsafeBufferPointer { starts in
                        for i in 0 ..< n {
                            let g = group(i)
                            guard g >= 0 else { continue }
                            let k = orderKey(value(i))
                            let high = k >> highShift
                            let digit = Int(truncatingIfNeeded: (k >> shift) & 0xFFFF)
                            var s = starts[g]
                            let end = starts[g + 1]
                            while s < end {
                                if prefixes[s] == high { hist[s &* digits &+ digit] &+= 1 }
                                s &+= 1
                            }
                        }
                    }
                }
            }
            for t in targets.indices {
                let base = slotOfBucket[bucketOfTarget[t]] * digits
                var rank = targets[t].rank
                var d = 0
                while rank >= Int(histogram[base + d]) {
                    rank -= Int(histogram[base + d])
                    d += 1
                }
                targets[t].rank = rank
                targets[t].prefix = targets[t].prefix << 16 | UInt64(d)
            }
        }
        var found: [Int: Double] = [:]
        for (t, target) in targets.enumerated() { found[t] = double(ofKey: target.prefix) }
        return found
    }
}
