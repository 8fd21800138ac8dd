/// The blocks of the request being served (SEMANTICS 3.3: pinned, as blocks with a non-zero
/// reference count in vLLM). O(1) membership through a per-id epoch stamp; no clearing needed
/// between requests.
public struct PinSet {
    private let stamp: FlatStorage<Int32>
    private var epoch: Int32 = 0

    public init(universe: Int) {
        stamp = FlatStorage(repeating: 0, count: universe)
    }

    /// Starts a new request: unpins everything in O(1).
    @inline(__always)
    public mutating func beginRequest() {
        if epoch == Int32.max {
            stamp.fill(0)
            epoch = 0
        }
        epoch &+= 1
    }

    @inline(__always)
    public mutating func pin(_ id: Int32) { stamp[Int(id)] = epoch }

    @inline(__always)
    public func isPinned(_ id: Int32) -> Bool { stamp[Int(id)] == epoch }
}
