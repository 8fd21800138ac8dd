import Dispatch

/// Line-oriented parsing on both cores: the stream is read in blocks of whole lines of about
/// `blockBytes` (`ByteStream.forEachLineBlock`, straight into each block's buffer); each block
/// is parsed on a second thread while the caller consumes the block
/// before it (for trace readers: interns its ids into the `TraceBuilder`, which must stay in file
/// order). Blocks are consumed in order, so the result, the warnings and the first error are
/// those of a line-by-line read: when the stream itself fails (a line over the limit, a read
/// error), the blocks before the failing line are consumed first, so an earlier line's error
/// wins, as it would reading line by line. Memory: `inFlight` + 1 blocks, whose buffers are
/// reused for the next blocks (a parse must not keep pointers into its block).
enum ParallelLines {
    static func forEachBlock<Parsed: Sendable>(
        _ input: ByteStream, maxLineBytes: Int, blockBytes: Int, inFlight: Int = 2,
        parse: @escaping @Sendable (LineBlock) -> Parsed, consume: (Parsed) throws -> Void
    ) throws {
        // Up to `inFlight` blocks are parsed on the global queue while the oldest is consumed
        // here: with two, the parse of a block is shared by both cores when consuming is quick.
        var pending: [BackgroundWork<Parsed>] = []
        // A block's buffer goes back to the pool as soon as it is parsed, for a later block.
        let pool = LineBytesPool()
        var consumeFailed = false
        func consumeOldest() throws {
            let oldest = pending.removeFirst()
            do { try consume(oldest.wait()) } catch {
                consumeFailed = true
                throw error
            }
        }
        do {
            try input.forEachLineBlock(maxLineBytes: maxLineBytes, blockBytes: blockBytes, pool: pool) { block in
                pending.append(BackgroundWork {
                    defer { pool.give(block.storage, used: block.byteCount) }
                    return parse(block)
                })
                if pending.count > inFlight { try consumeOldest() }
            }
        } catch {
            if consumeFailed {
                for p in pending { _ = p.wait() }  // later blocks, not consumed; let their parses finish
                throw error
            }
            // The stream failed at a line after every block handed on so far.
            while !pending.isEmpty { try consumeOldest() }
            throw error
        }
        do { while !pending.isEmpty { try consumeOldest() } } catch {
            for p in pending { _ = p.wait() }  // later blocks, not consumed; let their parses finish
            throw error
        }
    }
}
