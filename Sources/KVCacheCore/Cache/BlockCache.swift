/// The resident set of a simulated KV cache (MODEL 3): which blocks are present and in which
/// tier, how many, the capacity, and the pins of the request being served. It is the single
/// owner of these facts; a policy (`EvictionPolicy`) only keeps an order and picks victims.
///
/// Tiers are numbered from 1 (L1, GPU memory) down; 0 means absent. A block is inserted in L1;
/// only tiered policies move blocks between tiers (`promote`, `demote`, `moveTier`).
/// Pins follow vLLM's reference counts: the blocks of the request being served are pinned and
/// are never victims while another block remains (MODEL 3.3). `beginRequest` unpins everything
/// in O(1) through a per-id epoch stamp. Until a request pins a block, the stamps are not read
/// at all (`pinning` is false): with single-block requests (MODEL 3.4) an insertion, an eviction
/// or a pin check touches one per-id array, not two.
///
/// Residency is a bitset (one bit per id), which is all a single-tier cache keeps: the bits of a
/// million ids fit in 128 KiB, so the lookup of every access and the clearing of every victim
/// stay in the CPU's caches (a byte per id, 1 MB, would fill a core's L2). A cache with lower
/// tiers also keeps a tier byte per id, read only for resident blocks.
///
/// Memory: 4 bytes and 1 bit per distinct block (one more byte with tiers). Every operation is
/// O(1).
public struct BlockCache: ~Copyable {
    /// Blocks the cache holds at most, over all tiers.
    public let capacity: Int
    /// Blocks per tier, L1 first; they add up to `capacity`.
    public let tierCapacities: [Int]
    /// Ids are `0 ..< universe`.
    public private(set) var universe: Int
    /// Blocks resident now.
    public private(set) var count = 0
    public private(set) var evictions = 0
    public private(set) var promotions = 0
    public private(set) var demotions = 0
    /// Resident blocks that are pinned now.
    public private(set) var pinnedResident = 0
    /// Bit `id & 63` of word `id >> 6` is set when block `id` is resident.
    private var resident: FlatArray<UInt64>
    /// The 1-based tier of each resident block (stale for absent ones); one element when
    /// `tiered` is false.
    private var tiers: FlatArray<UInt8>
    /// The cache has lower tiers (`tierCapacities.count > 1`).
    private let tiered: Bool
    private var pinStamp: FlatArray<Int32>
    private var epoch: Int32 = 1
    /// Some block was pinned since the last `beginRequest`; while false no stamp equals `epoch`.
    private var pinning = false

    /// A cache of `tierCapacities` blocks per tier (one tier when a single capacity is given)
    /// over ids `0 ..< universe`. Rejects a tier below one block (an L2 of 0 is allowed only as
    /// "no L2", i.e. a single tier).
    public init(tierCapacities: [Int], universe: Int) throws(CacheError) {
        guard let l1 = tierCapacities.first, l1 >= 1 else {
            throw CacheError.capacityBelowOne(tierCapacities.first ?? 0)
        }
        guard tierCapacities.count <= 254, tierCapacities.dropFirst().allSatisfy({ $0 >= 1 }) else {
            throw CacheError.capacityBelowOne(tierCapacities.dropFirst().min() ?? 0)
        }
        guard universe >= 0 else { throw CacheError.negativeUniverse(universe) }
        var total = 0
        for c in tierCapacities {
            let (sum, overflow) = total.addingReportingOverflow(c)
            guard !overflow else { throw CacheError.capacityTooLarge }
            total = sum
        }
        capacity = total
        self.tierCapacities = tierCapacities
        self.universe = universe
        tiered = tierCapacities.count > 1
        resident = FlatArray(repeating: 0, count: Self.words(universe))
        tiers = FlatArray(repeating: 0, count: tiered ? universe : 1)
        pinStamp = FlatArray(repeating: 0, count: universe)
    }

    /// The bitset words for ids `0 ..< universe`.
    private static func words(_ universe: Int) -> Int { (universe + 63) >> 6 }

    /// A single-tier cache of `capacity` blocks.
    public init(capacity: Int, universe: Int) throws(CacheError) {
        try self.init(tierCapacities: [capacity], universe: universe)
    }

    /// Makes room for ids `0 ..< universe` (no-op when not larger); new ids are absent and
    /// unpinned. O(universe); streaming runs call it between chunks (MODEL 3.7).
    public mutating func grow(universe newUniverse: Int) {
        guard newUniverse > universe else { return }
        resident.grow(to: Self.words(newUniverse), filling: 0)
        if tiered { tiers.grow(to: newUniverse, filling: 0) }
        pinStamp.grow(to: newUniverse, filling: 0)
        universe = newUniverse
    }

    /// 0 when absent, else the 1-based tier holding the block.
    @inline(__always)
    public func tier(of id: Int32) -> UInt8 {
        guard contains(id) else { return 0 }
        return tiered ? tiers[Int(id)] : 1
    }

    @inline(__always)
    public func contains(_ id: Int32) -> Bool { resident[Int(id) &>> 6] & (1 &<< UInt64(truncatingIfNeeded: id)) != 0 }

