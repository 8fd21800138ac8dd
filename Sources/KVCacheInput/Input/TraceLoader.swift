import Foundation
import KVCacheCore

/// Reads a trace in any format into a `Trace`: opens the input once (a file, `-` for standard
/// input, either possibly gzip or zstd; a directory of session files), infers the format from it
/// unless given, runs the format's reader at the trace's own block size, and re-blocks the
/// result to `blockSizeTokens` (MODEL 2.6).
public enum TraceLoader {
    /// - Parameters:
    ///   - blockSizeTokens: the block size of the analysis.
    ///   - nativeBlockSizeTokens: the trace's own block size; nil: the format's (sessions 64,
    ///     Bailian 16) or else `blockSizeTokens`.
    public static func load(path: String, format: TraceFormat? = nil, blockSizeTokens: Int,
                            nativeBlockSizeTokens: Int? = nil, options: ReadOptions = ReadOptions()) throws -> Trace {
        if SessionsReader.isDirectory(path) {
            guard format == nil || format == .sessions else {
                throw InputError(file: path, "is a directory: only a sessions trace can be a directory of files (format \(format?.rawValue ?? ""))")
            }
            let native = nativeBlockSizeTokens ?? TraceFormat.sessions.nativeBlockSizeTokens ?? blockSizeTokens
            var builder = TraceBuilder(blockSizeTokens: native, source: path)
            try SessionsReader.readDirectory(path, options: options.sessions, readOptions: options, into: &builder)
            return try finish(builder, name: path, blockSizeTokens: blockSizeTokens)
        }
        let input = try ByteStream.open(path)
        if let progress = options.progress { input.observe(progress) }
        return try load(input, format: format, blockSizeTokens: blockSizeTokens,
                        nativeBlockSizeTokens: nativeBlockSizeTokens, options: options)
    }

    /// Reads an already opened input (nothing of it consumed yet).
    public static func load(_ input: ByteStream, format: TraceFormat? = nil, blockSizeTokens: Int,
                            nativeBlockSizeTokens: Int? = nil, options: ReadOptions = ReadOptions()) throws -> Trace {
        if try input.peek(1).isEmpty {
            throw InputError(file: input.name, input.compression == .none ? "is empty" : "is empty after \(input.compression.rawValue) decompression")
        }
        let format = try format ?? TraceFormat.infer(input)
        let native = nativeBlockSizeTokens ?? format.nativeBlockSizeTokens ?? blockSizeTokens
        var builder = TraceBuilder(blockSizeTokens: native, source: input.name)
        try format.reader(options).read(input, into: &builder, options: options)
        return try finish(builder, name: input.name, blockSizeTokens: blockSizeTokens)
    }

    /// Accesses per chunk when streaming: about 4 MB of dense ids.
    public static let defaultChunkAccesses = 1 << 20

    /// Reads a trace in a stream (MODEL 3.7): the reader pushes requests into a `TraceBuilder`
    /// that hands them to `consume` in chunks of about `chunkAccesses` block accesses (a chunk
    /// closes after the request that reaches it), keeping only the interner between chunks, so
    /// memory is one chunk plus O(distinct blocks) whatever the input's length. Every format
    /// whose records are requests in order streams (mooncake, csv, ids, oracle-general,
    /// bailian); a sessions trace and re-blocking (`blockSizeTokens` above the trace's own) are
    /// errors. With `concurrent` (the default) the reader runs on a thread of its own, at most
    /// three chunks ahead of `consume`, which runs on the calling thread; chunks arrive in order
    /// either way. Returns the requests read. Throws what the reader or `consume` throws (the
    /// reader's error after every chunk read before it).
    @discardableResult
    public static func stream(path: String, format: TraceFormat? = nil, blockSizeTokens: Int,
                              nativeBlockSizeTokens: Int? = nil, options: ReadOptions = ReadOptions(),
                              chunkAccesses: Int = defaultChunkAccesses, concurrent: Bool = true,
                              consume: @escaping (Trace) throws -> Void) throws -> Int {
        switch try openStream(path: path, format: format, blockSizeTokens: blockSizeTokens,
                              nativeBlockSizeTokens: nativeBlockSizeTokens, options: options) {
        case .refused(let reason): throw reason
        case .ready(let opened):
            return try stream(opened, options: options, chunkAccesses: chunkAccesses, concurrent: concurrent, consume: consume)
        }
    }

    /// An input opened for `stream`, its format inferred and its block size checked, or the
    /// reason it cannot stream.
    public enum StreamOpening {
        case ready(StreamInput)
        case refused(InputError)
    }

    public struct StreamInput {
        let input: ByteStream, format: TraceFormat, native: Int

        /// About how many block accesses the input holds, as its reader reserves them
        /// (`TraceReader.expectedAccesses`; 0 when unknown): room reserved up front for all of
        /// them is never copied as it grows, and costs nothing where it stays untouched.
        public var expectedAccesses: Int { format.reader().expectedAccesses(in: input) }
    }

