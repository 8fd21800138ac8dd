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
    /// Parameters, for the dense FLOPs (2 x params per token); for a mixture of experts, the
    /// parameters active per token.
    public var parameters: Double
    /// Multi-head latent attention (DeepSeek-V2/V3): the cache holds one compressed latent and
    /// one shared rope key per token and layer, not K and V per head. nil: ordinary attention.
    public var mla: LatentAttention?

    /// MLA's cached widths per token and layer (MODEL 1.2).
    public struct LatentAttention: Sendable, Equatable {
        /// `kv_lora_rank`: the compressed KV latent.
        public var kvLoraRank: Int
        /// `qk_rope_head_dim`: the decoupled rope key, shared by the heads.
        public var qkRopeHeadDim: Int

        public init(kvLoraRank: Int, qkRopeHeadDim: Int) {
            self.kvLoraRank = kvLoraRank
            self.qkRopeHeadDim = qkRopeHeadDim
        }
    }

    public init(name: String, layers: Int, kvHeads: Int, headDim: Int, dtypeBytes: Int, hiddenSize: Int, parameters: Double,
                mla: LatentAttention? = nil) {
        self.mla = mla
        self.name = name
        self.layers = layers
        self.kvHeads = kvHeads
        self.headDim = headDim
        self.dtypeBytes = dtypeBytes
        self.hiddenSize = hiddenSize
        self.parameters = parameters
    }

    /// MODEL 1.2: `2 x layers x kv_heads x head_dim x dtype_bytes` (K and V); with MLA,
    /// `(kv_lora_rank + qk_rope_head_dim) x layers x dtype_bytes` (the latent and the rope key).
    public var kvBytesPerToken: Int {
        if let mla { return (mla.kvLoraRank + mla.qkRopeHeadDim) * layers * dtypeBytes }
        return 2 * layers * kvHeads * headDim * dtypeBytes
    }

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
        // meta-llama/Llama-3.1-405B: 126 layers, 128 heads, 8 KV heads, hidden 16384, 405.9e9 params.
        "llama-3.1-405b": ModelShape(name: "llama-3.1-405b", layers: 126, kvHeads: 8, headDim: 128, dtypeBytes: 2,
                                     hiddenSize: 16384, parameters: 405.9e9),
        // Qwen/Qwen2.5-72B: 80 layers, 64 heads, 8 KV heads, hidden 8192, 72.7e9 params.
        "qwen2.5-72b": ModelShape(name: "qwen2.5-72b", layers: 80, kvHeads: 8, headDim: 128, dtypeBytes: 2,
                                  hiddenSize: 8192, parameters: 72.7e9),
        // deepseek-ai/DeepSeek-V3: 61 layers, MLA with kv_lora_rank 512 and qk_rope_head_dim 64
        // (576 values per token and layer: 70,272 bytes per token in bf16), hidden 7168, 37e9
        // of its 671e9 parameters active per token. kv_heads x head_dim is shown as 1 x 576.
        "deepseek-v3": ModelShape(name: "deepseek-v3", layers: 61, kvHeads: 1, headDim: 576, dtypeBytes: 2,
                                  hiddenSize: 7168, parameters: 37e9,
                                  mla: LatentAttention(kvLoraRank: 512, qkRopeHeadDim: 64)),
    ]

    /// The keys of a written-out shape (config `model:` map, `--model k=v,...`).
    public static let shapeKeys = ["name", "layers", "kv_heads", "head_dim", "dtype_bytes", "hidden_size", "parameters",
                                   "kv_lora_rank", "qk_rope_head_dim"]

    /// A shape from its written-out values (`shapeKeys`, numbers): `layers` and either
    /// `kv_heads` and `head_dim` or (MLA) `kv_lora_rank` and `qk_rope_head_dim`; `dtype_bytes`
    /// defaults to 2, `hidden_size` to kv_heads x head_dim, `parameters` to 0. The error
    /// names the key.
    public static func shape(name: String, values: [String: Double]) -> Result<ModelShape, ShapeError> {
        func whole(_ key: String) -> Result<Int?, ShapeError> {
            guard let v = values[key] else { return .success(nil) }
            guard v == v.rounded(), v >= 1, v < 1e12 else { return .failure(ShapeError(key: key, message: "must be a whole number of at least 1")) }
            return .success(Int(v))
        }
        do {
            guard let layers = try whole("layers").get() else { throw ShapeError(key: "layers", message: "required for a model shape") }
            let rank = try whole("kv_lora_rank").get(), rope = try whole("qk_rope_head_dim").get()
            let dtype = try whole("dtype_bytes").get() ?? 2
            var mla: LatentAttention?
            var kvHeads: Int, headDim: Int
            if rank != nil || rope != nil {
                guard let rank else { throw ShapeError(key: "kv_lora_rank", message: "required with qk_rope_head_dim (MLA)") }
                guard let rope else { throw ShapeError(key: "qk_rope_head_dim", message: "required with kv_lora_rank (MLA)") }
                mla = LatentAttention(kvLoraRank: rank, qkRopeHeadDim: rope)
                kvHeads = try whole("kv_heads").get() ?? 1
                headDim = try whole("head_dim").get() ?? rank + rope
            } else {
                guard let h = try whole("kv_heads").get() else { throw ShapeError(key: "kv_heads", message: "required for a model shape") }
                guard let d = try whole("head_dim").get() else { throw ShapeError(key: "head_dim", message: "required for a model shape") }
                (kvHeads, headDim) = (h, d)
            }
            let hidden = try whole("hidden_size").get() ?? kvHeads * headDim
            let params = values["parameters"] ?? 0
            guard params >= 0, params.isFinite else { throw ShapeError(key: "parameters", message: "must be a number >= 0") }
            return .success(ModelShape(name: name, layers: layers, kvHeads: kvHeads, headDim: headDim, dtypeBytes: dtype,
                                       hiddenSize: hidden, parameters: params, mla: mla))
        } catch let e as ShapeError {
            return .failure(e)
        } catch {
            preconditionFailure("only ShapeError is thrown here")
        }
    }

    /// A written-out shape's mistake, naming its key.
    public struct ShapeError: Error, Sendable, Equatable {
        public var key: String
        public var message: String
    }

    /// meta-llama/Meta-Llama-3-8B: 32 layers, 32 heads, 8 KV heads, hidden 4096, 8.03e9 params.
    /// The default model: 128 KiB of KV per token.
    public static let llama3_8b = ModelShape(name: "llama-3-8b", layers: 32, kvHeads: 8, headDim: 128, dtypeBytes: 2,
                                             hiddenSize: 4096, parameters: 8.03e9)
}
