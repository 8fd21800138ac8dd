/// The prefix tree of a trace (MODEL 4.14): every block access is a node keyed by its whole path
/// (its parent node and its id), as a radix cache (SGLang's RadixCache, KVCache.AI's simulator)
/// keys KV blocks. On a trace with the prefix-tree property (MODEL 2.5) a node is a block id
/// and the tree costs nothing more; otherwise the same id under two parents is two nodes.
///
/// Built in one pass: O(accesses) with arrays when the property holds, plus a hash lookup per
/// access when it does not. 4 bytes per access (node of each access) and 4 per node (parent).
public struct RadixTree: Sendable {
    /// The node of each access, in trace order.
    public let nodes: [Int32]
    /// The parent of each node, -1 for a first block.
    public let parents: [Int32]
    public var nodeCount: Int { parents.count }

    public init(_ trace: Trace) {
        // The prefix-tree property: every id always follows the same parent (or always comes first).
        var parentOf = [Int32](repeating: -2, count: trace.uniqueBlocks)
        var isTree = true
        trace.blockIds.withUnsafeBufferPointer { ids in
            for r in 0 ..< trace.requestCount where isTree {
                var previous: Int32 = -1
                for i in trace.blockRange(of: r) {
                    let id = Int(ids[i])
                    if parentOf[id] == -2 { parentOf[id] = previous } else if parentOf[id] != previous { isTree = false; break }
                    previous = Int32(id)
                }
            }
        }
        if isTree {
            nodes = trace.blockIds
            parents = parentOf.map { $0 == -2 ? -1 : $0 }
            return
        }
        var nodes = [Int32](repeating: 0, count: trace.accessCount)
        var parents: [Int32] = []
        var index: [UInt64: Int32] = [:]
        for r in 0 ..< trace.requestCount {
            var previous: Int32 = -1
            for i in trace.blockRange(of: r) {
                let key = UInt64(UInt32(bitPattern: previous)) << 32 | UInt64(UInt32(bitPattern: trace.blockIds[i]))
                let node: Int32
                if let n = index[key] {
                    node = n
                } else {
                    node = Int32(parents.count)
                    index[key] = node
                    parents.append(previous)
                }
                nodes[i] = node
                previous = node
            }
        }
        self.nodes = nodes
        self.parents = parents
    }

    /// For each access, the index of the next request whose path holds the same node, or
    /// `requestCount + 1` (KVCache.AI's "never"). One backward pass.
    public func nextRequest(_ trace: Trace) -> [Int32] {
        var next = [Int32](repeating: 0, count: nodes.count)
        var last = [Int32](repeating: Int32(trace.requestCount + 1), count: nodeCount)
        for r in stride(from: trace.requestCount - 1, through: 0, by: -1) {
            let range = trace.blockRange(of: r)
            for i in range { next[i] = last[Int(nodes[i])] }
            for i in range { last[Int(nodes[i])] = Int32(r) }
        }
        return next
    }
}
