/// A policy whose per-block state can grow to more ids between accesses: what a streaming run
/// needs (MODEL 3.7), since a stream's distinct blocks are only known as they arrive. Every
/// online policy of the library is one; the offline ones (`belady`, `belady_bypass`, the radix
/// policies, which need the whole trace) are not.
public protocol GrowablePolicy: EvictionPolicy, ~Copyable {
    /// Makes room for ids `0 ..< universe` (at least the current universe); new ids are absent
    /// and unordered. O(universe): one reallocation per array, called rarely (the streaming
    /// simulator at least doubles the universe each time).
    mutating func grow(universe: Int)
}
