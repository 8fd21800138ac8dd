/// The eviction order of a radix cache: which leaf goes first, and whether an incoming block
/// may be declined.
public protocol RadixOrder {
    /// The key a node gets when request `r`'s access `i` touches it (a hit or an insertion).
    mutating func key(access i: Int, request r: Int) -> Int64
    /// Victims are the leaves with the smallest key (`false`) or the largest (`true`).
    var evictsLargest: Bool { get }
    /// Whether the block of access `i` is declined, the best victim having key `victimKey`.
    func declines(access i: Int, victimKey: Int64) -> Bool
}
