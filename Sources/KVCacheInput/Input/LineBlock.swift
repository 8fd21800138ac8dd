/// Consecutive lines of an input copied out of the stream's buffer, so that another thread can
/// parse them (`ParallelLines`): their bytes back to back, where each ends, and the number of
/// the first (the others follow it).
struct LineBlock: Sendable {
    var bytes: [UInt8] = []
    var ends: [Int] = []
    var firstLine = 0

    var isEmpty: Bool { ends.isEmpty }
    var lineCount: Int { ends.count }

    mutating func append(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        if ends.isEmpty { firstLine = number }
        bytes.append(contentsOf: line)
        ends.append(bytes.count)
    }

    /// Calls `body` with each line and its number, in order.
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { all in
            var start = 0
            for (k, end) in ends.enumerated() {
                try body(UnsafeBufferPointer(rebasing: all[start ..< end]), firstLine + k)
                start = end
            }
        }
    }
}
