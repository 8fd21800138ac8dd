/// `belady` (MODEL 4.5) and `belady_bypass` (MODEL 4.13).
///
/// `belady`: Belady's MIN with forced insertion over the flattened stream of
/// accesses in touch order: on a miss with a full cache, evict the cached block whose next
/// access is farthest. Blocks never accessed again count as infinitely far and go first; among
/// them the fixed rule is "the one accessed last" (a stack). No pinning: the simulator looks
/// each block up at its own access (`lookup == .access`). Belady, "A study of replacement
/// algorithms for a virtual-storage computer", IBM Systems Journal 5(2), 1966; libCacheSim's
/// `Belady`.
///
/// Needs the next-access clock of every access (`NextAccess`, one backward pass). The cached
/// blocks that will be accessed again are keyed by that clock in a `HierarchicalBitset`; since
/// the access at clock p is to block `stream[p]`, the key alone names the block. A touch at
/// clock t removes key t (the block's next access is this one) and adds its new key; an
/// eviction takes the maximum. O(log64 accesses) per access, a handful of word operations.
///
/// The victim's id is `stream[farthest]`, a read far ahead in the trace (a cache miss to memory
/// on a large trace). A direct-mapped table of `(key, id)` pairs, written when a key is added
/// (the id is then at hand), answers it instead when the key's entry has not been overwritten;
/// otherwise the stream does: the same id either way. The table has a power of two of entries,
/// about four per block of capacity, at most one per eight accesses: 8 bytes per entry, at most
/// one byte per access.
///
/// `belady_bypass` (`bypass: true`) is the same with admission control, the offline optimum
/// for block hits on the flattened stream (Mattson et al.'s OPT, "Evaluation techniques for
/// storage hierarchies", IBM Systems Journal 9(2), 1970; Hawkeye's OPTgen): on a miss with a
/// full cache, when the incoming block's next access is no nearer than every cached block's, it
/// is not inserted. Same cost.
public struct BeladyPolicy: EvictionPolicy, ~Copyable {
    public var lookup: LookupTime { .access }
    /// Whether a block whose next access is the farthest may be declined (`belady_bypass`).
    public let bypass: Bool
    private let stream: [Int32]
    private let nextAccess: [Int32]
    private var keys: HierarchicalBitset
    /// Cached blocks that are never accessed again.
    private var dead: [Int32] = []
    /// `(key, id)` of recently added keys at `key & mask`; `key` -1 when empty.
    private let recent: FlatArray<Entry>
    private let mask: Int

    struct Entry {
        var key: Int32
        var id: Int32
    }

    /// - Parameters:
    ///   - stream: the flattened block ids in touch order (the clock indexes it).
    ///   - nextAccess: for each clock, the clock of the next access to the same block, or -1.
    ///   - bypass: admission control (`belady_bypass`).
    ///   - capacity: the cache's capacity, which sizes the table of recent keys (0: the
    ///     smallest table; the victims are the same whatever its size).
    public init(stream: [Int32], nextAccess: [Int32], bypass: Bool = false, capacity: Int = 0) {
        precondition(stream.count == nextAccess.count)
        self.bypass = bypass
        self.stream = stream
        self.nextAccess = nextAccess
        keys = HierarchicalBitset(size: stream.count)
        var size = 1
        while size < 4 * capacity, size < stream.count / 8 { size <<= 1 }
        recent = FlatArray(repeating: Entry(key: -1, id: -1), count: size)
        mask = size - 1
    }

    @inline(__always)
    private mutating func addKey(_ id: Int32, clock: Int) {
        let n = nextAccess[clock]
        if n >= 0 {
            keys.insert(Int(n))
            recent[Int(n) & mask] = Entry(key: n, id: id)
        } else {
            dead.append(id)
        }
    }

    public mutating func hit(_ id: Int32, clock: Int, cache: inout BlockCache) {
        keys.remove(clock)
        addKey(id, clock: clock)
    }

    public mutating func inserted(_ id: Int32, clock: Int, cache: inout BlockCache) {
        addKey(id, clock: clock)
    }

    /// With `bypass`, a full cache admits the block only when its next access comes strictly
    /// before the farthest cached block's (a block never accessed again is the farthest of all,
    /// and never displaces another such block).
    @inline(__always)
    public mutating func admits(_ id: Int32, clock: Int, cache: borrowing BlockCache) -> Bool {
        guard bypass else { return true }
        let next = nextAccess[clock]
        if next < 0 { return false }
        if !dead.isEmpty { return true }
        guard let farthest = keys.max() else { return true }
        return Int(next) < farthest
    }

    public mutating func evict(cache: inout BlockCache) -> Int32 {
        if let d = dead.popLast() { return d }
        guard let farthest = keys.max() else { preconditionFailure("belady: evict called on an empty cache") }
        keys.remove(farthest)
        let entry = recent[farthest & mask]
        return entry.key == Int32(truncatingIfNeeded: farthest) ? entry.id : stream[farthest]
    }

    /// Every resident block is keyed exactly once: by its next access, or in `dead`.
    public func checkInvariants(cache: borrowing BlockCache) throws(InvariantViolation) {
        var seen = Array(repeating: false, count: cache.universe)
        var n = 0
        for d in dead {
            if !cache.contains(d) { throw InvariantViolation("belady: dead block \(d) is not resident") }
            if seen[Int(d)] { throw InvariantViolation("belady: block \(d) keyed twice") }
            seen[Int(d)] = true
            n += 1
        }
        for key in keys.members() {
            let id = stream[key]
            if !cache.contains(id) { throw InvariantViolation("belady: keyed block \(id) is not resident") }
            if seen[Int(id)] { throw InvariantViolation("belady: block \(id) keyed twice") }
            seen[Int(id)] = true
            n += 1
        }
        if n != cache.count { throw InvariantViolation("belady: \(n) keyed, \(cache.count) resident") }
    }
}
