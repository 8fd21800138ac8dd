extension Trace {
    /// The spatial hash of a block (MODEL 5.11): SplitMix64's finaliser of the dense id mixed
    /// with a seed, uniform on 64 bits. Dense ids are numbered by first appearance, so a given
    /// trace and seed always sample the same blocks.
    @inlinable @inline(__always)
    public static func samplingHash(_ id: Int32, seed: UInt64) -> UInt64 {
        samplingHash(raw: UInt64(UInt32(bitPattern: id)), seed: seed)
    }

    /// The spatial hash of a raw 64-bit id, as read from an `ids` or `oracle-general` trace
    /// (MODEL 5.11): the same finaliser over all 64 bits, so that a stream can be sampled
    /// before its ids are interned.
    @inlinable @inline(__always)
    public static func samplingHash(raw id: UInt64, seed: UInt64) -> UInt64 {
        var z = id &+ seed &* 0x9E37_79B9_7F4A_7C15 &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// SHARDS's spatial sample (MODEL 5.11): every access to a block whose hash is below
    /// `threshold`, in order (see `sampledByKey(keeping:)`).
    public func sampledByKey(threshold: UInt64, seed: UInt64) -> Trace {
        sampledByKey { Self.samplingHash($0, seed: seed) < threshold }.trace
    }

    /// The accesses to the blocks `keep` accepts, in order, each request keeping its kept
    /// blocks (a request with none is dropped), dense ids renumbered by first appearance;
    /// `originals[i]` is new id i's id here. Lengths, times, outputs, labels and the measurement
    /// window (from the first kept request at or after it) are kept; a kept block keeps its
    /// share of the request's tokens. `keep` is called once per distinct block. O(accesses).
    public func sampledByKey(keeping keep: (Int32) -> Bool) -> (trace: Trace, originals: [Int32]) {
        var out = Trace(blockSizeTokens: blockSizeTokens, source: source)
        // -2: not decided yet; -1: dropped; else the new id.
        var newId = [Int32](repeating: -2, count: uniqueBlocks)
        var originals: [Int32] = []
        var types: [UInt16] = [], times: [Double] = []
        var firstMeasured: Int?
        for r in 0 ..< requestCount {
            let before = out.blockIds.count
            for i in blockRange(of: r) {
                let id = Int(blockIds[i])
                if newId[id] == -2 {
                    if keep(blockIds[i]) {
                        newId[id] = Int32(originals.count)
                        originals.append(blockIds[i])
                    } else {
                        newId[id] = -1
                    }
                }
                if newId[id] >= 0 { out.blockIds.append(newId[id]) }
            }
            let kept = out.blockIds.count - before
            if kept == 0 { continue }
            if r >= firstMeasuredRequest && firstMeasured == nil { firstMeasured = out.requestCount }
            out.requestStarts.append(Int32(out.blockIds.count))
            // The kept blocks cover about their share of the request's tokens.
            let n = blockRange(of: r).count
            out.inputLengths.append(Int32(Int(inputLengths[r]) * kept / max(1, n)))
            if !outputLengths.isEmpty { out.outputLengths.append(outputLengths[r]) }
            if let ts = timestamps { times.append(ts[r]) }
            if !requestTypes.isEmpty { types.append(requestTypes[r]) }
        }
        if timestamps != nil { out.timestamps = times }
        out.uniqueBlocks = originals.count
        out.hasOutputLengths = hasOutputLengths
        out.requestTypes = types
        out.requestTypeNames = requestTypeNames
        out.measure(from: firstMeasured ?? out.requestCount)
        return (out, originals)
    }

    /// The distinct blocks' hashes, for choosing a threshold that keeps a fixed number of
    /// blocks (`--sample-size`).
    public func blockHashes(seed: UInt64) -> [UInt64] {
        (0 ..< uniqueBlocks).map { Self.samplingHash(Int32($0), seed: seed) }
    }
}
