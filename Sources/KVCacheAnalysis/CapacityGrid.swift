import Foundation
import KVCacheCore
import KVCacheInput

/// The capacities a curve is reported at. Spec forms (`mrc --capacities`, `analysis.capacities`):
/// a comma list of block counts (`500,1000`) or of fractions of the unique blocks (`0.05,0.1`;
/// a number with a decimal point in (0, 1]); a range `A:B:logN` (N log-spaced sizes from A to B)
/// or `A:B:linN`. Sizes in bytes (`80GiB,160GiB`, `1GiB:1TiB:log20`) are accepted anywhere a
/// block count is, once `inBlocks(_:blockBytes:)` has turned them into blocks. The default grid
/// covers 1 block to the unique-block count on a log scale.
public enum CapacityGrid {
    /// `spec` with every size in bytes (a number with a unit: `80GiB`, `500MB`) replaced by
    /// whole blocks of `blockBytes` (rounded down; below one block is an error). Block counts,
    /// fractions and range steps are kept as written, so sizes can be mixed: `500,80GiB`.
    public static func inBlocks(_ spec: String, blockBytes: Int) throws -> String {
        func convert(_ token: Substring) throws -> String {
            let s = token.trimmingCharacters(in: .whitespaces)
            guard s.contains(where: \.isLetter), Double(s) == nil, !s.hasPrefix("log"), !s.hasPrefix("lin") else { return s }
            guard let bytes = ByteSize.parse(s) else {
                throw InputError(field: "capacities", "'\(s)' is not a size (blocks, a fraction, or bytes with a unit such as 80GiB)")
            }
            let blocks = bytes / max(1, blockBytes)
            guard blocks >= 1 else {
                throw InputError(field: "capacities", "'\(s)' is below one block (\(blockBytes) bytes)")
            }
            return String(blocks)
        }
        if spec.contains(":") {
            return try spec.split(separator: ":", omittingEmptySubsequences: false).map(convert).joined(separator: ":")
        }
        return try spec.split(separator: ",").map(convert).joined(separator: ",")
    }

    public static func parse(_ spec: String, uniqueBlocks: Int) throws -> [Int] {
        let text = spec.trimmingCharacters(in: .whitespaces)
        func bad(_ why: String) -> InputError {
            InputError(field: "capacities", "'\(spec)': \(why) (forms: 500,1000 | 0.05,0.1 | 1000:100000:log20 | 100:1000:lin10)")
        }
        if text.contains(":") {
            let parts = text.split(separator: ":").map(String.init)
            guard parts.count == 3, let a = Int(parts[0]), let b = Int(parts[1]), a >= 1, b >= a else {
                throw bad("a range is A:B:logN or A:B:linN with 1 <= A <= B")
            }
            let kind = parts[2].prefix(3)
            guard let n = Int(parts[2].dropFirst(3)), n >= 1, n <= 100_000, kind == "log" || kind == "lin" else {
                throw bad("the step is logN or linN with N in 1...100000")
            }
            return kind == "log" ? logSpaced(from: a, to: b, count: n) : linSpaced(from: a, to: b, count: n)
        }
        var out: [Int] = []
        for item in text.split(separator: ",") {
            let s = item.trimmingCharacters(in: .whitespaces)
            if s.contains(".") || s.contains("e") {
                guard let f = Double(s), f > 0, f <= 1 else { throw bad("a fraction must be in (0, 1]") }
                let c = Int((f * Double(uniqueBlocks)).rounded(.down))
                guard c >= 1 else { throw bad("fraction \(s) of \(uniqueBlocks) unique blocks is below 1 block") }
                out.append(c)
            } else {
                guard let c = Int(s), c >= 1 else { throw bad("a capacity must be a whole number of blocks >= 1") }
                out.append(c)
            }
        }
        guard !out.isEmpty else { throw bad("empty") }
        return Array(Set(out)).sorted()
    }

    /// About `count` sizes from `a` to `b` inclusive, evenly spaced in log scale, deduplicated.
    public static func logSpaced(from a: Int, to b: Int, count: Int) -> [Int] {
        if count <= 1 || a == b { return Array(Set([a, b])).sorted() }
        let la = log(Double(a)), lb = log(Double(b))
        let values = (0 ..< count).map { i in Int((exp(la + (lb - la) * Double(i) / Double(count - 1))).rounded()) }
        return Array(Set(values + [a, b])).sorted()
    }

    public static func linSpaced(from a: Int, to b: Int, count: Int) -> [Int] {
        if count <= 1 || a == b { return Array(Set([a, b])).sorted() }
        let values = (0 ..< count).map { i in a + Int((Double(b - a) * Double(i) / Double(count - 1)).rounded()) }
        return Array(Set(values)).sorted()
    }

    /// 1 ... unique blocks, `points` log-spaced sizes, plus any `extra` sizes (the configured one).
    public static func defaultGrid(uniqueBlocks: Int, points: Int = 40, extra: [Int] = []) -> [Int] {
        Array(Set(logSpaced(from: 1, to: max(1, uniqueBlocks), count: points) + extra.filter { $0 >= 1 })).sorted()
    }
}
