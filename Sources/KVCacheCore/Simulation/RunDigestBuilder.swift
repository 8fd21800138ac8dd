/// Builds a `RunDigest` request by request, in request order, from consecutive parts of a
/// trace (its chunks, or the whole trace at once) and their per-request hits: the one place that
/// sums a run's counted totals, tallies its hit definitions (MODEL 5.8), groups it by request
/// type and turn, and summarises its TTFTs (MODEL 6). O(1) per request plus the TTFT multiset's
/// insert; memory O(types x turn buckets + distinct TTFTs), or 12 bytes per request when too
/// many TTFTs are distinct (`ValueMultiset`). No per-request array is kept.
///
/// Sums run in request order, as over the whole trace, so a digest does not depend on where the
/// chunks were cut; quantiles are order statistics, which do not depend on order at all.
public struct RunDigestBuilder {
    private var digest: RunDigest
    /// The first counted request, over the whole trace.
    public let measuredFrom: Int
    /// Times each request from its hits when its TTFT is not given (MODEL 6.1, no queueing).
    private let timeModel: TimeModel?
    /// False: no quantiles (a stream keeps only the mean TTFT) and no multiset.
    private let keepsQuantiles: Bool
    /// Requests added so far, warm-up included.
    public private(set) var requestsSeen = 0
    private var tally = HitDefinitions.RequestTally()
    private var lowerTierTokens = 0
    private var ttftSum = 0.0
    private var typeNames: [String] = []
    /// Per type index; one more than the names while a trace has none (its requests are type 0).
    private var types = [RequestGroupStats(name: "")]
    private var typeSums = [0.0]
    private var turns = [RequestGroupStats](repeating: RequestGroupStats(name: ""), count: RunDigest.lastSingleTurn + 2)
    private var turnSums = [Double](repeating: 0, count: RunDigest.lastSingleTurn + 2)
    private var ttfts = ValueMultiset()
    /// Timestamps as the whole trace would have them (`Trace.append(chunk:)`): present, the
    /// first counted request's, the last request's.
    private var hasTimestamps = false
    private var firstCountedTime = 0.0, lastTime = 0.0

    /// - Parameters:
    ///   - measuredFrom: the first counted request (MODEL 3.6), over the whole trace.
    ///   - timeModel: times the requests whose TTFTs are not given, by their service time (no
    ///     queueing: exact when `TimeModel.timesEachRequestAlone`). Nil: every part comes with
    ///     its TTFTs, or the run has none (they count as 0).
    ///   - keepsQuantiles: false keeps the mean TTFT only (a stream, MODEL 3.7).
    public init(policyName: String, capacityBlocks: Int, tierCapacities: [Int], measuredFrom: Int, timeModel: TimeModel?,
                keepsQuantiles: Bool = true) {
        digest = RunDigest(policyName: policyName, capacityBlocks: capacityBlocks, tierCapacities: tierCapacities)
        self.measuredFrom = max(0, measuredFrom)
        digest.measuredFrom = self.measuredFrom
        self.timeModel = timeModel
        self.keepsQuantiles = keepsQuantiles
    }

    /// Adds the next part of the trace (the whole trace, or the chunk after the parts added so
    /// far) with its run's per-request arrays and, unless the builder has a time model, its
    /// TTFTs.
    public mutating func add(_ part: Trace, result: SimulationResult, ttft: [Double]?) {
        let lower = result.lowerTierPrefixHitTokens.first
        add(part, blockHits: result.blockHits, blockTokens: result.blockHitTokens, prefixHits: result.prefixHits,
            prefixTokens: result.prefixHitTokens, lowerTokens: lower, ttft: ttft)
    }

    mutating func add(_ part: Trace, outputs: PerRequestOutputs, lowerTier: Bool) {
        add(part, blockHits: outputs.blockHits, blockTokens: outputs.blockTokens, prefixHits: outputs.prefixHits,
            prefixTokens: outputs.prefixTokens, lowerTokens: lowerTier ? outputs.lowerTokens : nil, ttft: nil)
    }

