import KVCacheCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams a file in large chunks with POSIX `read`, so memory stays bounded by the chunk, not
/// the file. `forEachLine` hands out each line (without its `\n` or `\r\n`) as a borrowed byte
/// buffer with its 1-based line number: no allocation per line.
public struct FileChunks {
    public let path: String
    public let chunkSize: Int

    public init(path: String, chunkSize: Int = 8 << 20) {
        self.path = path
        self.chunkSize = chunkSize
    }

    /// The file's size in bytes (0 when it cannot be read; reading then reports the error).
    public var fileSize: Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// Opens the file or throws an `InputError` naming it.
    private func openFile() throws -> Int32 {
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            throw InputError(file: path, String(cString: strerror(errno)))
        }
        return fd
    }

    /// Calls `body` with successive chunks of raw bytes (for fixed-size binary records, each
    /// chunk's length is a multiple of `recordSize`, except possibly the last).
    public func forEachChunk(recordSize: Int = 1, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let fd = try openFile()
        defer { close(fd) }
        let size = max(recordSize, chunkSize / recordSize * recordSize)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        var filled = 0
        while true {
            let n = read(fd, buffer.baseAddress! + filled, size - filled)
            if n < 0 { throw InputError(file: path, String(cString: strerror(errno))) }
            filled += n
            if n == 0 || filled == size {
                if filled > 0 { try body(UnsafeRawBufferPointer(rebasing: buffer[0 ..< filled])) }
                if n == 0 { return }
                filled = 0
            }
        }
    }

    /// Calls `body(line, lineNumber)` for every line of the file, in order.
    public func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        let fd = try openFile()
        defer { close(fd) }
        var capacity = chunkSize
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var kept = 0          // bytes of an unfinished line carried over from the last read
        var lineNumber = 0
        while true {
            if kept == capacity {  // one line longer than the buffer: grow it
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                bigger.update(from: buffer, count: kept)
                buffer.deallocate()
                buffer = bigger
                capacity *= 2
            }
            let n = read(fd, buffer + kept, capacity - kept)
            if n < 0 { throw InputError(file: path, String(cString: strerror(errno))) }
            let end = kept + n
            if n == 0 {
                if end > 0 {
                    lineNumber += 1
                    try body(Self.trimCR(UnsafeBufferPointer(start: buffer, count: end)), lineNumber)
                }
                return
            }
            var start = 0
            var scan = kept
            while scan < end {
                guard let hit = memchr(buffer + scan, 0x0A, end - scan) else { break }
                let nl = buffer.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                lineNumber += 1
                try body(Self.trimCR(UnsafeBufferPointer(start: buffer + start, count: nl - start)), lineNumber)
                start = nl + 1
                scan = start
            }
            kept = end - start
            if kept > 0, start > 0 { memmove(buffer, buffer + start, kept) }
        }
    }

    @inline(__always)
    private static func trimCR(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        if let last = line.last, last == 0x0D { return UnsafeBufferPointer(rebasing: line.dropLast()) }
        return line
    }
}
