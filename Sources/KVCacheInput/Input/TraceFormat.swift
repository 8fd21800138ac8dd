import KVCacheCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The trace formats kvcache-sim reads (MODEL 9.1).
public enum TraceFormat: String, CaseIterable, Sendable, Codable {
    case mooncake
    case csv
    case ids
    case oracleGeneral = "oracle-general"

    /// The reader for a file of this format.
    public func reader(path: String) -> any TraceReader {
        switch self {
        case .mooncake: MooncakeReader(path: path)
        case .csv: CSVTraceReader(path: path)
        case .ids: IdsReader(path: path)
        case .oracleGeneral: OracleGeneralReader(path: path)
        }
    }

    /// Infers the format from the file name's extension, else from its first bytes:
    /// `.jsonl`/`.json` mooncake, `.csv` csv, `.bin`/`oracleGeneral` oracle-general,
    /// `.txt`/`.ids` ids; a first byte `{` mooncake, a header with a comma csv, digits ids.
    public static func infer(path: String) throws -> TraceFormat {
        let lower = path.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".json") { return .mooncake }
        if lower.hasSuffix(".csv") { return .csv }
        if lower.contains("oraclegeneral") || lower.hasSuffix(".bin") { return .oracleGeneral }
        if lower.hasSuffix(".txt") || lower.hasSuffix(".ids") { return .ids }
        var head = [UInt8](repeating: 0, count: 256)
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError(file: path, String(cString: strerror(errno))) }
        let n = read(fd, &head, head.count)
        close(fd)
        let bytes = head.prefix(max(0, n)).drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard let first = bytes.first else {
            throw InputError(file: path, "empty file: cannot infer its format (pass --format)")
        }
        if first == UInt8(ascii: "{") { return .mooncake }
        let line = bytes.prefix { $0 != 0x0A }
        if line.contains(UInt8(ascii: ",")) { return .csv }
        if line.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") || $0 == 0x0D }) { return .ids }
        throw InputError(file: path, "cannot infer the trace format from its name or first bytes (pass --format mooncake|csv|ids|oracle-general)")
    }
}
