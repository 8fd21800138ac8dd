import KVCacheCore

/// `--model NAME|shape` (MODEL 1.2): a preset name (`llama-3-8b`, `deepseek-v3`, ...) or a
/// shape written as `key=value` pairs, `layers=32,kv_heads=8,head_dim=128` (keys as in a
/// config's `model:` map, MLA as `layers=61,kv_lora_rank=512,qk_rope_head_dim=64`).
public enum ModelSpec {
    public static func parse(_ text: String) throws -> ModelShape {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains("=") else {
            guard let preset = ModelShape.presets[trimmed] else {
                throw InputError(field: "model", Suggestion.notOneOf(trimmed, ModelShape.presets.keys.sorted(), what: "model preset")
                    + " (or a shape: layers=32,kv_heads=8,head_dim=128)")
            }
            return preset
        }
        var values: [String: Double] = [:]
        var name = "custom"
        for pair in trimmed.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw InputError(field: "model", "'\(pair)': a shape is key=value pairs, e.g. layers=32,kv_heads=8,head_dim=128")
            }
            guard ModelShape.shapeKeys.contains(parts[0]) else {
                throw InputError(field: "model", Suggestion.notOneOf(parts[0], ModelShape.shapeKeys, what: "model key"))
            }
            if parts[0] == "name" { name = parts[1]; continue }
            guard let v = Double(parts[1]) else { throw InputError(field: "model.\(parts[0])", "'\(parts[1])' is not a number") }
            values[parts[0]] = v
        }
        switch ModelShape.shape(name: name, values: values) {
        case .success(let shape): return shape
        case .failure(let e): throw InputError(field: "model.\(e.key)", e.message)
        }
    }
}