    private mutating func add(_ part: Trace, blockHits: [Int32], blockTokens: [Int32], prefixHits: [Int32], prefixTokens: [Int32],
                              lowerTokens: [Int32]?, ttft: [Double]?) {
        let n = part.requestCount
        guard n > 0 else { return }
        let before = requestsSeen
        requestsSeen += n
        digest.requestCount = requestsSeen
        digest.source = part.source
        digest.uniqueBlocks = max(digest.uniqueBlocks, part.uniqueBlocks)
        digest.warnings.merge(part.warnings)
        digest.hasTurns = digest.hasTurns || part.hasTurns
        if part.requestTypeNames.count > typeNames.count {
            typeNames = part.requestTypeNames
            while types.count < typeNames.count {
                types.append(RequestGroupStats(name: ""))
                typeSums.append(0)
            }
            for t in typeNames.indices { types[t].name = typeNames[t] }
        }
        noteTimestamps(of: part, before: before)
        let first = min(n, max(0, measuredFrom - before))
        guard first < n else { return }
        precondition(blockHits.count >= n && prefixHits.count >= n && (ttft?.count ?? n) >= n && (lowerTokens?.count ?? n) >= n)
        let buckets = RunDigest.lastSingleTurn + 2
        var sums = PartSums()
        if part.requestTypes.isEmpty && !part.hasTurns, ttft == nil, lowerTokens == nil,
           let length = part.inputLengths.commonValue {
            // Untyped requests of one length (an `ids` or oracle-general trace): only each
            // request's hits vary.
            var multiset = ValueMultiset.placeholder
            swap(&multiset, &ttfts)
            blockHits.withUnsafeBufferPointer { bh in
            blockTokens.withUnsafeBufferPointer { bt in
            prefixHits.withUnsafeBufferPointer { ph in
            prefixTokens.withUnsafeBufferPointer { pt in
                Self.foldOneLength(length: Int(length), blockSize: part.blockSizeTokens, requests: first ..< n,
                                   accesses: Int(part.requestStarts[n]) - Int(part.requestStarts[first]),
                                   blockHits: bh, blockTokens: bt, prefixHits: ph, prefixTokens: pt, model: timeModel,
                                   keepsQuantiles: keepsQuantiles, multiset: &multiset, tally: &tally, ttftSum: &ttftSum,
                                   typeSum: &typeSums[0], turnSum: &turnSums[0], sums: &sums)
            }
            }
            }
            }
            swap(&multiset, &ttfts)
            types[0].add(sums)
            turns[0].add(sums)
        } else if part.requestTypes.isEmpty && !part.hasTurns {
            // Every request of the part is type 0 and turn bucket 0 ("unknown"): the group
            // totals are the part's; the group sums still run request by request.
            var typeSum = typeSums[0], turnSum = turnSums[0]
            var multiset = ValueMultiset.placeholder
            swap(&multiset, &ttfts)
            let quantiles = keepsQuantiles
            // Equal TTFTs in a row go in at once.
            var run = 0.0, runLength = 0
            Self.forEachCounted(part, from: first, blockHits, blockTokens, prefixHits, prefixTokens, lowerTokens, ttft, timeModel,
                                &tally, &ttftSum, &sums) { _, v, _ in
                typeSum += v
                turnSum += v
                if v.bitPattern == run.bitPattern {
                    runLength &+= 1
                } else {
                    if quantiles && runLength > 0 { multiset.insert(run, group: 0, times: runLength) }
                    run = v
                    runLength = 1
                }
            }
            if quantiles && runLength > 0 { multiset.insert(run, group: 0, times: runLength) }
            swap(&multiset, &ttfts)
            typeSums[0] = typeSum
            turnSums[0] = turnSum
            types[0].add(sums)
            turns[0].add(sums)
        } else {
            let typeOf = part.requestTypes, turnOf = part.turns
            var types = self.types, turns = self.turns, typeSums = self.typeSums, turnSums = self.turnSums
            var multiset = ValueMultiset.placeholder
            swap(&multiset, &ttfts)
            let quantiles = keepsQuantiles
            Self.forEachCounted(part, from: first, blockHits, blockTokens, prefixHits, prefixTokens, lowerTokens, ttft, timeModel,
                                &tally, &ttftSum, &sums) { r, v, one in
                let t = typeOf.isEmpty ? 0 : Int(typeOf[r])
                let k = turnOf.isEmpty ? 0 : min(Int(turnOf[r]), buckets - 1)
                types[t].add(one)
                turns[k].add(one)
                typeSums[t] += v
                turnSums[k] += v
                if quantiles { multiset.insert(v, group: UInt32(t &* buckets &+ k)) }
            }
            (self.types, self.turns, self.typeSums, self.turnSums) = (types, turns, typeSums, turnSums)
            swap(&multiset, &ttfts)
        }
        digest.requests += sums.requests
        digest.accesses += sums.accesses
        digest.inputTokens += sums.inputTokens
        digest.hitsBlock += sums.blockHits
        digest.hitsPrefix += sums.prefixHits
        digest.hitTokensBlock += sums.blockHitTokens
        digest.hitTokensPrefix += sums.prefixHitTokens
        lowerTierTokens += sums.lowerTierTokens
    }

