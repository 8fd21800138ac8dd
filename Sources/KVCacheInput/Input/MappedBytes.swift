#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes of a file mapped read-only into memory (`ByteStream.mapRemaining`), unmapped when the
/// last holder lets go: blocks of lines point into it instead of holding a copy.
final class MappedBytes: @unchecked Sendable {
    private let map: UnsafeMutableRawPointer
    private let length: Int
    /// The first byte (the map starts at a page boundary, the bytes may not).
    let base: UnsafePointer<UInt8>
    let count: Int

    init(map: UnsafeMutableRawPointer, length: Int, skip: Int) {
        self.map = map
        self.length = length
        base = UnsafePointer(map.assumingMemoryBound(to: UInt8.self)) + skip
        count = length - skip
    }

    deinit { munmap(map, length) }
}
