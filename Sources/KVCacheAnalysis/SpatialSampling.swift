import KVCacheCore

/// How a curve is sampled (MODEL 5.11): a fixed rate, or a fixed number of prefix trees.
public enum SpatialSampling: Sendable, Equatable, CustomStringConvertible {
    /// Keep the blocks whose hash is below `rate x 2^64`.
    case rate(Double)
    /// Keep the `size` blocks with the smallest hashes (SHARDS's fixed-size form, with the
    /// threshold chosen in a first pass rather than lowered on the way).
    case size(Int)

    public var description: String {
        switch self {
        case .rate(let r): "rate \(r)"
        case .size(let s): "size \(s)"
        }
    }
}