    /// The counts of some requests.
    struct PartSums {
        var requests = 0, accesses = 0, inputTokens = 0
        var blockHits = 0, prefixHits = 0, blockHitTokens = 0, prefixHitTokens = 0, lowerTierTokens = 0

        @inline(__always)
        mutating func add(_ o: PartSums) {
            requests &+= o.requests
            accesses &+= o.accesses
            inputTokens &+= o.inputTokens
            blockHits &+= o.blockHits
            prefixHits &+= o.prefixHits
            blockHitTokens &+= o.blockHitTokens
            prefixHitTokens &+= o.prefixHitTokens
            lowerTierTokens &+= o.lowerTierTokens
        }
    }

    /// Walks the counted requests `first ..< part.requestCount` in order: adds each one's counts
    /// to `sums` and its hit definitions to `tally`, times it (its given TTFT, or `model`'s
    /// service time, or 0), adds the TTFT to `ttftSum`, and calls `body` with the request, its
    /// TTFT and its counts.
    @inline(__always)
    private static func forEachCounted(_ part: Trace, from first: Int, _ blockHits: [Int32], _ blockTokens: [Int32],
                                       _ prefixHits: [Int32], _ prefixTokens: [Int32], _ lowerTokens: [Int32]?,
                                       _ ttft: [Double]?, _ model: TimeModel?, _ tally: inout HitDefinitions.RequestTally,
                                       _ ttftSum: inout Double, _ sums: inout PartSums, _ body: (Int, Double, PartSums) -> Void) {
        let lower = lowerTokens ?? [], given = ttft ?? []
        part.requestStarts.withView { starts in
        part.inputLengths.withView { lengths in
        blockHits.withUnsafeBufferPointer { blockHits in
        blockTokens.withUnsafeBufferPointer { blockTokens in
        prefixHits.withUnsafeBufferPointer { prefixHits in
        prefixTokens.withUnsafeBufferPointer { prefixTokens in
        lower.withUnsafeBufferPointer { lower in
        given.withUnsafeBufferPointer { given in
            let columns = Columns(starts: starts, lengths: lengths, blockHits: blockHits, blockTokens: blockTokens,
                                  prefixHits: prefixHits, prefixTokens: prefixTokens, lower: lowerTokens == nil ? nil : lower,
                                  given: ttft == nil ? nil : given)
            walk(columns, from: first, to: part.requestCount, blockSize: part.blockSizeTokens, model: model,
                 &tally, &ttftSum, &sums, body)
        }
        }
        }
        }
        }
        }
        }
        }
    }

