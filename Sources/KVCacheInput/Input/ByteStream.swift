import KVCacheCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The POSIX calls under names that the types' own `open` and `read` do not shadow.
private func posixOpen(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
private func posixRead(_ fd: Int32, _ dst: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, dst, count) }

/// An input opened once: a file, standard input ("-"), or a gzip/zstd stream of either.
///
/// Every trace reader reads through this one type. Compression is recognised by the first bytes
/// (gzip `1f 8b`, zstd `28 b5 2f fd`), whatever the file is called, and undone in a stream by
/// zlib and libzstd (`DecompressGzip.swift`, `DecompressZstd.swift`, the only files that see C)
/// on a thread of its own, a few buffers ahead of the reader (`DecompressAhead.swift`; a pipe is
/// read ahead the same way).
/// Memory is bounded by one chunk (8 MiB) or one line (`maxLineBytes`), never by the input: a pipe,
/// a device or a compressed file has no size, and nothing here asks it for one.
///
/// The stream is read once, front to back: `peek` looks at the first bytes without consuming
/// them (for format inference), then one of `forEachChunk`, `forEachLine` or `readAll` consumes
/// the rest. Errors are `InputError`s naming the file (`<stdin>` for standard input).
public final class ByteStream {
    public enum Compression: String, Sendable { case none, gzip, zstd }

    /// For messages: the path as given, or "<stdin>".
    public let name: String
    public let compression: Compression

    /// Size in bytes of a regular uncompressed file (for reservations); nil otherwise.
    public var sizeHint: Int? { compression == .none ? regularFileSize : nil }

    /// Bytes handed out per chunk and the initial line buffer.
    static let chunkSize = 8 << 20

    private let source: ByteSource
    private let decoder: (any ByteDecoder)?
    private let regularFileSize: Int?
    /// Where the stream starts in a regular file (its descriptor's offset when opened).
    private let fileStart: Int
    /// The rest of the input was mapped (`mapRemaining`): reads return nothing more.
    private var mappedAway = false
    /// Decompressed bytes read ahead by `peek`, served before anything else.
    private var pending: [UInt8] = []
    private var pendingStart = 0
    /// Decompressed bytes consumed so far (peeked bytes are not consumed).
    private var position = 0

    /// Opens `path` ("-" = standard input); compression is detected from the first bytes.
    public static func open(_ path: String) throws -> ByteStream {
        try ByteStream(path: path)
    }

    /// Reports the raw bytes read from now on to `progress`, against the file's size (none for
    /// a pipe). Call before reading.
    public func observe(_ progress: ReadProgress) {
        progress.start(total: regularFileSize, consumed: source.bytesRead)
        source.progress = progress
    }

    private init(path: String) throws {
        let fd: Int32
        if path == "-" {
            name = "<stdin>"
            fd = STDIN_FILENO
            if isatty(fd) != 0 {
                throw InputError(file: name, "is a terminal: pipe or redirect a trace into it (`zcat t.jsonl.gz | kvcache-sim --trace -`)")
            }
        } else {
            name = path
            fd = posixOpen(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 { throw InputError(file: path, "cannot open: \(Self.errorText(errno))") }
        }
        let source = ByteSource(fd: fd, ownsDescriptor: path != "-", name: name)
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InputError(file: name, "cannot open: \(Self.errorText(errno))") }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR { throw InputError(file: name, "is a directory") }
        if kind == S_IFREG {
            let offset = lseek(fd, 0, SEEK_CUR)
            fileStart = max(0, Int(offset))
            regularFileSize = max(0, Int(info.st_size) - fileStart)
        } else {
            fileStart = 0
            regularFileSize = nil
        }
        let magic = try source.readMagic(4)
        if magic.count >= 2, magic[0] == 0x1F, magic[1] == 0x8B {
            compression = .gzip
            decoder = DecompressAhead(try GzipDecoder(source: source))
        } else if magic.count == 4, Self.isZstdMagic(magic) {
            compression = .zstd
            decoder = DecompressAhead(try ZstdDecoder(source: source))
        } else {
            compression = .none
            // A pipe or a device is read ahead on a thread too, so that its writer never waits
            // for the parser; a regular file is read in place.
            decoder = kind == S_IFREG ? nil : DecompressAhead(PassThrough(source))
        }
        self.source = source
    }

