/// The leaves of a radix cache that may be evicted, kept in the order of their keys
/// (`RadixCache`, MODEL 4.14). The engine says when a node becomes a leaf, gets a new key or
/// stops being a leaf; the set hands out the best unprotected leaf.
public protocol RadixLeafSet: ~Copyable {
    /// The leaf `node` was touched or inserted and now has `key`; `old` is its key before, when it
    /// was already a leaf.
    mutating func touched(_ node: Int32, key: Int64, old: Int64?)
    /// `node` became a leaf (its last cached child was evicted); it keeps its `key`.
    mutating func exposed(_ node: Int32, key: Int64)
    /// The leaf `node`, of `key`, gained a cached child and is a leaf no more.
    mutating func covered(_ node: Int32, key: Int64)
    /// Takes out the best leaf for which `isProtected` is false; nil when there is none.
    /// `isCurrent(node, key)` tells whether an entry still describes a leaf with that key.
    mutating func takeVictim(isCurrent: (Int32, Int64) -> Bool, isProtected: (Int32) -> Bool) -> (node: Int32, key: Int64)?
    /// Puts back a victim that was not evicted (the order declined the incoming block).
    mutating func putBack(_ node: Int32, key: Int64)
    /// Housekeeping between requests, with `leafCount` an upper bound on the live leaves.
    mutating func compact(isCurrent: (Int32, Int64) -> Bool, leafCount: Int)
}
