import Dispatch

/// Line-oriented parsing on both cores: the stream's lines are gathered into blocks of about
/// `blockBytes`; each block is parsed on a second thread while the caller consumes the block
/// before it (for trace readers: interns its ids into the `TraceBuilder`, which must stay in file
/// order). Blocks are consumed in order, so the result, the warnings and the first error are
/// those of a line-by-line read: when the stream itself fails (a line over the limit, a read
/// error), the blocks before the failing line are consumed first, so an earlier line's error
/// wins, as it would reading line by line. Memory: two blocks besides the stream's buffer.
enum ParallelLines {
    static func forEachBlock<Parsed: Sendable>(
        _ input: ByteStream, maxLineBytes: Int, blockBytes: Int,
        parse: @escaping @Sendable (LineBlock) -> Parsed, consume: (Parsed) throws -> Void
    ) throws {
        var block = LineBlock()
        var pending: PendingParse<Parsed>?
        var consumeFailed = false
        func consumeParsed(_ p: PendingParse<Parsed>?) throws {
            guard let p else { return }
            do { try consume(p.wait()) } catch {
                consumeFailed = true
                throw error
            }
        }
        /// Starts parsing the gathered block, then consumes the one before it.
        func dispatch() throws {
            let previous = pending
            pending = PendingParse(block, parse)
            block = LineBlock()
            try consumeParsed(previous)
        }
        do {
            try input.forEachLine(maxLineBytes: maxLineBytes) { line, number in
                block.append(line, number: number)
                if block.bytes.count >= blockBytes { try dispatch() }
            }
        } catch {
            if consumeFailed {
                _ = pending?.wait()  // a later block, not consumed; let its parse finish
                throw error
            }
            // The stream failed at a line after everything gathered so far.
            let previous = pending
            pending = nil
            try consumeParsed(previous)
            if !block.isEmpty { try consume(parse(block)) }
            throw error
        }
        if !block.isEmpty { try dispatch() }
        try consumeParsed(pending)
    }
}

/// A block being parsed on a global queue; `wait` returns its result.
private final class PendingParse<Parsed: Sendable>: @unchecked Sendable {
    private var result: Parsed?
    private let done = DispatchSemaphore(value: 0)

    init(_ block: LineBlock, _ parse: @escaping @Sendable (LineBlock) -> Parsed) {
        DispatchQueue.global().async {
            self.result = parse(block)
            self.done.signal()
        }
    }

    func wait() -> Parsed {
        done.wait()
        guard let result else { preconditionFailure("a parsed block without a result") }
        return result
    }
}
