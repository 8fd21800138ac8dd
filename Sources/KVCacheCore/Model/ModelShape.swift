/// A transformer's shape, enough for the KV size of a token (MODEL 1.2) and, with its
/// parameter count, for a FLOP-based prefill time (MODEL 6.1).
public struct ModelShape: Sendable, Equatable {
    public var name: String
    public var layers: Int
    public var kvHeads: Int
    public var headDim: Int
    public var dtypeBytes: Int
    /// Query heads x head dim (the attention width), for the attention FLOPs.
    public var hiddenSize: Int
    /// Parameters, for the dense FLOPs (2 x params per token).
    public var parameters: Double

    public init(name: String, layers: Int, kvHeads: Int, headDim: Int, dtypeBytes: Int, hiddenSize: Int, parameters: Double) {
        self.name = name
        self.layers = layers
        self.kvHeads = kvHeads
        self.headDim = headDim
        self.dtypeBytes = dtypeBytes
        self.hiddenSize = hiddenSize
        self.parameters = parameters
    }

    /// MODEL 1.2: `2 x layers x kv_heads x head_dim x dtype_bytes` (K and V).
    public var kvBytesPerToken: Int { 2 * layers * kvHeads * headDim * dtypeBytes }

    /// Prefill FLOPs for `uncached` new tokens after `cached` tokens already in the KV cache:
    /// `2 x params x uncached` for the dense layers plus `4 x layers x hidden x uncached x
    /// (cached + (uncached + 1) / 2)` for attention scores and values over the causal context
    /// (Kaplan et al. 2020, "Scaling laws", table 1; the usual causal-prefill estimate).
    public func prefillFLOPs(uncached: Int, cached: Int) -> Double {
        let u = Double(uncached), c = Double(cached)
        return 2 * parameters * u + 4 * Double(layers) * Double(hiddenSize) * u * (c + (u + 1) / 2)
    }

    /// Named presets. Sources: the models' published `config.json` files on their model cards
    /// (num_hidden_layers, num_key_value_heads, hidden_size / num_attention_heads), bf16 weights.
    public static let presets: [String: ModelShape] = [
        "llama-3-8b": llama3_8b,
        // meta-llama/Meta-Llama-3-70B: 80 layers, 64 heads, 8 KV heads, hidden 8192, 70.6e9 params.
        "llama-3-70b": ModelShape(name: "llama-3-70b", layers: 80, kvHeads: 8, headDim: 128, dtypeBytes: 2,
                                  hiddenSize: 8192, parameters: 70.6e9),
        // Qwen/Qwen2.5-7B: 28 layers, 28 heads, 4 KV heads, hidden 3584, 7.62e9 params.
        "qwen2.5-7b": ModelShape(name: "qwen2.5-7b", layers: 28, kvHeads: 4, headDim: 128, dtypeBytes: 2,
                                 hiddenSize: 3584, parameters: 7.62e9),
        // mistralai/Mistral-7B-v0.1: 32 layers, 32 heads, 8 KV heads, hidden 4096, 7.24e9 params.
        "mistral-7b": ModelShape(name: "mistral-7b", layers: 32, kvHeads: 8, headDim: 128, dtypeBytes: 2,
                                 hiddenSize: 4096, parameters: 7.24e9),
    ]

    /// meta-llama/Meta-Llama-3-8B: 32 layers, 32 heads, 8 KV heads, hidden 4096, 8.03e9 params.
    /// The default model: 128 KiB of KV per token.
    public static let llama3_8b = ModelShape(name: "llama-3-8b", layers: 32, kvHeads: 8, headDim: 128, dtypeBytes: 2,
                                             hiddenSize: 4096, parameters: 8.03e9)
}
