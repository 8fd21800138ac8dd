/// Mattson's priority stack for OPT (Belady MIN with forced insertion), MODEL 4.5 and 5.2:
/// the test oracle for `OPTStackDistances`. O(U) per access; needs next-access times, which one
/// backward pass over the stream provides.
///
/// The stack is ordered so that its top C entries are the content of a MIN cache of capacity C,
/// for every C at once (Mattson, Gecsei, Slutz, Traiger, "Evaluation techniques for storage
/// hierarchies", IBM Systems Journal 1970). On an access to x at (1-based) depth d, the entry on top
/// is carried down through depths 2..d-1: at each depth the resident and the carried entry compare
/// next-access times, the sooner one stays and the other is carried on (it is what that cache size
/// would evict). The carried entry fills depth d, which x vacates, and x goes on top. A first access
/// is treated as depth "one below the bottom" (the stack grows by one).
public enum OPTReferenceStack {
    /// distances[i] for stream[i]: OPT stack distance (>= 1), 0 for first access.
    /// Access i is a MIN hit at capacity C iff 1 <= distances[i] <= C.
    public static func distances(_ stream: [Int32], uniqueBlocks: Int) -> [Int32] {
        let n = stream.count
        // Next-access time of every access; `never` (n) for the last access of a block. Blocks never
        // accessed again all compare equal: which of them is evicted does not change any hit.
        let never = n
        var nextAccess = [Int](repeating: never, count: n)
        var seenAt = [Int](repeating: never, count: uniqueBlocks)
        for i in stride(from: n - 1, through: 0, by: -1) {
            let id = Int(stream[i])
            nextAccess[i] = seenAt[id]
            seenAt[id] = i
        }

        var stack: [Int32] = []  // stack[0] is the top
        var stackNext: [Int] = []  // next-access time of stack[k]
        var position = [Int](repeating: -1, count: uniqueBlocks)  // block -> index in stack, -1 if absent
        stack.reserveCapacity(uniqueBlocks)
        stackNext.reserveCapacity(uniqueBlocks)
        var result = [Int32](repeating: 0, count: n)

        for i in 0..<n {
            let x = stream[i]
            let p: Int  // 0-based index x vacates (or the new bottom slot on a first access)
            if position[Int(x)] >= 0 {
                p = position[Int(x)]
                result[i] = Int32(p + 1)
            } else {
                p = stack.count
                stack.append(x)
                stackNext.append(never)
                result[i] = 0
            }
            if p > 0 {
                var carried = stack[0]
                var carriedNext = stackNext[0]
                for k in 1..<p {
                    if carriedNext < stackNext[k] {  // the carried entry is needed sooner: it stays
                        swap(&carried, &stack[k])
                        swap(&carriedNext, &stackNext[k])
                        position[Int(stack[k])] = k
                    }
                }
                stack[p] = carried
                stackNext[p] = carriedNext
                position[Int(carried)] = p
            }
            stack[0] = x
            stackNext[0] = nextAccess[i]
            position[Int(x)] = 0
        }
        return result
    }
}
