/// Consecutive whole lines of an input in a buffer of their own, so that another thread can
/// parse them (`ParallelLines`): the bytes as read (terminators included), where each line
/// starts and ends (without its `\n` or `\r\n`), and the number of the first line (the others
/// follow it).
struct LineBlock: Sendable {
    let bytes: [UInt8]
    private(set) var starts: [Int] = []
    private(set) var ends: [Int] = []
    private(set) var firstLine = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isEmpty: Bool { ends.isEmpty }
    var lineCount: Int { ends.count }

    /// Adds the line `bytes[start ..< end]` (a trailing `\r` dropped), numbered `number`.
    mutating func appendLine(start: Int, end: Int, number: Int) {
        if ends.isEmpty { firstLine = number }
        starts.append(start)
        ends.append(end > start && bytes[end - 1] == 0x0D ? end - 1 : end)
    }

    /// Calls `body` with each line and its number, in order.
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { all in
            for k in 0 ..< ends.count {
                try body(UnsafeBufferPointer(rebasing: all[starts[k] ..< ends[k]]), firstLine + k)
            }
        }
    }
}