    /// Opens `path` for `stream`: a sessions trace and re-blocking (`blockSizeTokens` above the
    /// trace's own) are refused; an empty or unrecognisable input is an error.
    public static func openStream(path: String, format: TraceFormat? = nil, blockSizeTokens: Int,
                                  nativeBlockSizeTokens: Int? = nil, options: ReadOptions = ReadOptions()) throws -> StreamOpening {
        if SessionsReader.isDirectory(path) {
            return .refused(InputError(file: path, "is a directory of sessions: a sessions trace cannot be streamed (its requests are replayed in time order); drop --stream"))
        }
        let input = try ByteStream.open(path)
        if let progress = options.progress { input.observe(progress) }
        if try input.peek(1).isEmpty {
            throw InputError(file: input.name, input.compression == .none ? "is empty" : "is empty after \(input.compression.rawValue) decompression")
        }
        let format = try format ?? TraceFormat.infer(input)
        if format == .sessions {
            return .refused(InputError(file: input.name, "a sessions trace cannot be streamed (its requests are replayed in time order); drop --stream"))
        }
        let native = nativeBlockSizeTokens ?? format.nativeBlockSizeTokens ?? blockSizeTokens
        guard native == blockSizeTokens else {
            return .refused(InputError(file: input.name, field: "block_size_tokens",
                                       "\(blockSizeTokens) differs from the trace's own \(native)-token blocks: re-blocking (MODEL 2.6) is not done in a stream; use --block-size-tokens \(native) or drop --stream"))
        }
        return .ready(StreamInput(input: input, format: format, native: native))
    }

    /// `stream` over an input `openStream` made ready. `tracksLineage`: the chunks resolve
    /// parent keys and count lineage warnings as a whole read does
    /// (`TraceBuilder.handOffChunks(tracksLineage:)`).
    @discardableResult
    public static func stream(_ opened: StreamInput, options: ReadOptions = ReadOptions(),
                              chunkAccesses: Int = defaultChunkAccesses, concurrent: Bool = true, tracksLineage: Bool = false,
                              consume: @escaping (Trace) throws -> Void) throws -> Int {
        let input = opened.input, format = opened.format, native = opened.native
        guard chunkAccesses >= 1 else { throw InputError(file: input.name, "stream chunk size must be at least 1 access (got \(chunkAccesses))") }
        let name = input.name
        let requests: Int
        if concurrent {
            // Reading and interning on a thread of their own, a few chunks ahead of `consume`.
            let pipe = ChunkPipe<Trace>(depth: 3)
            let job = ReadJob(input: input, format: format, options: options, native: native, chunkAccesses: chunkAccesses,
                              tracksLineage: tracksLineage)
            let thread = Thread {
                var count = 0
                do {
                    var builder = TraceBuilder(blockSizeTokens: job.native, source: job.input.name)
                    builder.handOffChunks(every: job.chunkAccesses, tracksLineage: job.tracksLineage, to: pipe.put)
                    try job.format.reader(job.options).read(job.input, into: &builder, options: job.options)
                    try builder.finishChunks()
                    count = builder.requestCount
                    pipe.end(requests: count, error: nil)
                } catch {
                    pipe.end(requests: count, error: error)
                }
            }
            thread.name = "kvcache-read"
            thread.stackSize = 8 << 20
            thread.start()
            do {
                while let chunk = try pipe.take() { try consume(chunk) }
            } catch {
                pipe.cancel()
                throw error
            }
            requests = pipe.requests
        } else {
            var builder = TraceBuilder(blockSizeTokens: native, source: name)
            builder.handOffChunks(every: chunkAccesses, tracksLineage: tracksLineage, to: consume)
            try format.reader(options).read(input, into: &builder, options: options)
            try builder.finishChunks()
            requests = builder.requestCount
        }
        guard requests > 0 else { throw InputError(file: name, "the trace has no requests") }
        return requests
    }

    /// What the reading thread of a concurrent stream needs, handed over whole: the consumer
    /// thread never touches it again.
    private final class ReadJob: @unchecked Sendable {
        let input: ByteStream, format: TraceFormat, options: ReadOptions, native: Int, chunkAccesses: Int, tracksLineage: Bool
        init(input: ByteStream, format: TraceFormat, options: ReadOptions, native: Int, chunkAccesses: Int, tracksLineage: Bool) {
            self.tracksLineage = tracksLineage
            self.input = input
            self.format = format
            self.options = options
            self.native = native
            self.chunkAccesses = chunkAccesses
        }
    }

    /// The built trace, re-blocked from its own block size to `blockSizeTokens` (a multiple).
    private static func finish(_ builder: TraceBuilder, name: String, blockSizeTokens: Int) throws -> Trace {
        guard builder.requestCount > 0 else {
            throw InputError(file: name, "the trace has no requests")
        }
        let trace = builder.build()
        let native = trace.blockSizeTokens
        guard blockSizeTokens != native else { return trace }
        guard blockSizeTokens > native, blockSizeTokens % native == 0 else {
            throw InputError(file: name, field: "block_size_tokens",
                             "\(blockSizeTokens) is not a multiple of the trace's own \(native)-token blocks: use \(native), \(2 * native), \(4 * native), ... (a block of a re-blocked trace is k whole blocks of the trace)")
        }
        return try trace.reblocked(factor: blockSizeTokens / native)
    }
}
