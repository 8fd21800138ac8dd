import Foundation
import KVCacheCore

/// A buffered writer of bytes to a file descriptor: standard output for streams (`generate
/// --stream`), or the temporary file of `AtomicFile.stream`. Bytes go out in 1 MiB writes, so
/// that a producer's memory stays bounded whatever it writes. A failed write (a closed pipe, a
/// full disk) throws an InputError naming `name`.
public final class ByteSink {
    public let name: String
    private let fd: Int32
    private var buffer: [UInt8]
    private let capacity: Int
    /// Bytes written so far (buffered ones included).
    public private(set) var count = 0

    public init(fd: Int32, name: String, capacity: Int = 1 << 20) {
        self.fd = fd
        self.name = name
        self.capacity = max(64, capacity)
        buffer = []
        buffer.reserveCapacity(self.capacity)
    }

    /// Standard output.
    public static func standardOutput() -> ByteSink { ByteSink(fd: 1, name: "<stdout>") }

    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        if buffer.count + bytes.count > capacity { try flush() }
        if bytes.count >= capacity {
            try writeAll(UnsafeRawBufferPointer(bytes))
        } else {
            buffer.append(contentsOf: bytes)
        }
        count += bytes.count
    }

    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write($0) }
    }

    /// Appends the decimal digits of `value` and a newline (no allocation).
    @inline(__always)
    public func writeLine(_ value: UInt64) throws {
        if buffer.count + 21 > capacity { try flush() }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch
        let n = withUnsafeMutableBytes(of: &digits) { raw -> Int in
            var v = value, i = 20
            raw[i] = 10  // "\n"
            repeat {
                i -= 1
                raw[i] = UInt8(truncatingIfNeeded: 48 &+ v % 10)
                v /= 10
            } while v != 0
            buffer.append(contentsOf: raw[i ... 20])
            return 21 - i
        }
        count += n
    }

    /// Writes out what is buffered.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
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
        }
    }
}
