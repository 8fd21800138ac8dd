import CZstd
import KVCacheCore

/// zstd through libzstd's streaming `ZSTD_decompressStream`: the one file that sees libzstd.
/// Concatenated and skippable frames are read as one stream (the library does that). A truncated
/// or corrupt stream throws `corrupt zstd data: ...` naming the file.
final class ZstdDecoder: ByteDecoder {
    private let source: ByteSource
    private let context: OpaquePointer
    private let input: UnsafeMutableRawPointer
    private let inputSize: Int
    private var inBuffer: ZSTD_inBuffer
    private var inputEnded = false
    /// The last call's return: 0 when a frame had just ended (a clean place for the input to end).
    private var lastHint = 1

    init(source: ByteSource) throws {
        self.source = source
        guard let context = ZSTD_createDStream() else {
            throw InputError(file: source.name, "cannot start zstd decompression")
        }
        self.context = context
        inputSize = max(1 << 17, ZSTD_DStreamInSize())
        input = .allocate(byteCount: inputSize, alignment: 16)
        inBuffer = ZSTD_inBuffer(src: UnsafeRawPointer(input), size: 0, pos: 0)
        let status = ZSTD_initDStream(context)
        if ZSTD_isError(status) != 0 {
            ZSTD_freeDStream(context)
            input.deallocate()
            throw InputError(file: source.name, "cannot start zstd decompression: \(String(cString: ZSTD_getErrorName(status)))")
        }
    }

    deinit {
        ZSTD_freeDStream(context)
        input.deallocate()
    }

    private func corrupt(_ detail: String) -> InputError {
        InputError(file: source.name, "corrupt zstd data: \(detail)")
    }

    func decode(into dst: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        while true {
            if inBuffer.pos == inBuffer.size, !inputEnded {
                let n = try source.read(into: input, capacity: inputSize)
                if n == 0 { inputEnded = true }
                inBuffer.size = n
                inBuffer.pos = 0
            }
            let drained = inBuffer.pos == inBuffer.size && inputEnded
            if drained, lastHint == 0 { return 0 }  // the input ended with a frame
            var out = ZSTD_outBuffer(dst: dst, size: capacity, pos: 0)
            let before = inBuffer.pos
            let hint = ZSTD_decompressStream(context, &out, &inBuffer)
            if ZSTD_isError(hint) != 0 { throw corrupt(String(cString: ZSTD_getErrorName(hint))) }
            lastHint = hint
            if out.pos > 0 { return out.pos }
            if drained, inBuffer.pos == before {
                throw corrupt("unexpected end of input (truncated file?)")
            }
        }
    }

    /// One zstd frame holding `bytes` (`ByteStream.compress`).
    static func compress(_ bytes: [UInt8], level: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: ZSTD_compressBound(bytes.count))
        let n = bytes.withUnsafeBytes { src in
            out.withUnsafeMutableBytes { dst in
                ZSTD_compress(dst.baseAddress, dst.count, src.baseAddress, src.count, Int32(level))
            }
        }
        if ZSTD_isError(n) != 0 { throw InputError("zstd compression failed: \(String(cString: ZSTD_getErrorName(n)))") }
        out.removeLast(out.count - n)
        return out
    }
}