    /// Starts loading block `id`'s residency (a hint for the simulator's loop, a few accesses ahead).
    @inline(__always)
    public func prefetch(_ id: Int32) { resident.prefetch(Int(id) &>> 6) }

    @inline(__always)
    public var isFull: Bool { count >= capacity }

    // MARK: Pins (MODEL 3.3)

    /// Requests begun so far (`beginRequest`): what a policy remembers about the current
    /// request's pins is valid while it is unchanged.
    public private(set) var requestNumber = 0

    /// Starts a new request: unpins every block in O(1).
    @inline(__always)
    public mutating func beginRequest() {
        requestNumber &+= 1
        if epoch == Int32.max {
            pinStamp.fill(0)
            epoch = 0
        }
        epoch &+= 1
        pinnedResident = 0
        pinning = false
    }

    @inline(__always)
    public mutating func pin(_ id: Int32) {
        pinning = true
        if pinStamp[Int(id)] == epoch { return }
        pinStamp[Int(id)] = epoch
        if contains(id) { pinnedResident &+= 1 }
    }

    /// Every resident block is pinned (a request larger than the cache): a policy then takes
    /// its natural victim without scanning for an unpinned one. O(1).
    @inline(__always)
    public var allResidentPinned: Bool { pinnedResident >= count }

    @inline(__always)
    public func isPinned(_ id: Int32) -> Bool { pinning && pinStamp[Int(id)] == epoch }

    // MARK: Residency (called by the simulator)

    /// Makes the absent block `id` resident in L1.
    @inline(__always)
    public mutating func insert(_ id: Int32) {
        assert(!contains(id), "insert of resident block \(id)")
        assert(count < capacity, "insert into a full cache")
        resident[Int(id) &>> 6] |= 1 &<< UInt64(truncatingIfNeeded: id)
        if tiered { tiers[Int(id)] = 1 }
        count &+= 1
        if pinning, pinStamp[Int(id)] == epoch { pinnedResident &+= 1 }
    }

    /// Removes the resident block `id` (an eviction).
    @inline(__always)
    public mutating func evict(_ id: Int32) {
        assert(contains(id), "eviction of absent block \(id)")
        resident[Int(id) &>> 6] &= ~(1 &<< UInt64(truncatingIfNeeded: id))
        count &-= 1
        evictions &+= 1
        if pinning, pinStamp[Int(id)] == epoch { pinnedResident &-= 1 }
    }

    // MARK: Tiers (called by tiered policies)

    /// Moves a lower-tier block to L1, counted as a promotion.
    @inline(__always)
    public mutating func promote(_ id: Int32) {
        assert(tier(of: id) > 1)
        tiers[Int(id)] = 1
        promotions &+= 1
    }

    /// Moves an L1 block to L2, counted as a demotion.
    @inline(__always)
    public mutating func demote(_ id: Int32) {
        assert(tier(of: id) == 1)
        tiers[Int(id)] = 2
        demotions &+= 1
    }

    /// Moves a resident block to `tier` without counting a promotion or demotion (a refill
    /// after an eviction took an upper-tier block).
    @inline(__always)
    public func moveTier(_ id: Int32, to tier: UInt8) {
        assert(tiered && contains(id) && tier != 0)
        tiers[Int(id)] = tier
    }

    // MARK: Checks

    /// The resident blocks per tier (index 0 = L1). O(universe).
    public func residentCounts() -> [Int] {
        var counts = Array(repeating: 0, count: tierCapacities.count)
        for i in 0 ..< universe {
            let t = Int(tier(of: Int32(i)))
            if t > 0, t <= counts.count { counts[t - 1] += 1 }
        }
        return counts
    }

    /// Counts agree with the residency map and no tier is above its capacity. O(universe).
    public func checkInvariants() throws(InvariantViolation) {
        var total = 0
        for i in 0 ..< universe {
            let t = Int(tier(of: Int32(i)))
            if t > tierCapacities.count { throw InvariantViolation("block \(i) in tier \(t) of \(tierCapacities.count)") }
            if t > 0 { total += 1 }
        }
        if total != count { throw InvariantViolation("count \(count) but \(total) blocks resident") }
        if count > capacity { throw InvariantViolation("count \(count) above capacity \(capacity)") }
        var pinned = 0
        for i in 0 ..< universe where contains(Int32(i)) && pinStamp[i] == epoch { pinned += 1 }
        if pinned != pinnedResident { throw InvariantViolation("\(pinned) resident blocks pinned, counted \(pinnedResident)") }
        let perTier = residentCounts()
        for (t, n) in perTier.enumerated().dropLast() where n > tierCapacities[t] {
            throw InvariantViolation("tier \(t + 1) holds \(n) blocks, capacity \(tierCapacities[t])")
        }
    }
}

/// A cache that cannot be built.
public enum CacheError: Error, Equatable, CustomStringConvertible, Sendable {
    case capacityBelowOne(Int)
    case capacityTooLarge
    case negativeUniverse(Int)

    public var description: String {
        switch self {
        case .capacityBelowOne(let c): "cache capacity must be at least 1 block (got \(c))"
        case .capacityTooLarge: "cache capacity overflows"
        case .negativeUniverse(let u): "negative number of distinct blocks (\(u))"
        }
    }
}
