#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KVCacheCore

extension ByteStream {
    /// The stream's lines in blocks of about `blockBytes`, read straight into each block's own
    /// buffer (no copy of a line but the unfinished one at a block's end), for parsing on
    /// another thread (`ParallelLines`). The lines, their numbers, the BOM and `\r\n` handling
    /// and the "line longer than" errors are `forEachLine`'s: a line over `maxLineBytes` throws
    /// after the block of the lines before it was handed on. A block holds whole lines only; it
    /// grows past `blockBytes` only for one line longer than that, up to `maxLineBytes`.
    /// With `pool`, the blocks' buffers are taken from it (the consumer gives them back once it
    /// is done with a block). A regular uncompressed file is mapped instead (`mapRemaining`)
    /// and its blocks point into the mapping: the same blocks' lines, no copy.
    func forEachLineBlock(maxLineBytes: Int, blockBytes: Int, pool: LineBytesPool? = nil,
                          _ body: (LineBlock) throws -> Void) throws {
        precondition(maxLineBytes >= 1 && blockBytes >= 1)
        try skipBOM()
        let limit = maxLineBytes
        var carry: [UInt8] = []  // an unfinished line, carried into the next block
        var lineNumber = 0
        var ended = false
        func tooLong(_ line: Int) -> InputError {
            InputError(file: name, line: line, "line longer than \(Self.byteText(limit))")
        }
        if let mapped = mapRemaining() {
            // A regular file: blocks are views into its mapping, no copy of any byte.
            let all = mapped.base, n = mapped.count
            var start = 0
            var next: Int?  // the end of the line at `start`, when already found
            while start < n {
                let blockStart = start
                var block = LineBlock(storage: LineBytes(mapped: mapped, offset: blockStart), byteCount: 0)
                while start < n {
                    let end = next ?? memchr(all + start, 0x0A, n - start).map {
                        all.distance(to: $0.assumingMemoryBound(to: UInt8.self))
                    } ?? n  // the last line need not end with a newline
                    next = nil
                    if !block.isEmpty, end - blockStart > blockBytes {  // full: the line starts the next block
                        next = end
                        break
                    }
                    lineNumber += 1
                    if end - start > limit {
                        if !block.isEmpty { try body(block) }
                        throw tooLong(lineNumber)
                    }
                    block.appendLine(start: start - blockStart, end: end - blockStart, number: lineNumber)
                    start = end + 1
                }
                try body(block)
            }
            return
        }
        while !ended {
            if carry.count > limit { throw tooLong(lineNumber + 1) }
            // Room for the carried line and more; a line as long as a block doubles it.
            let capacity = carry.count < blockBytes ? blockBytes : min(2 * carry.count, limit + 1)
            // The block's buffer: one the parses gave back to `pool`, else a new one.
            let storage = pool?.take(capacity: capacity) ?? LineBytes(capacity: capacity)
            let base = storage.base
            carry.withUnsafeBufferPointer { c in
                if let from = c.baseAddress { base.update(from: from, count: c.count) }
            }
            var filled = carry.count
            // A read error comes after the whole lines read before it, as in `forEachLine`.
            var readError: (any Error)?
            while filled < capacity {
                let n: Int
                do { n = try read(into: base + filled, capacity: capacity - filled) } catch {
                    readError = error
                    break
                }
                if n == 0 { ended = true; break }
                filled += n
            }
            var block = LineBlock(storage: storage, byteCount: filled)
            var start = 0
            var scan = carry.count
            while scan < filled, let hit = memchr(base + scan, 0x0A, filled - scan) {
                let newline = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                lineNumber += 1
                if newline - start > limit {
                    if !block.isEmpty { try body(block) }
                    throw tooLong(lineNumber)
                }
                block.appendLine(start: start, end: newline, number: lineNumber)
                start = newline + 1
                scan = start
            }
            if ended, filled > start {  // the last line need not end with a newline
                lineNumber += 1
                if filled - start > limit {
                    if !block.isEmpty { try body(block) }
                    throw tooLong(lineNumber)
                }
                block.appendLine(start: start, end: filled, number: lineNumber)
                start = filled
            }
            carry = Array(UnsafeBufferPointer(start: base + start, count: filled - start))
            if !block.isEmpty { try body(block) } else { pool?.give(storage, used: filled) }
            if let readError { throw readError }
        }
    }
}
