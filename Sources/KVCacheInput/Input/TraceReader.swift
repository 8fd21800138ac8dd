import KVCacheCore
/// One reader per trace format (MODEL 2, 9.1), behind this one small protocol. A reader
/// streams its input and appends every request, in file order, to a `TraceBuilder`.
/// A new format is one new file with a type conforming to this and one `TraceFormat` case.
public protocol TraceReader {
    /// Reads the whole of `input` (already opened, decompressed, possibly peeked at) into
    /// `builder`. A malformed record throws an `InputError` naming `input.name`, the line and
    /// the field, unless `options.skipBadLines` turns it into a counted warning.
    func read(_ input: ByteStream, into builder: inout TraceBuilder, options: ReadOptions) throws

    /// About how many input bytes one block access takes in this format (a low estimate, so that
    /// room reserved from a file's size is enough), or nil when it varies too much to say.
    var bytesPerAccess: Int? { get }
}

extension TraceReader {
    public var bytesPerAccess: Int? { nil }

    /// The block accesses to reserve room for, from a regular file's size (`reservation`), or 0
    /// when the input has no size or the format no estimate.
    func expectedAccesses(in input: ByteStream) -> Int {
        guard let size = input.sizeHint, let bytes = bytesPerAccess else { return 0 }
        return reservation(size / bytes)
    }

    /// Runs `parse` for one line, applying the skip-bad-lines rule to its errors.
    func handleLine(_ builder: inout TraceBuilder, _ options: ReadOptions, _ parse: (inout TraceBuilder) throws -> Void) throws {
        do {
            try parse(&builder)
        } catch let error as InputError where options.skipBadLines {
            builder.warn("skipped_bad_line", error.description)
        }
    }
}

/// How many elements to reserve for about `estimate` of them (from `ByteStream.sizeHint`, which
/// only a regular uncompressed file has): at most 2^28, 1 GiB of `Int32` ids, mostly untouched
/// pages when overestimated; beyond that the arrays grow as they fill.
func reservation(_ estimate: Int) -> Int { min(max(0, estimate), 1 << 28) }
