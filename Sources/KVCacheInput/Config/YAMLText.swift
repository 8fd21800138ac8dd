import KVCacheCore
/// Deterministic text for numbers in emitted YAML.
enum YAMLText {
    static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        return "\(v)"
    }
}