    /// `forEachCounted` and the untyped branch of `add` for a part whose requests all have input
    /// length `length` (`accesses` blocks in all), without lower tiers or given TTFTs: the same
    /// sums, the floating ones (TTFT sums, the per-request mean hit ratio) added request by
    /// request in order as there, so the digest is the same to the bit. A request's TTFT depends
    /// only on its prefix-hit tokens here (for one-block requests two values: a hit's and a
    /// miss's), so it is looked up among the last two met, and the multiset gets a value's count
    /// when it leaves those two and at the part's end, not once per request. O(requests), no
    /// allocation.
    @inline(never)
    private static func foldOneLength(
        length: Int, blockSize: Int, requests: Range<Int>, accesses: Int, blockHits: UnsafeBufferPointer<Int32>,
        blockTokens: UnsafeBufferPointer<Int32>, prefixHits: UnsafeBufferPointer<Int32>, prefixTokens: UnsafeBufferPointer<Int32>,
        model: TimeModel?, keepsQuantiles: Bool, multiset: inout ValueMultiset, tally tallyOut: inout HitDefinitions.RequestTally,
        ttftSum: inout Double, typeSum: inout Double, turnSum: inout Double, sums: inout PartSums
    ) {
        var memo = ServiceTimeMemo()
        func time(_ hitTokens: Int) -> Double {
            model.map { memo.serviceTime($0, inputLength: length, prefixHitTokens: hitTokens, lowerTierTokens: 0) } ?? 0
        }
        // The TTFTs of the two prefix-hit token counts met last, and how often each was met
        // since it went into the multiset.
        var keyA = -1, valueA = 0.0, countA = 0
        var keyB = -1, valueB = 0.0, countB = 0
        var tally = tallyOut, total = ttftSum, typed = typeSum, turned = turnSum
        var hits = 0, hitTokens = 0, prefix = 0, prefixTokenSum = 0
        for r in requests {
            let p = Int(prefixTokens[r]), q = Int(prefixHits[r])
            hits &+= Int(blockHits[r])
            hitTokens &+= Int(blockTokens[r])
            prefix &+= q
            prefixTokenSum &+= p
            tally.add(inputLength: length, prefixHits: q, prefixHitTokens: p, blockSize: blockSize)
            let v: Double
            if p == keyA {
                v = valueA
                countA &+= 1
            } else if p == keyB {
                v = valueB
                countB &+= 1
            } else {
                if keepsQuantiles && countB > 0 { multiset.insert(valueB, group: 0, times: countB) }
                (keyB, valueB, countB) = (keyA, valueA, countA)
                (keyA, valueA, countA) = (p, time(p), 1)
                v = valueA
            }
            total += v
            typed += v
            turned += v
        }
        if keepsQuantiles {
            if countA > 0 { multiset.insert(valueA, group: 0, times: countA) }
            if countB > 0 { multiset.insert(valueB, group: 0, times: countB) }
        }
        let n = requests.count
        sums.add(PartSums(requests: n, accesses: accesses, inputTokens: n * length, blockHits: hits, prefixHits: prefix,
                          blockHitTokens: hitTokens, prefixHitTokens: prefixTokenSum, lowerTierTokens: 0))
        (tallyOut, ttftSum, typeSum, turnSum) = (tally, total, typed, turned)
    }

    /// The per-request columns a walk reads.
    struct Columns {
        let starts: RequestColumn.View, lengths: RequestColumn.View
        let blockHits: UnsafeBufferPointer<Int32>, blockTokens: UnsafeBufferPointer<Int32>
        let prefixHits: UnsafeBufferPointer<Int32>, prefixTokens: UnsafeBufferPointer<Int32>
        let lower: UnsafeBufferPointer<Int32>?, given: UnsafeBufferPointer<Double>?
    }

    /// The loop of `forEachCounted`, its running totals in locals (not in the closures' captures).
    @inline(__always)
    private static func walk(_ c: Columns, from first: Int, to n: Int, blockSize b: Int, model: TimeModel?,
                             _ tallyOut: inout HitDefinitions.RequestTally, _ ttftSumOut: inout Double, _ sumsOut: inout PartSums,
                             _ body: (Int, Double, PartSums) -> Void) {
        var tally = tallyOut, ttftSum = ttftSumOut, s = sumsOut
        var memo = ServiceTimeMemo()
        for r in first ..< n {
            let length = Int(c.lengths[r])
            let ph = Int(c.prefixHits[r]), pt = Int(c.prefixTokens[r])
            let low = c.lower.map { Int($0[r]) } ?? 0
            let one = PartSums(requests: 1, accesses: Int(c.starts[r + 1] &- c.starts[r]), inputTokens: length,
                               blockHits: Int(c.blockHits[r]), prefixHits: ph, blockHitTokens: Int(c.blockTokens[r]),
                               prefixHitTokens: pt, lowerTierTokens: low)
            s.add(one)
            tally.add(inputLength: length, prefixHits: ph, prefixHitTokens: pt, blockSize: b)
            let v: Double
            if let given = c.given {
                v = given[r]
            } else if let model {
                v = memo.serviceTime(model, inputLength: length, prefixHitTokens: pt, lowerTierTokens: low)
            } else {
                v = 0
            }
            ttftSum += v
            body(r, v, one)
        }
        tallyOut = tally
        ttftSumOut = ttftSum
        sumsOut = s
    }

