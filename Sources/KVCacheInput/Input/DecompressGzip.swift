import CZlib
import KVCacheCore

/// gzip through zlib's `inflate`, in a stream: the one file that sees zlib. Concatenated members
/// (`cat a.gz b.gz`, what `gzip` itself accepts) are read as one stream: at the end of a member
/// with input left, `inflateReset` starts the next. A truncated or corrupt stream throws
/// `corrupt gzip data: ...` naming the file.
final class GzipDecoder: ByteDecoder {
    private let source: ByteSource
    /// zlib keeps a pointer back to its stream: it lives at a fixed address.
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutablePointer<UInt8>
    private static let inputSize = 1 << 17
    private var inputEnded = false
    private var memberEnded = false
    private var members = 1

    init(source: ByteSource) throws {
        self.source = source
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(capacity: Self.inputSize)
        let status = kvcache_inflate_init_gzip(stream)
        guard status == Z_OK else {
            input.deallocate()
            stream.deallocate()
            throw InputError(file: source.name, "cannot start gzip decompression (zlib status \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    private func corrupt(_ detail: String) -> InputError {
        InputError(file: source.name, "corrupt gzip data: \(detail)\(members > 1 ? " (member \(members))" : "")")
    }

    private func refill() throws {
        guard stream.pointee.avail_in == 0, !inputEnded else { return }
        let n = try source.read(into: input, capacity: Self.inputSize)
        if n == 0 { inputEnded = true }
        stream.pointee.next_in = input
        stream.pointee.avail_in = UInt32(n)
    }

    func decode(into dst: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        let out = dst.assumingMemoryBound(to: UInt8.self)
        let room = UInt32(min(capacity, Int(UInt32.max)))
        while true {
            try refill()
            if memberEnded {
                if stream.pointee.avail_in == 0 { return 0 }  // the input ended with the member
                inflateReset(stream)
                memberEnded = false
                members += 1
            }
            stream.pointee.next_out = out
            stream.pointee.avail_out = room
            let status = inflate(stream, Z_NO_FLUSH)
            let produced = Int(room - stream.pointee.avail_out)
            switch status {
            case Z_OK:
                break
            case Z_STREAM_END:
                memberEnded = true
            case Z_BUF_ERROR:  // no progress possible: more input needed
                if inputEnded && stream.pointee.avail_in == 0 && produced == 0 {
                    throw corrupt("unexpected end of input (truncated file?)")
                }
            case Z_MEM_ERROR:
                throw InputError(file: source.name, "out of memory in gzip decompression")
            default:  // Z_DATA_ERROR, Z_NEED_DICT, Z_STREAM_ERROR
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                throw corrupt(detail)
            }
            if produced > 0 { return produced }
            if status == Z_OK, inputEnded, stream.pointee.avail_in == 0 {
                // zlib consumed the rest without finishing the member: the next call says so.
                continue
            }
        }
    }

    /// One gzip member holding `bytes` (`ByteStream.compress`).
    static func compress(_ bytes: [UInt8], level: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard kvcache_deflate_init_gzip(&stream, Int32(level)) == Z_OK else {
            throw InputError("cannot start gzip compression")
        }
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
        var source = bytes
        let status = source.withUnsafeMutableBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                stream.next_in = src.baseAddress
                stream.avail_in = UInt32(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = UInt32(dst.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw InputError("gzip compression failed (zlib status \(status))") }
        out.removeLast(out.count - Int(stream.total_out))
        return out
    }
}
