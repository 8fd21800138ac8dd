/// Next-access positions on the flattened stream in a given touch order (MODEL 4.5): one
/// backward pass, O(accesses) time, 4 bytes per access plus 4 per distinct block.
public enum NextAccess {
    /// `result[t]` is the clock of the next access to the block accessed at clock `t`, or -1.
    /// Clocks count accesses in touch order: forward within each request, or last to first
    /// when `reverse` (MODEL 3.3).
    public static func compute(_ trace: Trace, reverse: Bool = false) -> [Int32] {
        var next = [Int32](repeating: -1, count: trace.accessCount)
        var last = [Int32](repeating: -1, count: trace.uniqueBlocks)
        var clock = trace.accessCount
        for r in stride(from: trace.requestCount - 1, through: 0, by: -1) {
            let range = trace.blockRange(of: r)
            // Walk the request's touch order backwards.
            for j in 0 ..< range.count {
                let index = reverse ? range.lowerBound + j : range.upperBound - 1 - j
                let id = Int(trace.blockIds[index])
                clock -= 1
                next[clock] = last[id]
                last[id] = Int32(clock)
            }
        }
        return next
    }
}
