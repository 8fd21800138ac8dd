import HeapModule

/// Radix leaves in a min-max heap (swift-collections) of (key, node) with lazy deletion, for
/// any order: the victim is the smallest key, or the largest when `evictsLargest`. A touched
/// leaf gets a new entry and its old one goes stale; stale entries are skipped when popped and
/// dropped once they outnumber the live ones. O(log n) per operation.
public struct RadixLeafHeap: RadixLeafSet {
    private var heap = Heap<Leaf>()
    private let evictsLargest: Bool

    struct Leaf: Comparable {
        var key: Int64
        var node: Int32
        static func < (a: Leaf, b: Leaf) -> Bool { (a.key, a.node) < (b.key, b.node) }
    }

    public init(evictsLargest: Bool) { self.evictsLargest = evictsLargest }

    public mutating func touched(_ node: Int32, key: Int64, old: Int64?) { heap.insert(Leaf(key: key, node: node)) }
    public mutating func exposed(_ node: Int32, key: Int64) { heap.insert(Leaf(key: key, node: node)) }
    public mutating func covered(_ node: Int32, key: Int64) {}
    public mutating func putBack(_ node: Int32, key: Int64) { heap.insert(Leaf(key: key, node: node)) }

    public mutating func takeVictim(isCurrent: (Int32, Int64) -> Bool, isProtected: (Int32) -> Bool) -> (node: Int32, key: Int64)? {
        var setAside: [Leaf] = []
        defer { for l in setAside { heap.insert(l) } }
        while let top = evictsLargest ? heap.popMax() : heap.popMin() {
            if !isCurrent(top.node, top.key) { continue }  // stale
            if isProtected(top.node) {
                setAside.append(top)  // the deepest hit node: the only protected leaf there can be
                continue
            }
            return (top.node, top.key)
        }
        return nil
    }

    /// Drops stale entries once they outnumber the live ones: one O(n) heapify per about n
    /// touches, so the heap stays within twice the cached nodes.
    public mutating func compact(isCurrent: (Int32, Int64) -> Bool, leafCount: Int) {
        guard heap.count > 2 * leafCount + 64 else { return }
        var seen = Set<Int32>(minimumCapacity: leafCount)
        var live: [Leaf] = []
        live.reserveCapacity(leafCount)
        for l in heap.unordered where isCurrent(l.node, l.key) && seen.insert(l.node).inserted { live.append(l) }
        heap = Heap(live)
    }
}
