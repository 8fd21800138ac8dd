#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The buffer of a `LineBlock`: raw bytes of a fixed capacity, reused from block to block
/// through a `LineBytesPool` (a fresh multi-megabyte buffer per block costs more in page faults
/// than the read filling it), or a view into a mapped file (`MappedBytes`, kept alive by it;
/// never written, never pooled).
final class LineBytes: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    /// Bytes it can hold (0 for a view into a mapped file).
    let capacity: Int
    private let mapped: MappedBytes?

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
        mapped = nil
    }

    /// The bytes of `mapped` from `offset` on.
    init(mapped: MappedBytes, offset: Int) {
        self.mapped = mapped
        base = UnsafeMutablePointer(mutating: mapped.base + offset)
        capacity = 0
    }

    /// Lets the process's mapping of the first `count` bytes of a view go (`MADV_DONTNEED` on
    /// the whole pages inside them; the file's pages stay in the page cache, and a page shared
    /// with a neighbouring block is faulted in again if read), so that memory follows the blocks
    /// in flight, not the file's size (MODEL 2.9). Nothing for a buffer of its own.
    func dropMapping(count: Int) {
        guard let mapped else { return }
        mapped.dropPages(from: mapped.base.distance(to: UnsafePointer(base)), count: count)
    }

    /// Whether it is a buffer of its own (not a view into a mapped file), which a pool may reuse.
    var isOwned: Bool { mapped == nil }

    deinit { if mapped == nil { base.deallocate() } }
}
