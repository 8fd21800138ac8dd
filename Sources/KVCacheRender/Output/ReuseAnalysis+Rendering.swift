import KVCacheAnalysis

/// The reuse profile as `reuse.csv`.
extension ReuseAnalysis {
    /// `reuse.csv`: `histogram,bin_lower,bin_upper,count` (an `inf` bin for first accesses).
    public func csv() -> String {
        var out = "histogram,bin_lower,bin_upper,count\n"
        func rows(_ name: String, _ h: Log2Histogram) {
            for (k, c) in h.counts.enumerated() { out += "\(name),\(1 << k),\((1 << (k + 1)) - 1),\(c)\n" }
            out += "\(name),inf,inf,\(h.infinite)\n"
        }
        rows("stack_distance", stackDistance)
        rows("reuse_time_accesses", reuseTimeAccesses)
        if let reuseTimeMs { rows("reuse_time_ms", reuseTimeMs) }
        return out
    }
}
