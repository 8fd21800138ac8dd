/// The buffer of a `LineBlock`: raw bytes of a fixed capacity, reused from block to block
/// through a `LineBytes.Pool` (a fresh multi-megabyte buffer per block costs more in page faults
/// than the read filling it).
final class LineBytes: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }
}