    /// Follows the rule of `Trace.append(chunk:)`: a part without timestamps leaves the trace
    /// without them; a part with them after parts without gives those parts zeros.
    private mutating func noteTimestamps(of part: Trace, before: Int) {
        guard let times = part.timestamps, !times.isEmpty else {
            hasTimestamps = false
            return
        }
        if !hasTimestamps && before > measuredFrom { firstCountedTime = 0 }
        hasTimestamps = true
        if measuredFrom >= before && measuredFrom < before + times.count { firstCountedTime = times[measuredFrom - before] }
        lastTime = times[times.count - 1]
    }

    /// The digest, with the counters only a policy run keeps (per-access hits, evictions,
    /// promotions, demotions, hits per tier) taken from `counters`. Call once, after the last part.
    public func finish(counters: SimulationResult) -> RunDigest {
        var d = digest
        d.accessHits = counters.accessHits
        d.evictions = counters.evictions
        d.promotions = counters.promotions
        d.demotions = counters.demotions
        d.tierBlockHits = counters.tierBlockHits
        d.tierPrefixHits = counters.tierPrefixHits
        if d.tierHitTokens.count > 1 { d.tierHitTokens[1] = lowerTierTokens }
        d.tierHitTokens[0] = d.hitTokensPrefix - lowerTierTokens
        d.definitions = HitDefinitions(
            access: .init(hits: d.accessHits, total: d.accesses), block: .init(hits: d.hitsBlock, total: d.accesses),
            prefix: .init(hits: d.hitsPrefix, total: d.accesses), token: .init(hits: d.hitTokensPrefix, total: d.inputTokens),
            tally: tally)
        let buckets = RunDigest.lastSingleTurn + 2
        d.ttft.count = d.requests
        d.ttft.sum = ttftSum
        d.ttft.mean = d.requests == 0 ? 0 : ttftSum / Double(d.requests)
        if keepsQuantiles {
            d.ttft.quantiles = ttfts.quantiles(RunDigest.ttftQuantiles, outputs: 1) { _ in 0 }[0]
            let byType = ttfts.quantiles(RunDigest.groupQuantiles, outputs: types.count) { Int($0) / buckets }
            // Only named types are reported (a trace without names has none).
            let byTurn = ttfts.quantiles(RunDigest.groupQuantiles, outputs: buckets) { Int($0) % buckets }
            d.byType = typeNames.indices.map { t in types[t].summarised(sum: typeSums[t], p50: byType[t][0], p99: byType[t][1]) }
            if d.hasTurns {
                // "1" ... "10", "11+", then "unknown" (turn 0), the buckets with requests only.
                let order = Array(1 ..< buckets) + [0]
                d.byTurn = order.compactMap { k in
                    guard turns[k].requests > 0 else { return nil }
                    var s = turns[k].summarised(sum: turnSums[k], p50: byTurn[k][0], p99: byTurn[k][1])
                    s.name = k == 0 ? "unknown" : k > RunDigest.lastSingleTurn ? "\(RunDigest.lastSingleTurn + 1)+" : String(k)
                    return s
                }
            }
        }
        let throughput = Timing.throughput(tokens: d.inputTokens, requests: d.requests,
                                           firstTimestamp: hasTimestamps ? firstCountedTime : nil,
                                           lastTimestamp: hasTimestamps ? lastTime : nil, ttftSumMs: ttftSum)
        d.throughputTokensPerSecond = throughput.tokensPerSecond
        d.throughputRequestsPerSecond = throughput.requestsPerSecond
        d.throughputBasis = throughput.basis
        return d
    }
}

extension RequestGroupStats {
    /// Counts some counted requests.
    @inline(__always)
    mutating func add(_ s: RunDigestBuilder.PartSums) {
        requests &+= s.requests
        accesses &+= s.accesses
        inputTokens &+= s.inputTokens
        blockHits &+= s.blockHits
        prefixHits &+= s.prefixHits
        blockHitTokens &+= s.blockHitTokens
        prefixHitTokens &+= s.prefixHitTokens
    }

    /// The group with its TTFT summary: the mean of its TTFTs summed in request order, and its p50 and p99.
    func summarised(sum: Double, p50: Double, p99: Double) -> RequestGroupStats {
        var s = self
        guard requests > 0 else { return s }
        s.ttftMeanMs = sum / Double(requests)
        s.ttftP50Ms = p50
        s.ttftP99Ms = p99
        return s
    }
}
