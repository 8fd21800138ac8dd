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

    /// Lets the process's mapping of the whole pages inside `count` bytes from `offset` go
    /// (`MADV_DONTNEED`: the file's pages stay in the page cache, and a page is faulted in again
    /// if read), so that a reader's memory follows where it reads, not the file's size (MODEL 2.9).
    func dropPages(from offset: Int, count: Int) {
        guard count > 0 else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = Int(bitPattern: base) + offset, end = start + count
        let first = (start + page - 1) / page * page, last = end / page * page
        if last > first, let p = UnsafeMutableRawPointer(bitPattern: first) {
            _ = madvise(p, last - first, MADV_DONTNEED)
        }
    }

    deinit { munmap(map, length) }
}
