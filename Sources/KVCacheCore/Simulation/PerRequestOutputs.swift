/// The per-request arrays a simulation fills, handed to the loop as raw pointers in one scope.
///
/// When every request has exactly one block, block and prefix semantics count the same hit
/// (MODEL 3.4): the prefix arrays are then the block arrays, not a copy, and the loop writes
/// both through the same pointers. That saves 8 bytes per request on single-block traces
/// (libCacheSim's, the `ids` format).
struct PerRequestOutputs {
    private(set) var blockHits: [Int32], blockTokens: [Int32]
    private var ownPrefixHits: [Int32], ownPrefixTokens: [Int32]
    private(set) var lowerTokens: [Int32]
    /// Every request of the trace has exactly one block.
    let oneBlockEach: Bool

    init(for trace: Trace, lowerTier: Bool) {
        let requests = trace.requestCount
        oneBlockEach = Self.hasOneBlockEach(trace)
        blockHits = Array(repeating: 0, count: requests)
        blockTokens = Array(repeating: 0, count: requests)
        ownPrefixHits = oneBlockEach ? [] : Array(repeating: 0, count: requests)
        ownPrefixTokens = oneBlockEach ? [] : Array(repeating: 0, count: requests)
        // Written only for hits found below L1, which only a tiered policy has.
        lowerTokens = Array(repeating: 0, count: lowerTier ? requests : 1)
    }

    var prefixHits: [Int32] { oneBlockEach ? blockHits : ownPrefixHits }
    var prefixTokens: [Int32] { oneBlockEach ? blockTokens : ownPrefixTokens }

    /// Whether every request of `trace` has exactly one block. O(requests), one pass with no
    /// early exit (a reduction the compiler vectorises: a chunk of a stream is scanned each time).
    static func hasOneBlockEach(_ trace: Trace) -> Bool {
        guard trace.accessCount == trace.requestCount else { return false }
        if trace.requestStarts.isImplicit { return true }  // offsets 0, 1, 2, ...: one block each
        return trace.requestStarts.withView { starts in
            var other: Int32 = 0  // nonzero once some request has another block count than 1
            for r in 0 ..< trace.requestCount { other |= (starts[r &+ 1] &- starts[r]) ^ 1 }
            return other == 0
        }
    }

    typealias P = UnsafeMutablePointer<Int32>

    /// Calls `body` with the block hits, block hit tokens, prefix hits, prefix hit tokens and
    /// lower-tier prefix hit tokens (the prefix pointers are the block ones when `oneBlockEach`).
    mutating func withPointers(_ body: (P, P, P, P, P) -> Void) {
        let shared = oneBlockEach
        blockHits.withUnsafeMutableBufferPointer { a in
        blockTokens.withUnsafeMutableBufferPointer { b in
        ownPrefixHits.withUnsafeMutableBufferPointer { c in
        ownPrefixTokens.withUnsafeMutableBufferPointer { d in
        lowerTokens.withUnsafeMutableBufferPointer { e in
            // Non-empty arrays (requests > 0) always have a base address.
            guard let a = a.baseAddress, let b = b.baseAddress, let e = e.baseAddress else { return }
            if shared {
                body(a, b, a, b, e)
            } else if let c = c.baseAddress, let d = d.baseAddress {
                body(a, b, c, d, e)
            }
        }
        }
        }
        }
        }
    }
}
