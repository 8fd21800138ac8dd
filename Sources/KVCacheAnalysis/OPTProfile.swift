import KVCacheCore
import KVCacheInput

/// The exact `belady` (MIN) profile for every capacity in one pass (MODEL 4.5, 5.2, 5.3):
/// OPT stack distances at each access of the flattened stream (forward touch order, no
/// pinning), block hits by own distance and MIN's own prefix hits by the leading run of
/// per-access hits in each request (running maximum). O(accesses x log distinct) with
/// `OPTStackDistances`.
public enum OPTProfile {
    public static func profile(_ trace: Trace) -> StackDistanceProfile {
        var profile = StackDistanceProfile(policy: .belady, trace: trace)
        var opt = OPTStackDistances(uniqueBlocks: trace.uniqueBlocks)
        var distances = [Int32](repeating: 0, count: 16)
        trace.blockIds.withUnsafeBufferPointer { ids in
            for r in 0 ..< trace.requestCount {
                let range = trace.blockRange(of: r)
                let n = range.count
                if distances.count < n { distances = [Int32](repeating: 0, count: n * 2) }
                distances.withUnsafeMutableBufferPointer { d in
                    opt.access(ids, range, into: d)
                    profile.record(request: r, distances: UnsafeBufferPointer(rebasing: d[0 ..< n]), trace: trace)
                }
            }
        }
        return profile
    }
}
