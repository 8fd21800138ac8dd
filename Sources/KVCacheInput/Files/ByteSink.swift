import Foundation
import KVCacheCore

/// A buffered writer of bytes to a file descriptor: standard output for streams (`generate
/// --stream`), or the temporary file of `AtomicFile.stream`. Bytes go out in 1 MiB writes, so
/// that a producer's memory stays bounded whatever it writes. A failed write (a closed pipe, a
/// full disk) throws an InputError naming `name`.
public final class ByteSink {
    public let name: String
    private let fd: Int32
    private let buffer: UnsafeMutablePointer<UInt8>
    private var used = 0
    private let capacity: Int
    /// Bytes written out so far (not counting those still buffered).
    public private(set) var flushed = 0

    public init(fd: Int32, name: String, capacity: Int = 1 << 20) {
        self.fd = fd
        self.name = name
        self.capacity = max(64, capacity)
        buffer = .allocate(capacity: self.capacity)
    }

    deinit { buffer.deallocate() }

    /// Standard output.
    public static func standardOutput() -> ByteSink { ByteSink(fd: 1, name: "<stdout>") }

    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard let base = bytes.baseAddress else { return }
        if used + bytes.count > capacity { try flush() }
        if bytes.count >= capacity {
            try writeAll(UnsafeRawBufferPointer(bytes))
        } else {
            (buffer + used).update(from: base, count: bytes.count)
            used += bytes.count
        }
    }

    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write($0) }
    }

    /// Appends the decimal digits of `value` and a newline (no allocation).
    @inline(__always)
    public func writeLine(_ value: UInt64) throws {
        if used + 21 > capacity { try flush() }
        var n = 1, t = value
        while t >= 10 {
            t /= 10
            n &+= 1
        }
        var v = value, j = used &+ n
        buffer[j] = 10  // "\n"
        repeat {
            j &-= 1
            let q = v / 10
            buffer[j] = UInt8(truncatingIfNeeded: 48 &+ (v &- q &* 10))
            v = q
        } while v != 0
        used &+= n &+ 1
    }

    /// Writes out what is buffered.
    public func flush() throws {
        guard used > 0 else { return }
        try writeAll(UnsafeRawBufferPointer(start: buffer, count: used))
        used = 0
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        guard var p = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = Foundation.write(fd, p, left)
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError(file: name, "cannot write: \(String(cString: strerror(errno)))")
            }
            p += n
            left -= n
            flushed += n
        }
    }
}
