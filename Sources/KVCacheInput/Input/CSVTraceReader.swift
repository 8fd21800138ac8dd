import KVCacheCore
/// CSV traces of sequences (MODEL 2.3). A header row is required and must name
/// `sequence_id` and `sequence_length`; `request_type`, `timestamp` (ms) and `output_length` are
/// optional; other columns are ignored. `sequence_id` is an opaque string (`01` and `1` differ).
/// Request k reads its sequence's blocks `(id, 0) ..< (id, m)`, `m = ceil(length / B)`, so a
/// later, longer request for the same sequence shares the first blocks (prefix chains).
/// Fields may be quoted (RFC 4180, no newline inside a field). O(bytes).
public struct CSVTraceReader: TraceReader {
    public init() {}

    public func read(_ input: ByteStream, into builder: inout TraceBuilder, options: ReadOptions) throws {
        let path = input.name
        var columns: Columns?
        var sequences: [String: UInt64] = [:]
        var fields: [Substring] = []
        var raw: [UInt64] = []
        let blockSize = builder.trace.blockSizeTokens
        try input.forEachLine(maxLineBytes: options.maxLineBytes) { bytes, lineNumber in
            let line = String(decoding: bytes, as: UTF8.self)
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { return }
            func error(_ message: String, _ field: String? = nil) -> InputError {
                InputError(file: path, line: lineNumber, field: field, message)
            }
            guard let cols = columns else {
                columns = try Columns(header: Self.split(line, into: &fields, error: error), file: path, line: lineNumber)
                return
            }
            try handleLine(&builder, options) { builder in
                let f = try Self.split(line, into: &fields, error: error)
                guard f.count >= cols.required else {
                    throw error("expected at least \(cols.required) fields, found \(f.count)")
                }
                let id = String(f[cols.sequenceId])
                guard !id.isEmpty else { throw error("is empty", "sequence_id") }
                guard let length = Int(f[cols.sequenceLength].trimmingSpaces), length >= 1, length <= Int32.max else {
                    throw error("must be an integer between 1 and 2^31 - 1 (got '\(ByteStream.printable(f[cols.sequenceLength]))')", "sequence_length")
                }
                var timestamp: Double?
                if let c = cols.timestamp, c < f.count, !f[c].trimmingSpaces.isEmpty {
                    guard let t = Double(f[c].trimmingSpaces), t.isFinite else {
                        throw error("not a finite number: '\(ByteStream.printable(f[c]))'", "timestamp")
                    }
                    timestamp = t
                }
                var output: Int?
                if let c = cols.outputLength, c < f.count, !f[c].trimmingSpaces.isEmpty {
                    guard let o = Int(f[c].trimmingSpaces), o >= 0, o <= Int32.max else {
                        throw error("not an integer between 0 and 2^31 - 1: '\(ByteStream.printable(f[c]))'", "output_length")
                    }
                    output = o
                }
                var type: String?
                if let c = cols.requestType, c < f.count, !f[c].isEmpty { type = String(f[c]) }
                let sequence: UInt64
                if let s = sequences[id] {
                    sequence = s
                } else {
                    sequence = UInt64(sequences.count)
                    sequences[id] = sequence
                }
                let blocks = (length + blockSize - 1) / blockSize
                raw.removeAll(keepingCapacity: true)
                // A block's raw key is (sequence, k) packed into 64 bits; the interner makes it dense.
                for k in 0 ..< blocks { raw.append(sequence << 32 | UInt64(k)) }
                try builder.addRequest(rawIds: raw, inputLength: length, outputLength: output,
                                       timestamp: timestamp, requestType: type, line: lineNumber)
            }
        }
        if columns == nil { throw InputError(file: path, "empty CSV: a header row with sequence_id,sequence_length is required") }
    }

    private struct Columns {
        let sequenceId: Int
        let sequenceLength: Int
        let requestType: Int?
        let timestamp: Int?
        let outputLength: Int?
        var required: Int { max(sequenceId, sequenceLength) + 1 }

        init(header: [Substring], file: String, line: Int) throws {
            let names = header.map { $0.trimmingSpaces.lowercased() }
            func index(_ name: String) -> Int? { names.firstIndex(of: name) }
            guard let id = index("sequence_id"), let length = index("sequence_length") else {
                throw InputError(file: file, line: line, "CSV header must name sequence_id and sequence_length (found: \(ByteStream.printable(names.joined(separator: ","), limit: 200)))")
            }
            sequenceId = id
            sequenceLength = length
            requestType = index("request_type")
            timestamp = index("timestamp")
            outputLength = index("output_length")
        }
    }

    /// Splits one CSV line into fields, honouring double quotes.
    static func split(_ line: String, into fields: inout [Substring], error: (String, String?) -> InputError) throws -> [Substring] {
        fields.removeAll(keepingCapacity: true)
        if !line.contains("\"") {
            fields.append(contentsOf: line.split(separator: ",", omittingEmptySubsequences: false))
            return fields
        }
        var current = ""
        var inQuotes = false
        var iterator = line.makeIterator()
        var pendingQuote = false
        while let c = iterator.next() {
            if inQuotes {
                if c == "\"" {
                    if pendingQuote { current.append("\""); pendingQuote = false } else { pendingQuote = true }
                    continue
                }
                if pendingQuote { inQuotes = false; pendingQuote = false } else { current.append(c); continue }
            }
            if c == "\"" && current.isEmpty { inQuotes = true; continue }
            if c == "," { fields.append(Substring(current)); current = ""; continue }
            current.append(c)
        }
        if inQuotes && !pendingQuote { throw error("unterminated quoted field", nil) }
        fields.append(Substring(current))
        return fields
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
