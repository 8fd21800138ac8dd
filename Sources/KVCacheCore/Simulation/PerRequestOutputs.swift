/// The per-request arrays a simulation fills, handed to the loop as raw pointers in one scope.
struct PerRequestOutputs {
    var blockHits: [Int32], blockTokens: [Int32], prefixHits: [Int32], prefixTokens: [Int32], lowerTokens: [Int32]

    init(requests: Int, lowerTier: Bool) {
        blockHits = Array(repeating: 0, count: requests)
        blockTokens = Array(repeating: 0, count: requests)
        prefixHits = Array(repeating: 0, count: requests)
        prefixTokens = Array(repeating: 0, count: requests)
        // Written only for hits found below L1, which only a tiered policy has.
        lowerTokens = Array(repeating: 0, count: lowerTier ? requests : 1)
    }

    typealias P = UnsafeMutablePointer<Int32>

    mutating func withPointers(_ body: (P, P, P, P, P) -> Void) {
        blockHits.withUnsafeMutableBufferPointer { a in
        blockTokens.withUnsafeMutableBufferPointer { b in
        prefixHits.withUnsafeMutableBufferPointer { c in
        prefixTokens.withUnsafeMutableBufferPointer { d in
        lowerTokens.withUnsafeMutableBufferPointer { e in
            // Non-empty arrays (requests > 0) always have a base address.
            guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress,
                  let d = d.baseAddress, let e = e.baseAddress else { return }
            body(a, b, c, d, e)
        }
        }
        }
        }
        }
    }
}
