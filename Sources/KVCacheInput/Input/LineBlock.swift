/// Consecutive whole lines of an input in a buffer of their own, so that another thread can
/// parse them (`ParallelLines`): the bytes as read (terminators included), where each line
/// starts and ends (without its `\n` or `\r\n`), and the number of the first line (the others
/// follow it). The buffer may come from a pool and go back to it once the block is parsed
/// (`ParallelLines` does so); the block must not be read after that.
struct LineBlock: Sendable {
    let storage: LineBytes
    /// Bytes of `storage` in use (at least up to the end of the last line).
    private(set) var byteCount: Int
    private(set) var starts: [Int] = []
    private(set) var ends: [Int] = []
    private(set) var firstLine = 0

    init(storage: LineBytes, byteCount: Int) {
        self.storage = storage
        self.byteCount = byteCount
    }

    var isEmpty: Bool { ends.isEmpty }
    var lineCount: Int { ends.count }

    /// The block's bytes (valid while the block's buffer is not given back).
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage.base, count: byteCount) }

    /// Adds the line `bytes[start ..< end]` (a trailing `\r` dropped), numbered `number`.
    mutating func appendLine(start: Int, end: Int, number: Int) {
        if ends.isEmpty { firstLine = number }
        byteCount = max(byteCount, end)
        starts.append(start)
        ends.append(end > start && storage.base[end - 1] == 0x0D ? end - 1 : end)
    }

    /// Calls `body` with each line and its number, in order.
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        let all = bytes
        for k in 0 ..< ends.count {
            try body(UnsafeBufferPointer(rebasing: all[starts[k] ..< ends[k]]), firstLine + k)
        }
    }
}
