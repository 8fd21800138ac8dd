#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KVCacheCore

/// `ids` traces (MODEL 9.1): one block id per line (a decimal integer, signed ids kept by
/// their bit pattern), each a single-block request of one full block of tokens. This is
/// libCacheSim's `txt` trace type. Blank lines are skipped. The bytes go straight through
/// `IdLineScanner` (one loop, no line buffer, no allocation per line), and the ids to the builder
/// in batches. O(bytes).
///
/// A regular file is mapped and cut into blocks of whole lines, which are scanned on both cores
/// while the ids of the blocks before them are interned here, in file order; a pipe or a
/// compressed input is scanned as it is read. Both give the same trace, warnings and errors
/// (line numbers count from the file's start).
public struct IdsReader: TraceReader {
    public init() {}

    /// About 5 to 6 bytes per line in the public traces and ours: room for 4, so the arrays
    /// never grow (room reserved and never touched costs no memory).
    public var bytesPerAccess: Int? { 4 }

    public func read(_ input: ByteStream, into builder: inout TraceBuilder, options: ReadOptions) throws {
        let expected = expectedAccesses(in: input)
        if expected > 0 {
            // One request per access. Their pages are faulted in on the other core, ahead of the parse.
            builder.reserve(accesses: builder.trace.accessCount + expected, requests: builder.requestCount + expected,
                            faultingAhead: true)
        }
        defer { builder.stopFaultingAhead() }
        _ = try input.skipBOM()
        if let mapped = input.mapRemaining() {
            try readBlocks(of: mapped, path: input.name, into: &builder, options: options)
        } else {
            try readInOrder(input, into: &builder, options: options)
        }
    }

    /// Bytes of lines scanned per block on the other threads (at most; `ReadOptions`'
    /// `parallelBlockBytes` when smaller, as tests make it): about 2 x 10^5 ids, so that the
    /// first block's scan, which nothing overlaps, is short.
    static let blockBytes = 1 << 20

    /// Blocks scanned ahead of the one being interned.
    static let blocksInFlight = 2

    /// The mapped file's blocks of whole lines are scanned on the global queue, up to
    /// `blocksInFlight` ahead, into buffers of a pool; each block's ids are then interned in
    /// order, its skipped lines warned of and its error thrown, with line numbers moved down by
    /// the lines of the blocks before it. The pages of a block are let go once it is scanned, so
    /// memory follows the blocks in flight, not the file (MODEL 2.9).
    private func readBlocks(of mapped: MappedBytes, path: String, into builder: inout TraceBuilder,
                            options: ReadOptions) throws {
        let tokens = builder.trace.blockSizeTokens
        let blockBytes = max(1, min(options.parallelBlockBytes, Self.blockBytes))
        let skipsBadLines = options.skipBadLines
        let pool = RawIdBufferPool()
        var pending: [BackgroundWork<ScannedBlock>] = []
        var linesBefore = 0
        func consumeOldest() throws {
            let block = pending.removeFirst().wait()
            defer { pool.give(block.ids) }
            for error in block.skipped { builder.warn("skipped_bad_line", error.movedDown(by: linesBefore).description) }
            try builder.addSingleBlockRequests(block.ids.buffer, inputLength: tokens)
            if let failure = block.failure { throw failure.movedDown(by: linesBefore) }
            linesBefore += block.lines
        }
        let all = mapped.base, n = mapped.count
        var start = 0
        do {
            while start < n {
                // A block ends after the first newline at or past `blockBytes` from its start.
                var end = min(n, start + blockBytes)
                if end < n {
                    end = memchr(all + end - 1, 0x0A, n - end + 1).map {
                        all.distance(to: $0.assumingMemoryBound(to: UInt8.self)) + 1
                    } ?? n
                }
                let range = start ..< end, isLast = end == n
                pending.append(BackgroundWork {
                    Self.scan(mapped, range, isLast: isLast, path: path, skipsBadLines: skipsBadLines,
                              into: pool.take(capacity: max(1024, range.count / 4)))
                })
                if pending.count > Self.blocksInFlight { try consumeOldest() }
                start = end
            }
            while !pending.isEmpty { try consumeOldest() }
        } catch {
            for p in pending { _ = p.wait() }  // later blocks, not interned; let their scans finish
            throw error
        }
    }

