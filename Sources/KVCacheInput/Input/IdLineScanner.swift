import KVCacheCore

/// The `ids` format's lines parsed straight from raw bytes (MODEL 9.1, as `IdsReader`): a
/// decimal id per line, optionally negative (kept by its bit pattern), surrounding spaces,
/// tabs and `\r` allowed, blank lines skipped. State carries across chunk boundaries, so chunks
/// may split a line anywhere. A tight loop for the sampled stream (`SampledIdStream`): no
/// allocation, one branch per byte in the common case; ids past 19 digits are checked for
/// overflow. A malformed line is an InputError naming the file, line and field.
struct IdLineScanner {
    let path: String
    /// Ids parsed so far.
    private(set) var count = 0
    private var line = 1
    private var value: UInt64 = 0
    private var digits = 0
    private var negative = false
    /// Whitespace followed the number: only more whitespace may come before the newline.
    private var ended = false

    init(path: String) { self.path = path }

    @inline(__always)
    mutating func scan(_ bytes: UnsafeRawBufferPointer, _ emit: (UInt64) -> Void) throws {
        for b in bytes {
            let d = b &- 48
            if d < 10, !ended, digits < 19 {
                value = value &* 10 &+ UInt64(d)
                digits &+= 1
            } else if b == 10 {
                try endLine(emit)
            } else {
                try other(b)
            }
        }
    }

    /// Ends the last line (an input need not end with a newline).
    mutating func finish(_ emit: (UInt64) -> Void) throws {
        try endLine(emit)
    }

    @inline(__always)
    private mutating func endLine(_ emit: (UInt64) -> Void) throws {
        if digits > 0 {
            let id: UInt64
            if negative {
                guard value <= UInt64(Int64.max) + 1 else { throw fail("out of the 64-bit range") }
                id = value == UInt64(Int64.max) + 1 ? UInt64(bitPattern: Int64.min) : UInt64(bitPattern: -Int64(value))
            } else {
                id = value
            }
            count &+= 1
            emit(id)
        } else if negative {
            throw fail("not an integer")
        }
        line &+= 1
        value = 0
        digits = 0
        negative = false
        ended = false
    }

    /// Anything but a digit of the first 19 or a newline.
    private mutating func other(_ b: UInt8) throws {
        let d = b &- 48
        if d < 10 {
            if ended { throw fail("unexpected text after the id") }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (v, o2) = m.addingReportingOverflow(UInt64(d))
            guard !o1, !o2 else { throw fail("out of the 64-bit range") }
            value = v
            digits += 1
        } else if b == 32 || b == 9 || b == 13 {
            if digits > 0 || negative { ended = true }
        } else if b == 45, digits == 0, !negative {
            negative = true
        } else {
            throw fail(digits > 0 ? "unexpected text after the id" : "not an integer")
        }
    }

    private func fail(_ message: String) -> InputError {
        InputError(file: path, line: line, field: "id", message)
    }
}
