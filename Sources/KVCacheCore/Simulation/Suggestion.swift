/// "Did you mean ...?" for names a user typed: config keys, choices, policies, fields.
public enum Suggestion {
    /// "'x' is not one of a, b, c; did you mean 'b'?" (`what` names the kind, e.g. "model preset").
    public static func notOneOf(_ value: String, _ known: [String], what: String? = nil) -> String {
        var message = what.map { "unknown \($0) '\(value)'; known: \(known.joined(separator: ", "))" }
            ?? "'\(value)' is not one of \(known.joined(separator: ", "))"
        if let guess = nearest(value, in: known) { message += "; did you mean '\(guess)'?" }
        return message
    }

    /// The known key closest to `name` by edit distance, if it is close enough to be a typo.
    public static func nearest(_ name: String, in known: [String]) -> String? {
        let scored = known.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
        if best.1 <= max(2, best.0.count / 3) { return best.0 }
        if known.contains(where: { $0.contains(name) || name.contains($0) }) {
            return known.first { $0.contains(name) || name.contains($0) }
        }
        return nil
    }

    /// Optimal-string-alignment (restricted Damerau-Levenshtein) distance: insertions,
    /// deletions, substitutions and transpositions of two adjacent characters each cost 1, so
    /// the typo `lur` is 1 from `lru` (and 2 from `lfu`).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0 ... b.count)
        var current = previous
        for i in 1 ... a.count {
            current[0] = i
            for j in 1 ... b.count {
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d = min(d, beforePrevious[j - 2] + 1)
                }
                current[j] = d
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
