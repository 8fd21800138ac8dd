import KVCacheCore

/// The trace formats kvcache-sim reads (MODEL 9.1).
///
/// A new format is one case here plus its lines in the switches below (`reader`, `nameSuffixes`,
/// `isBinary`; the compiler points at them) and, when its first bytes tell it apart, a line in
/// `sniff`.
public enum TraceFormat: String, CaseIterable, Sendable, Codable {
    case mooncake
    case csv
    case ids
    case oracleGeneral = "oracle-general"
    case sessions
    case bailian

    /// The reader for an input of this format.
    public func reader(_ options: ReadOptions = ReadOptions()) -> any TraceReader {
        switch self {
        case .mooncake: MooncakeReader()
        case .csv: CSVTraceReader()
        case .ids: IdsReader()
        case .oracleGeneral: OracleGeneralReader()
        case .sessions: SessionsReader(options: options.sessions)
        case .bailian: BailianReader()
        }
    }

    /// The format's own block size in tokens when it has one (MODEL 2.6): the trace is read at
    /// it and re-blocked to the configured `block_size_tokens`. nil: the configured size.
    public var nativeBlockSizeTokens: Int? {
        switch self {
        case .sessions: 64
        case .bailian: BailianReader.nativeBlockSizeTokens
        case .mooncake, .csv, .ids, .oracleGeneral: nil
        }
    }

    /// File-name endings that name this format (lowercase, after any `.gz`/`.zst`/`.zstd`).
    var nameSuffixes: [String] {
        switch self {
        case .mooncake: [".jsonl", ".json"]
        case .csv: [".csv"]
        case .ids: [".txt", ".ids"]
        case .oracleGeneral: [".bin", ".oraclegeneral"]
        case .sessions, .bailian: []
        }
    }

    /// Words that name this format anywhere in a file name (`w01.oracleGeneral.sample10.zst`).
    var nameWords: [String] {
        switch self {
        case .oracleGeneral: ["oraclegeneral"]
        case .mooncake, .csv, .ids, .sessions, .bailian: []
        }
    }

    /// Binary records rather than lines of text.
    public var isBinary: Bool {
        switch self {
        case .oracleGeneral: true
        case .mooncake, .csv, .ids, .sessions, .bailian: false
        }
    }

    /// How many first bytes inference looks at.
    static let sniffBytes = 4096

    /// Infers the format of an opened input from its name and its first decompressed bytes,
    /// which it only peeks at (the reader then gets them):
    ///
    /// 1. the file name's extension, after any `.gz`/`.zst`/`.zstd` (`.jsonl`/`.json` mooncake,
    ///    `.csv` csv, `.txt`/`.ids` ids, `.bin` or a name containing `oracleGeneral`
    ///    oracle-general), unless the first bytes plainly say another text format (a JSON
    ///    object, or a CSV header naming `sequence_id`);
    /// 2. else the first bytes (after a UTF-8 BOM and blank space): `{` mooncake, a first line
    ///    with a comma csv, digits ids.
    ///
    /// Binary bytes (control characters other than tab, CR, LF, FF) are an error
    /// (`not a trace: starts with bytes 1f 8b 08 00 ...`) unless the name says oracle-general.
    public static func infer(_ input: ByteStream) throws -> TraceFormat {
        let head = try input.peek(sniffBytes)
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let named = fromName(input.name)
        if head.isEmpty {
            throw InputError(file: input.name, "empty input: cannot infer its format (pass --format)")
        }
        if bytes.contains(where: isBinaryByte) {
            if let named, named.isBinary { return named }
            var message = "not a trace: starts with bytes \(ByteStream.hexPrefix(head))"
            if !(head.starts(with: [0x1F, 0x8B]) || head.starts(with: [0x28, 0xB5, 0x2F, 0xFD])) {
                message += " (binary data; for libCacheSim's oracleGeneral records pass --format oracle-general)"
            }
            throw InputError(file: input.name, message)
        }
        let text = bytes.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0x0C }
        let sniffed = sniff(text)
        if let named {
            if let sniffed, sniffed.decisive, sniffed.format != named { return sniffed.format }
            return named
        }
        if let sniffed { return sniffed.format }
        if text.isEmpty {
            if head.count < sniffBytes {
                throw InputError(file: input.name, "has only blank lines: cannot infer its format (pass --format)")
            }
            throw InputError(file: input.name, "its first \(ByteStream.byteText(sniffBytes)) are blank: cannot infer its format (pass --format)")
        }
        throw InputError(file: input.name, "cannot infer the trace format from its name or first bytes (pass --format \(allCases.map(\.rawValue).joined(separator: "|")))")
    }

    /// Infers the format of the file at `path` ("-" = standard input, then consumed: use
    /// `infer(_:)` on the stream that is read afterwards).
    public static func infer(path: String) throws -> TraceFormat {
        try infer(ByteStream.open(path))
    }

    /// The format a file name gives, if any.
    public static func fromName(_ name: String) -> TraceFormat? {
        var lower = name.lowercased()
        for suffix in [".gz", ".zst", ".zstd"] where lower.hasSuffix(suffix) {
            lower.removeLast(suffix.count)
            break
        }
        if let f = allCases.first(where: { $0.nameSuffixes.contains(where: lower.hasSuffix) }) { return f }
        return allCases.first { $0.nameWords.contains(where: lower.contains) }
    }

    /// A control byte that text traces never hold.
    private static func isBinaryByte(_ b: UInt8) -> Bool {
        (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C) || b == 0x7F
    }

    /// The format that text starting with `text` (blank space skipped) looks like; `decisive`
    /// when no other format could start so (it then overrides the file name).
    static func sniff(_ text: ArraySlice<UInt8>) -> (format: TraceFormat, decisive: Bool)? {
        guard let first = text.first else { return nil }
        if first == UInt8(ascii: "{") {
            // Sessions and Bailian records are JSON objects too: told apart by their keys.
            let decided: TraceFormat = text.withContiguousStorageIfAvailable { buffer in
                if SessionsReader.looksLikeSessions(buffer) { return TraceFormat.sessions }
                let line = UnsafeBufferPointer(rebasing: buffer[..<(buffer.firstIndex(of: 0x0A) ?? buffer.endIndex)])
                return BailianReader.looksLikeBailian(line) ? .bailian : .mooncake
            } ?? .mooncake
            return (decided, true)
        }
        let line = text.prefix { $0 != 0x0A }
        if line.contains(UInt8(ascii: ",")) {
            let header = String(decoding: line, as: UTF8.self).lowercased()
            return (.csv, header.contains("sequence_id"))
        }
        if line.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") || $0 == 0x0D || $0 == 0x20 || $0 == 0x09 }) {
            return (.ids, false)
        }
        return nil
    }
}
