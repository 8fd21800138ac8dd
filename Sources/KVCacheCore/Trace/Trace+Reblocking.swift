extension Trace {
    /// The same workload analysed at `k` times the block size: **re-blocking**.
    ///
    /// Rule. Let `b1..bn` be a request's native blocks (block size `B`). Re-blocked by `k >= 2`,
    /// the request has `floor(n / k)` blocks of `k × B` tokens: block `g` (0-based) stands for
    /// the group `b(gk+1) .. b((g+1)k)`, and its identity is the whole native prefix up to and
    /// including that group, `b1 .. b((g+1)k)`. So two requests share re-blocked block `g` if and
    /// only if they share native blocks `1 .. (g+1)k`: prefix identity survives, and a group that
    /// repeats another request's ids after a different prefix is a different block. A trailing
    /// group of fewer than `k` native blocks is not cacheable (vLLM caches full blocks only) and
    /// is dropped; a request with fewer than `k` native blocks keeps no block. Input lengths are
    /// unchanged, so hit tokens follow MODEL 5.5 at the new block size. Timestamps, output
    /// lengths, request types, turns, lineage and warnings are kept; new dense ids are numbered
    /// in order of first appearance. `k = 1` returns the trace unchanged.
    /// Note: for `k >= 2` the ids are prefix identities even where the native ids are not (a
    /// trace without the prefix-tree property, MODEL 2.5, can share a native id after different
    /// prefixes; the re-blocked trace never does), while `k = 1` keeps the ids as given.
    /// Note: "fewer than `k`" counts native blocks, not tokens: a full group whose last native
    /// block is partly filled (the request's last block) is kept.
    ///
    /// Exact (no hashing of ids: native prefixes are interned in a trie, one dictionary entry
    /// per distinct native prefix, with the last step per native id cached in an array), O(accesses)
    /// time, memory O(distinct native prefixes of whole groups + unique native blocks).
    /// - Throws: `InputError` when `k < 1` or `k × B` overflows.
    public func reblocked(factor k: Int) throws -> Trace {
        guard k >= 1 else {
            throw InputError(file: source, field: "reblock_factor", "must be at least 1 (got \(k))")
        }
        if k == 1 { return self }
        let (newBlockSize, overflow) = blockSizeTokens.multipliedReportingOverflow(by: k)
        guard !overflow, newBlockSize <= Int(Int32.max) else {
            throw InputError(file: source, field: "reblock_factor", "\(k) x \(blockSizeTokens) tokens per block is too large")
        }
        var out = Trace(blockSizeTokens: newBlockSize, source: source)
        let (newIds, starts, unique) = blockIds.withUnsafeBufferPointer { ids in
            requestStarts.withView { starts in
                Self.reblock(ids: ids, starts: starts, uniqueNative: uniqueBlocks, k: k)
            }
        }
        out.blockIds = newIds
        out.requestStarts = RequestColumn(starts)
        out.uniqueBlocks = unique
        out.inputLengths = inputLengths
        out.outputLengths = outputLengths
        out.hasOutputLengths = hasOutputLengths
        out.timestamps = timestamps
        out.requestTypes = requestTypes
        out.requestTypeNames = requestTypeNames
        out.turns = turns
        out.parents = parents
        out.warnings = warnings
        return out
    }

    /// The re-blocked ids and request offsets, and the new unique-block count. All state is
    /// local (no captured variables in the hot loop).
    private static func reblock(ids: UnsafeBufferPointer<Int32>, starts: RequestColumn.View,
                                uniqueNative: Int, k: Int) -> ([Int32], [Int32], Int) {
        let requests = starts.count - 1
        // Trie of native prefixes: node 0 is the empty prefix; `child[(node, native id)]` is the
        // node of that prefix extended by one native block. A node at a group boundary gets a
        // new dense id on first sight (`denseOfNode`, -1 until then).
        var child: [UInt64: Int32] = [:]
        child.reserveCapacity(uniqueNative)
        // The last (node, child) step seen per native id, checked before the dictionary: in a
        // trace where a native id always follows the same prefix (MODEL 2.5) every step hits here.
        var lastNode = [Int32](repeating: -1, count: uniqueNative)
        var lastChild = [Int32](repeating: -1, count: uniqueNative)
        var denseOfNode: [Int32] = [-1]
        denseOfNode.reserveCapacity(uniqueNative + 1)
        var newIds: [Int32] = []
        newIds.reserveCapacity(ids.count / k)
        var newStarts: [Int32] = [0]
        newStarts.reserveCapacity(requests + 1)
        var unique: Int32 = 0
        for r in 0 ..< requests {
            let first = Int(starts[r])
            let groups = (Int(starts[r + 1]) - first) / k
            var node: Int32 = 0
            var position = first
            for _ in 0 ..< groups {
                for _ in 0 ..< k {
                    let native = Int(ids[position])
                    position &+= 1
                    let cached = lastNode[native]
                    if cached == node {
                        node = lastChild[native]
                        continue
                    }
                    let key = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(native))
                    let next: Int32
                    // A native id never stepped to before (`cached` -1) has no dictionary entry.
                    if cached >= 0, let known = child[key] {
                        next = known
                    } else {
                        // Fewer nodes than accesses (< 2^31): fits an Int32.
                        next = Int32(denseOfNode.count)
                        child[key] = next
                        denseOfNode.append(-1)
                    }
                    lastNode[native] = node
                    lastChild[native] = next
                    node = next
                }
                var id = denseOfNode[Int(node)]
                if id < 0 {
                    id = unique
                    denseOfNode[Int(node)] = id
                    unique &+= 1
                }
                newIds.append(id)
            }
            newStarts.append(Int32(newIds.count))
        }
        return (newIds, newStarts, Int(unique))
    }
}
