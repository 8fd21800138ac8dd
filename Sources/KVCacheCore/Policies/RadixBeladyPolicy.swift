/// `radix_belady` (MODEL 4.14): a radix cache whose victim is the unprotected leaf whose next
/// use (the next request whose path holds it) is farthest, ties to the later-numbered node, and
/// which declines an incoming block, and the rest of its request, when that victim's next use
/// is no later than the block's own. The rule of KVCache.AI's simulator's `optimal`, which its
/// documentation calls a heuristic: the best known offline radix policy, not an optimum.
public struct RadixBeladyOrder: RadixOrder {
    private let nextRequest: [Int32]
    /// - Parameter nextRequest: `RadixTree.nextRequest` of the trace.
    public init(nextRequest: [Int32]) { self.nextRequest = nextRequest }
    public func key(access i: Int, request r: Int) -> Int64 { Int64(nextRequest[i]) }
    public var evictsLargest: Bool { true }
    public func declines(access i: Int, victimKey: Int64) -> Bool { victimKey <= Int64(nextRequest[i]) }
}
