import KVCacheCore
import KVCacheInput
/// Writes traces back out: Mooncake JSONL (`hash_ids` are the dense ids) and CSV of sequences.
public enum TraceWriter {
    public static func mooncakeJSONL(_ trace: Trace) -> String {
        var out = ""
        out.reserveCapacity(trace.accessCount * 8 + trace.requestCount * 80)
        for r in 0 ..< trace.requestCount {
            out += "{"
            if let ts = trace.timestamps { out += "\"timestamp\": " + JSONValue.number((ts[r] * 1000).rounded() / 1000) + ", " }
            out += "\"input_length\": \(trace.inputLengths[r]), \"output_length\": \(trace.outputLength(of: r)), \"hash_ids\": ["
            var first = true
            for i in trace.blockRange(of: r) {
                if !first { out += ", " }
                out += String(trace.blockIds[i])
                first = false
            }
            out += "]}\n"
        }
        return out
    }

    /// `sequence_id,sequence_length,output_length[,timestamp]` with `sequence[r]` as the id.
    public static func csv(_ trace: Trace, sequence: [Int]) -> String {
        var out = trace.timestamps == nil ? "sequence_id,sequence_length,output_length\n" : "sequence_id,sequence_length,output_length,timestamp\n"
        for r in 0 ..< trace.requestCount {
            out += "s\(sequence[r]),\(trace.inputLengths[r]),\(trace.outputLength(of: r))"
            if let ts = trace.timestamps { out += "," + JSONValue.number((ts[r] * 1000).rounded() / 1000) }
            out += "\n"
        }
        return out
    }
}