    /// A zstd frame (`28 b5 2f fd`) or a skippable frame (`5? 2a 4d 18`).
    private static func isZstdMagic(_ m: [UInt8]) -> Bool {
        (m[0] == 0x28 && m[1] == 0xB5 && m[2] == 0x2F && m[3] == 0xFD)
            || (m[0] & 0xF0 == 0x50 && m[1] == 0x2A && m[2] == 0x4D && m[3] == 0x18)
    }

    static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }

    // MARK: Reading

    /// Up to `n` first decompressed bytes, without consuming them. (Keep `n` small: the bytes are
    /// held until they are consumed.)
    public func peek(_ n: Int) throws -> [UInt8] {
        var have = pending.count - pendingStart
        if have < n {
            if pendingStart > 0 {
                pending.removeFirst(pendingStart)
                pendingStart = 0
            }
            var more = [UInt8](repeating: 0, count: n - have)
            let got = try more.withUnsafeMutableBytes { buffer in
                try readFully(into: buffer.baseAddress!, count: buffer.count, underlying: true)
            }
            pending.append(contentsOf: more[..<got])
            have += got
        }
        return Array(pending[pendingStart ..< pendingStart + min(n, have)])
    }

    /// Skips a UTF-8 byte order mark (`ef bb bf`) at the very start of the decompressed stream;
    /// whether there was one. `forEachLine` does this itself; a reader of a whole document
    /// (`readAll`) may call it first.
    @discardableResult
    public func skipBOM() throws -> Bool {
        guard position == 0, try peek(3) == [0xEF, 0xBB, 0xBF] else { return false }
        pendingStart += 3
        position += 3
        return true
    }

    /// Up to `capacity` decompressed bytes into `dst`, peeked bytes first; 0 only at the end.
    @inline(__always)
    func read(into dst: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        let n: Int
        if mappedAway {
            n = 0
        } else if pendingStart < pending.count {
            n = min(capacity, pending.count - pendingStart)
            pending.withUnsafeBytes { dst.copyMemory(from: $0.baseAddress! + pendingStart, byteCount: n) }
            pendingStart += n
            if pendingStart == pending.count { pending = []; pendingStart = 0 }
        } else if let decoder {
            n = try decoder.decode(into: dst, capacity: capacity)
        } else {
            n = try source.read(into: dst, capacity: capacity)
        }
        position &+= n
        return n
    }

    /// The rest of a regular uncompressed file, mapped into memory read-only (`mmap`), for a
    /// reader that would otherwise copy every byte out of the page cache; the stream is then
    /// consumed (reads return nothing). Nil, with nothing consumed, for a pipe, a compressed
    /// input, an empty rest or a failed map: read as usual then. The bytes are those `read`
    /// would return, peeked ones included. (A file truncated by another process while mapped
    /// would fault; traces are not rewritten while read.)
    func mapRemaining() -> MappedBytes? {
        guard compression == .none, decoder == nil, regularFileSize != nil, !mappedAway else { return nil }
        var info = stat()
        guard fstat(source.descriptor, &info) == 0 else { return nil }
        let from = fileStart + position
        let size = Int(info.st_size)
        guard size > from else { return nil }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let mapStart = from / page * page
        let length = size - mapStart
        guard let map = mmap(nil, length, PROT_READ, MAP_PRIVATE, source.descriptor, off_t(mapStart)),
              map != MAP_FAILED else { return nil }
        let bytes = MappedBytes(map: map, length: length, skip: from - mapStart)
        source.progress?.add(size - fileStart - source.bytesRead)  // all of it, read now
        pending = []
        pendingStart = 0
        position += bytes.count
        mappedAway = true
        return bytes
    }

    /// Reads until `count` bytes or the end; the number read. `underlying` bypasses the peeked bytes.
    private func readFully(into dst: UnsafeMutableRawPointer, count: Int, underlying: Bool = false) throws -> Int {
        var filled = 0
        while filled < count {
            let n: Int
            if underlying {
                n = try decoder?.decode(into: dst + filled, capacity: count - filled)
                    ?? source.read(into: dst + filled, capacity: count - filled)
            } else {
                n = try read(into: dst + filled, capacity: count - filled)
            }
            if n == 0 { break }
            filled += n
        }
        return filled
    }

    /// Successive chunks of decompressed bytes (each a multiple of `recordSize` except the last).
    public func forEachChunk(recordSize: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        precondition(recordSize >= 1)
        try forEachChunk(recordSize: recordSize, chunkSize: Self.chunkSize, body)
    }

    /// `forEachChunk` with a chosen chunk size (tests use tiny ones).
    func forEachChunk(recordSize: Int, chunkSize: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let size = max(recordSize, chunkSize / recordSize * recordSize)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let filled = try readFully(into: buffer.baseAddress!, count: size)
            if filled > 0 { try body(UnsafeRawBufferPointer(rebasing: buffer[0 ..< filled])) }
            if filled < size { return }
        }
    }

    /// Each line without `\n` / `\r\n`, with its 1-based number; a BOM at the start is skipped;
    /// a line over `maxLineBytes` throws an InputError naming the file and line.
    ///
    /// The lines are borrowed views into one buffer (no allocation per line); it holds 8 MiB and
    /// grows only for a longer line, up to `maxLineBytes`.
    public func forEachLine(maxLineBytes: Int, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        try forEachLine(maxLineBytes: maxLineBytes, chunkSize: Self.chunkSize, body)
    }

    /// `forEachLine` with a chosen initial buffer size (tests use tiny ones).
    func forEachLine(maxLineBytes: Int, chunkSize: Int,
                     _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        precondition(maxLineBytes >= 1 && chunkSize >= 1)
        try skipBOM()
        let limit = maxLineBytes
        var capacity = chunkSize
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var kept = 0          // bytes of an unfinished line carried over from the last read
        var lineNumber = 0
        func tooLong(_ line: Int) -> InputError {
            InputError(file: name, line: line, "line longer than \(Self.byteText(limit))")
        }
        while true {
            if kept == capacity {  // one line longer than the buffer: grow it, up to the limit
                if kept > limit { throw tooLong(lineNumber + 1) }
                let grown = min(capacity * 2, limit + 1)
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
                bigger.update(from: buffer, count: kept)
                buffer.deallocate()
                buffer = bigger
                capacity = grown
            }
            let n = try read(into: buffer + kept, capacity: capacity - kept)
            let end = kept + n
            if n == 0 {
                if end > 0 {
                    lineNumber += 1
                    if end > limit { throw tooLong(lineNumber) }
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
                if nl - start > limit { throw tooLong(lineNumber) }
                try body(Self.trimCR(UnsafeBufferPointer(start: buffer + start, count: nl - start)), lineNumber)
                start = nl + 1
                scan = start
            }
            kept = end - start
            if kept > limit { throw tooLong(lineNumber + 1) }
            if kept > 0, start > 0 { memmove(buffer, buffer + start, kept) }
        }
    }

    /// Every remaining decompressed byte (for formats parsed as one document); over `maxBytes` throws.
    public func readAll(maxBytes: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        if let size = sizeHint { out.reserveCapacity(min(size, maxBytes)) }
        let step = 1 << 20
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: step, alignment: 16)
        defer { scratch.deallocate() }
        while true {
            let n = try read(into: scratch.baseAddress!, capacity: step)
            if n == 0 { return out }
            if out.count + n > maxBytes {
                throw InputError(file: name, "larger than \(Self.byteText(maxBytes)) (the limit for a whole-document input)")
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0 ..< n]))
        }
    }

    @inline(__always)
    private static func trimCR(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        if let last = line.last, last == 0x0D { return UnsafeBufferPointer(rebasing: line.dropLast()) }
        return line
    }

    /// `64 MiB`, `4 KiB` or `100 bytes`.
    static func byteText(_ n: Int) -> String {
        if n >= 1 << 20, n % (1 << 20) == 0 { return "\(n >> 20) MiB" }
        if n >= 1 << 10, n % (1 << 10) == 0 { return "\(n >> 10) KiB" }
        return n == 1 ? "1 byte" : "\(n) bytes"
    }

    /// The first bytes of `bytes` in hex for messages (`1f 8b 08 00 ...`): never raw bytes.
    public static func hexPrefix(_ bytes: [UInt8], count: Int = 8) -> String {
        let hex = "0123456789abcdef".utf8.map { $0 }
        var text = bytes.prefix(count).map { b in
            String(decoding: [hex[Int(b >> 4)], hex[Int(b & 15)]], as: UTF8.self)
        }.joined(separator: " ")
        if bytes.count > count { text += " ..." }
        return text
    }

    /// Text from an input for a message (a key, a field): control characters (C0, DEL, C1) as
    /// `\xNN`, never raw, and at most `limit` characters, then `...`.
    static func printable<S: StringProtocol>(_ text: S, limit: Int = 64) -> String {
        var out = ""
        for (i, scalar) in text.unicodeScalars.enumerated() {
            if i == limit { return out + "..." }
            let v = scalar.value
            if v < 0x20 || (v >= 0x7F && v < 0xA0) {
                out += (v < 0x10 ? "\\x0" : "\\x") + String(v, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// The raw bytes of an open file descriptor, with the few first bytes read ahead to recognise a
/// compression format served again first.
final class ByteSource {
    let name: String
    private let fd: Int32
    private let ownsDescriptor: Bool
    private var prefix: [UInt8] = []
    private var prefixStart = 0
    /// Told of every raw read (from whichever thread reads).
    var progress: ReadProgress?
    /// Raw bytes read from the descriptor so far (the magic bytes included).
    private(set) var bytesRead = 0

    init(fd: Int32, ownsDescriptor: Bool, name: String) {
        self.fd = fd
        self.ownsDescriptor = ownsDescriptor
        self.name = name
    }

    deinit { if ownsDescriptor { close(fd) } }

    var descriptor: Int32 { fd }

    /// Reads up to `n` bytes (fewer only at the end) and keeps them to be read again.
    func readMagic(_ n: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: n)
        var filled = 0
        while filled < n {
            let got = try bytes.withUnsafeMutableBytes { try readDescriptor(into: $0.baseAddress! + filled, capacity: n - filled) }
            if got == 0 { break }
            filled += got
        }
        bytes.removeLast(n - filled)
        prefix = bytes
        return bytes
    }

    /// Up to `capacity` raw bytes; 0 only at the end of the input.
    @inline(__always)
    func read(into dst: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        if prefixStart < prefix.count {
            let n = min(capacity, prefix.count - prefixStart)
            prefix.withUnsafeBytes { dst.copyMemory(from: $0.baseAddress! + prefixStart, byteCount: n) }
            prefixStart += n
            return n
        }
        return try readDescriptor(into: dst, capacity: capacity)
    }

    private func readDescriptor(into dst: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        while true {
            let n = posixRead(fd, dst, min(capacity, 1 << 30))
            if n >= 0 {
                bytesRead &+= n
                progress?.add(n)
                return n
            }
            if errno == EINTR { continue }
            throw InputError(file: name, "cannot read: \(ByteStream.errorText(errno))")
        }
    }
}

/// A decompressor behind `ByteStream`, one per compression format, each in its own file (the
/// only file importing its C library).
protocol ByteDecoder: AnyObject {
    /// Up to `capacity` (> 0) decompressed bytes into `dst`; 0 only at the clean end of the
    /// input. A truncated or corrupt input throws an `InputError` naming the file.
    func decode(into dst: UnsafeMutableRawPointer, capacity: Int) throws -> Int
}

/// The raw bytes as they are (an uncompressed pipe, read ahead by `DecompressAhead`).
final class PassThrough: ByteDecoder {
    private let source: ByteSource
    init(_ source: ByteSource) { self.source = source }
    func decode(into dst: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        try source.read(into: dst, capacity: capacity)
    }
}

extension ByteStream {
    /// Compresses `bytes` in memory as one gzip member or one zstd frame, through the same
    /// libraries that read them (tests build their compressed inputs with it; `.none` returns
    /// the bytes unchanged).
    public static func compress(_ bytes: [UInt8], as compression: Compression, level: Int? = nil) throws -> [UInt8] {
        switch compression {
        case .none: bytes
        case .gzip: try GzipDecoder.compress(bytes, level: level ?? 6)
        case .zstd: try ZstdDecoder.compress(bytes, level: level ?? 3)
        }
    }
}