    /// Scans `mapped[range]`, whole lines (the last block's last line may lack its newline), into
    /// `ids` on any thread; line numbers count from the block's first line. Lets the block's
    /// pages go afterwards.
    private static func scan(_ mapped: MappedBytes, _ range: Range<Int>, isLast: Bool, path: String,
                             skipsBadLines: Bool, into ids: RawIdBuffer) -> ScannedBlock {
        let block = ScannedBlock(ids: ids)
        var scanner = IdLineScanner(path: path, onBadLine: skipsBadLines ? { block.skipped.append($0) } : nil)
        do {
            try scanner.scan(UnsafeRawBufferPointer(start: mapped.base + range.lowerBound, count: range.count)) { ids.append($0) }
            if isLast { try scanner.finish { ids.append($0) } }
        } catch let error as InputError {
            block.failure = error
        } catch {
            block.failure = InputError(file: path, line: scanner.line, "\(error)")
        }
        block.lines = scanner.line - 1
        mapped.dropPages(from: range.lowerBound, count: range.count)
        return block
    }

    /// One block's scan, handed over whole once done (`BackgroundWork.wait`).
    private final class ScannedBlock: @unchecked Sendable {
        let ids: RawIdBuffer
        /// Lines skipped as malformed (`--skip-bad-lines`), in order.
        var skipped: [InputError] = []
        /// The malformed line that ended the scan (without `--skip-bad-lines`).
        var failure: InputError?
        /// Newlines in the block: the lines after it are numbered from `lines + 1` on.
        var lines = 0

        init(ids: RawIdBuffer) { self.ids = ids }
    }

    /// A pipe or a compressed input: scanned on this thread as it is read, its ids handed to the
    /// builder every 64 KiB of input.
    private func readInOrder(_ input: ByteStream, into builder: inout TraceBuilder, options: ReadOptions) throws {
        let tokens = builder.trace.blockSizeTokens
        let batch = RawIdBuffer(capacity: 1 << 16)
        let skipped = SkippedLines()
        func flush() throws {
            for error in skipped.errors { builder.warn("skipped_bad_line", error.description) }
            skipped.errors.removeAll(keepingCapacity: true)
            try builder.addSingleBlockRequests(batch.buffer, inputLength: tokens)
            batch.removeAll()
        }
        var scanner = IdLineScanner(path: input.name, onBadLine: options.skipBadLines ? { skipped.errors.append($0) } : nil)
        // Slices of 64 KiB (about 10^4 ids): a stream's consumer gets its first requests early,
        // and an error in a later line comes after the requests before it were handed on.
        let slice = 1 << 16
        try input.forEachChunk(recordSize: 1, chunkSize: Self.chunkBytes) { chunk in
            var from = 0
            while from < chunk.count {
                let to = min(chunk.count, from + slice)
                try scanner.scan(UnsafeRawBufferPointer(rebasing: chunk[from ..< to])) { batch.append($0) }
                try flush()
                from = to
            }
        }
        try scanner.finish { batch.append($0) }
        try flush()
    }

    /// Bytes read at once: small enough that the read's copy stays in the L2 cache for the scan
    /// (a larger buffer is also that many more fresh pages).
    static let chunkBytes = 256 << 10

    /// The malformed lines met since the last flush (with `--skip-bad-lines`), in order.
    private final class SkippedLines {
        var errors: [InputError] = []
    }
}

extension InputError {
    /// The same error for a line `lines` further down (a block's error placed in its file).
    func movedDown(by lines: Int) -> InputError {
        guard let line else { return self }
        return InputError(file: file, line: line + lines, field: field, message)
    }
}
