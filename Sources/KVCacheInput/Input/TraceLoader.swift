import KVCacheCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a trace file in any format into a `Trace`.
public enum TraceLoader {
    public static func load(path: String, format: TraceFormat? = nil, blockSizeTokens: Int,
                            options: ReadOptions = ReadOptions()) throws -> Trace {
        guard access(path, R_OK) == 0 else {
            throw InputError(file: path, "cannot read the trace file: \(String(cString: strerror(errno)))")
        }
        let format = try format ?? TraceFormat.infer(path: path)
        var builder = TraceBuilder(blockSizeTokens: blockSizeTokens, source: path)
        try format.reader(path: path).read(into: &builder, options: options)
        guard builder.requestCount > 0 else {
            throw InputError(file: path, "the trace has no requests")
        }
        return builder.build()
    }
}
