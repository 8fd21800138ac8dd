import KVCacheCore

/// The `ids` format's lines parsed straight from raw bytes (MODEL 9.1, as `IdsReader`): a
/// decimal id per line, optionally negative (kept by its bit pattern), surrounding spaces,
/// tabs and `\r` allowed, blank lines skipped. State carries across chunk boundaries, so chunks
/// may split a line anywhere. A tight loop for the sampled stream (`SampledIdStream`): no
/// allocation, one branch per byte in the common case; ids past 19 digits are checked for
/// overflow. A malformed line is an InputError naming the file, line and field, or, with
/// `onBadLine` set (`--skip-bad-lines`), is handed to it and skipped to its end. Used by
/// `IdsReader` and the sampled stream alike.
struct IdLineScanner {
    let path: String
    /// Called with a malformed line's error instead of throwing it; the line is skipped.
    var onBadLine: ((InputError) -> Void)?
    /// The current line is malformed and skipped to its newline.
    private var bad = false
    /// Ids parsed so far.
    private(set) var count = 0
    /// The number of the line being scanned (1 = the first line given to this scanner).
    private(set) var line = 1
    private var value: UInt64 = 0
    private var digits = 0
    private var negative = false
    /// Whitespace followed the number: only more whitespace may come before the newline.
    private var ended = false
    /// Bytes scanned before the current chunk, and the offset where the current line starts
    /// (for the column of an error).
    private var offset = 0
    private var lineStart = 0

    init(path: String, onBadLine: ((InputError) -> Void)? = nil) {
        self.path = path
        self.onBadLine = onBadLine
    }

    @inline(__always)
    mutating func scan(_ bytes: UnsafeRawBufferPointer, _ emit: (UInt64) -> Void) throws {
        // The common line (digits, then a newline) runs on local copies of the state, kept in
        // registers; anything else stores them back and takes the general path.
        var value = self.value, digits = self.digits
        let n = bytes.count
        guard let base = bytes.baseAddress else { return }
        var i = 0
        while i < n {
            // A line of 1 to 7 digits and a newline, at a line's start: classified and converted
            // 8 bytes at once (SWAR, Lemire, "Faster integer parsing", 2018, as JSONLineScanner).
            if digits == 0, n &- i >= 8, !ended, !negative, !bad {
                let x = base.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian ^ 0x3030_3030_3030_3030
                let nonDigit = ((x &+ 0x7676_7676_7676_7676) | x) & 0x8080_8080_8080_8080
                let k = nonDigit.trailingZeroBitCount >> 3  // digits before the first non-digit (8: none)
                if k > 0, k < 8, bytes[i &+ k] == 10 {
                    var v = x << UInt64((8 &- k) &* 8)
                    v = ((v & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) >> 8
                    v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
                    v = ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
                    count &+= 1
                    emit(v)
                    line &+= 1
                    i &+= k &+ 1
                    lineStart = offset &+ i
                    continue
                }
            }
            let b = bytes[i]
            let d = b &- 48
            if d < 10, digits < 19, !ended {
                value = value &* 10 &+ UInt64(d)
                digits &+= 1
            } else if b == 10, digits > 0, !ended, !negative, !bad {
                count &+= 1
                emit(value)
                line &+= 1
                value = 0
                digits = 0
                lineStart = offset &+ i &+ 1
            } else {
                self.value = value
                self.digits = digits
                if b == 10 {
                    try endLine(emit, at: offset &+ i)
                    lineStart = offset &+ i &+ 1
                } else {
                    try other(b, at: offset &+ i)
                }
                value = self.value
                digits = self.digits
            }
            i &+= 1
        }
        self.value = value
        self.digits = digits
        offset &+= n
    }

    /// Ends the last line (an input need not end with a newline).
    mutating func finish(_ emit: (UInt64) -> Void) throws {
        try endLine(emit, at: offset)
    }

    @inline(__always)
    private mutating func endLine(_ emit: (UInt64) -> Void, at position: Int) throws {
        if bad {
            bad = false
        } else if digits > 0 {
            let id: UInt64
            if negative {
                guard value <= UInt64(Int64.max) + 1 else { return try reject(Self.outOfRange(position - lineStart), endingLine: true) }
                id = value == UInt64(Int64.max) + 1 ? UInt64(bitPattern: Int64.min) : UInt64(bitPattern: -Int64(value))
            } else {
                id = value
            }
            count &+= 1
            emit(id)
        } else if negative {
            return try reject("not an integer (column \(position - lineStart + 1): expected an integer after '-')", endingLine: true)
        }
        line &+= 1
        value = 0
        digits = 0
        negative = false
        ended = false
    }

    /// Anything but a digit of the first 19 or a newline.
    private mutating func other(_ b: UInt8, at position: Int) throws {
        if bad { return }
        let column = position - lineStart + 1
        let d = b &- 48
        if d < 10 {
            if ended { return try reject("unexpected text after the id (column \(column))") }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (v, o2) = m.addingReportingOverflow(UInt64(d))
            guard !o1, !o2 else { return try reject(Self.outOfRange(column)) }
            value = v
            digits += 1
        } else if b == 32 || b == 9 || b == 13 {
            if digits > 0 || negative { ended = true }
        } else if b == 45, digits == 0, !negative {
            negative = true
        } else if digits > 0, !ended, b == 46 || b == 101 || b == 69 {  // . e E
            try reject("not an integer (column \(column): found a fraction or an exponent)")
        } else {
            try reject(digits > 0 ? "unexpected text after the id (column \(column))" : "not an integer (column \(column): expected an integer)")
        }
    }

    private static func outOfRange(_ column: Int) -> String {
        "not an integer (column \(column): integer out of range; ids are 64-bit, -2^63 to 2^64 - 1)"
    }

    /// A malformed line: thrown, or handed to `onBadLine` and skipped (to its newline, or now
    /// when it is ending).
    private mutating func reject(_ message: String, endingLine: Bool = false) throws {
        guard let onBadLine else { throw fail(message) }
        onBadLine(fail(message))
        bad = true
        ended = true
        if endingLine {
            bad = false
            line &+= 1
            value = 0
            digits = 0
            negative = false
            ended = false
        }
    }

    private func fail(_ message: String) -> InputError {
        InputError(file: path, line: line, field: "id", message)
    }
}
