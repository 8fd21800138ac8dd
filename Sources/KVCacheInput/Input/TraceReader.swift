import KVCacheCore
/// One reader per trace format (MODEL 2, 9.1), behind this one small protocol. A reader
/// streams its input and appends every request, in file order, to a `TraceBuilder`.
/// A new format is one new file with a type conforming to this and one `TraceFormat` case.
public protocol TraceReader {
    /// Reads the whole input into `builder`. A malformed record throws an `InputError` naming
    /// the file, line and field, unless `options.skipBadLines` turns it into a counted warning.
    func read(into builder: inout TraceBuilder, options: ReadOptions) throws
}

extension TraceReader {
    /// Runs `parse` for one line, applying the skip-bad-lines rule to its errors.
    func handleLine(_ builder: inout TraceBuilder, _ options: ReadOptions, _ parse: (inout TraceBuilder) throws -> Void) throws {
        do {
            try parse(&builder)
        } catch let error as InputError where options.skipBadLines {
            builder.warn("skipped_bad_line", error.description)
        }
    }
}
