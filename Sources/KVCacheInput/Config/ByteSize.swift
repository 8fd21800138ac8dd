import KVCacheCore
import Foundation

/// Parses and prints sizes in bytes with decimal (kB, MB, GB, TB) and binary (KiB, MiB, GiB,
/// TiB) units.
public enum ByteSize {
    public static func parse(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
        let units: [(String, Double)] = [
            ("kib", 1024), ("mib", 1_048_576), ("gib", 1_073_741_824), ("tib", 1_099_511_627_776),
            ("kb", 1e3), ("mb", 1e6), ("gb", 1e9), ("tb", 1e12), ("b", 1),
        ]
        let lower = t.lowercased()
        for (suffix, factor) in units where lower.hasSuffix(suffix) {
            let number = lower.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            guard let v = Double(number), v.isFinite, v * factor < 9.0e18 else { return nil }
            return Int((v * factor).rounded(.down))
        }
        guard let v = Double(lower), v.isFinite, v == v.rounded(), abs(v) < 9.0e18 else { return nil }
        return Int(v)
    }
}
