/// Radix leaves for an order whose key is the position in the trace of the access that last
/// touched the node, the victim being the smallest (`radix_lru`): a `HierarchicalBitset` over
/// the positions, the node of a key being `tree.nodes[key]`. Each position is touched at most
/// once, so keys are distinct and each names one node. Insert, remove and minimum cost about
/// four word operations at 10^7 accesses, against a heap's O(log n) comparisons and its stale
/// entries. Memory: one bit per access. Equal to `RadixLeafHeap(evictsLargest: false)`, tested.
public struct RadixLeafBitset: RadixLeafSet, ~Copyable {
    private let members: HierarchicalBitset
    private let nodes: [Int32]

    /// - Parameter tree: the trace's radix tree; keys are indices into `tree.nodes`.
    public init(tree: RadixTree) {
        nodes = tree.nodes
        members = HierarchicalBitset(size: nodes.count)
    }

    public mutating func touched(_ node: Int32, key: Int64, old: Int64?) {
        if let old { members.remove(Int(old)) }
        members.insert(Int(key))
    }

    public mutating func exposed(_ node: Int32, key: Int64) { members.insert(Int(key)) }
    public mutating func putBack(_ node: Int32, key: Int64) { members.insert(Int(key)) }
    public mutating func covered(_ node: Int32, key: Int64) { members.remove(Int(key)) }
    public mutating func compact(isCurrent: (Int32, Int64) -> Bool, leafCount: Int) {}

    public mutating func takeVictim(isCurrent: (Int32, Int64) -> Bool, isProtected: (Int32) -> Bool) -> (node: Int32, key: Int64)? {
        guard let first = members.min() else { return nil }
        guard isProtected(nodes[first]) else {
            members.remove(first)
            return (nodes[first], Int64(first))
        }
        // The deepest hit node, the only protected leaf there can be: the next one goes.
        members.remove(first)
        defer { members.insert(first) }
        guard let second = members.min() else { return nil }
        members.remove(second)
        return (nodes[second], Int64(second))
    }
}
