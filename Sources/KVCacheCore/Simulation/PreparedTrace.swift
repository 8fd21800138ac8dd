/// What an offline policy derives from the whole trace before it runs (the radix tree of
/// `radix_lru` and `radix_belady`, the next request holding each node, the next access of each
/// access for `belady` and `belady_bypass`), computed once and shared, read-only, by the runs of
/// one policy at many capacities (`SimulatedCurves`), instead of once per capacity. O(accesses)
/// time and 4 to 8 bytes per access, only for the policy that needs it; empty for the others.
public struct PreparedTrace: Sendable {
    public let tree: RadixTree?
    public let nextRequest: [Int32]?
    public let nextAccess: [Int32]?

    public init(_ trace: Trace, for policy: PolicySpec) {
        switch policy {
        case .radixLRU:
            tree = RadixTree(trace)
            nextRequest = nil
            nextAccess = nil
        case .radixBelady:
            let t = RadixTree(trace)
            tree = t
            nextRequest = t.nextRequest(trace)
            nextAccess = nil
        case .belady, .beladyBypass:
            tree = nil
            nextRequest = nil
            nextAccess = NextAccess.compute(trace)
        default:
            tree = nil
            nextRequest = nil
            nextAccess = nil
        }
    }
}
