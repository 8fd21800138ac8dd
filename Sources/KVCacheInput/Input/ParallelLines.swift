import Dispatch

/// Line-oriented parsing on both cores: the stream is read in blocks of whole lines of about
/// `blockBytes` (`ByteStream.forEachLineBlock`, straight into each block's buffer); each block
/// is parsed on a second thread while the caller consumes the block
/// before it (for trace readers: interns its ids into the `TraceBuilder`, which must stay in file
/// order). Blocks are consumed in order, so the result, the warnings and the first error are
/// those of a line-by-line read: when the stream itself fails (a line over the limit, a read
/// error), the blocks before the failing line are consumed first, so an earlier line's error
/// wins, as it would reading line by line. Memory: about three blocks.
enum ParallelLines {
    static func forEachBlock<Parsed: Sendable>(
        _ input: ByteStream, maxLineBytes: Int, blockBytes: Int,
        parse: @escaping @Sendable (LineBlock) -> Parsed, consume: (Parsed) throws -> Void
    ) throws {
        var pending: PendingParse<Parsed>?
        var consumeFailed = false
        func consumeParsed(_ p: PendingParse<Parsed>?) throws {
            guard let p else { return }
            do { try consume(p.wait()) } catch {
                consumeFailed = true
                throw error
            }
        }
        do {
            try input.forEachLineBlock(maxLineBytes: maxLineBytes, blockBytes: blockBytes) { block in
                // Starts parsing this block, then consumes the one before it.
                let previous = pending
                pending = PendingParse(block, parse)
                try consumeParsed(previous)
            }
        } catch {
            if consumeFailed {
                _ = pending?.wait()  // a later block, not consumed; let its parse finish
                throw error
            }
            // The stream failed at a line after every block handed on so far.
            let previous = pending
            pending = nil
            try consumeParsed(previous)
            throw error
        }
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
