import KVCacheCore
/// How one cache's size is given (MODEL 1.3): whole blocks, bytes, or a fraction of the
/// trace's unique blocks. Resolved to blocks once the trace is known.
public enum CapacitySpec: Sendable, Equatable, CustomStringConvertible {
    case blocks(Int)
    case bytes(Int)
    case fraction(Double)

    /// MODEL 1.3: blocks as is; bytes `floor(bytes / block_bytes)`; fraction
    /// `floor(fraction x unique_blocks)`. Nil when the result is below 1 block.
    public func blocks(blockBytes: Int, uniqueBlocks: Int) -> Int? {
        let n: Int
        switch self {
        case .blocks(let b): n = b
        case .bytes(let b): n = b / max(1, blockBytes)
        case .fraction(let f): n = Int((f * Double(uniqueBlocks)).rounded(.down))
        }
        return n >= 1 ? n : nil
    }

    /// The config key that gives a cache's size this way (`prefix` is "", "l1_" or "l2_").
    public func key(prefix: String = "") -> String {
        switch self {
        case .blocks: prefix + "cache_capacity_blocks"
        case .bytes: prefix + "cache_capacity_bytes"
        case .fraction: prefix + "cache_capacity_fraction"
        }
    }

    public var description: String {
        switch self {
        case .blocks(let b): "\(b) blocks"
        case .bytes(let b): "\(b) bytes"
        case .fraction(let f): "\(f) of the unique blocks"
        }
    }
}
