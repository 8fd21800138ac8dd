import KVCacheCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal JSON scanner over one line's bytes, for the fields a trace needs: object keys,
/// integers, numbers, arrays of integers; any other value is skipped. It allocates nothing
/// (strings are compared in place), which is what makes JSONL ingestion run at GB/s.
/// Errors are `ScanError`s carrying the byte column; readers turn them into `InputError`s.
struct JSONLineScanner {
    struct ScanError: Error {
        let column: Int
        let message: String
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }

    func fail(_ message: String) -> ScanError { ScanError(column: position + 1, message: message) }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            let b = bytes[position]
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A { position &+= 1 } else { return }
        }
    }

    @inline(__always)
    func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func expect(_ byte: UInt8, _ what: String) throws {
        skipWhitespace()
        guard peek() == byte else { throw fail("expected \(what)") }
        position &+= 1
    }

    /// Consumes `byte` if it is next (after whitespace).
    @inline(__always)
    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        if peek() == byte { position &+= 1; return true }
        return false
    }

    /// Reads a string without escapes and returns its byte range; strings with escapes are
    /// accepted and their raw range returned (keys we look for never contain escapes).
    mutating func stringRange() throws -> Range<Int> {
        skipWhitespace()
        guard peek() == UInt8(ascii: "\"") else { throw fail("expected a string") }
        position &+= 1
        let start = position
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\\") { position &+= 2; continue }
            if b == UInt8(ascii: "\"") {
                let range = start ..< position
                position &+= 1
                return range
            }
            position &+= 1
        }
        throw fail("unterminated string")
    }

    /// Whether the bytes in `range` spell `key`.
    @inline(__always)
    func equals(_ range: Range<Int>, _ key: StaticString) -> Bool {
        guard range.count == key.utf8CodeUnitCount else { return false }
        let k = key.utf8Start
        var i = 0
        for j in range {
            if bytes[j] != k[i] { return false }
            i &+= 1
        }
        return true
    }

    /// Whether two byte ranges of the line hold the same bytes (two keys compared in place).
    func sameBytes(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        guard let base = bytes.baseAddress, !a.isEmpty else { return true }
        return memcmp(base + a.lowerBound, base + b.lowerBound, a.count) == 0
    }

    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Appends the integers of a JSON array whose `[` was just consumed, through its `]`.
    /// The hot loop of trace ingestion: one pass over the digits, no allocation. Room for every
    /// integer the rest of the line can hold is made once, and the common element (1 to 7
    /// digits and then `,` or `]`) is classified, converted and ended from one 8-byte load.
    @inline(__always)
    mutating func integerArray(into out: RawIdBuffer) throws {
        if consume(UInt8(ascii: "]")) { return }
        guard let base = bytes.baseAddress else { throw fail("expected ',' or ']'") }
        let n = bytes.count
        out.reserve(extra: (n &- position) / 2 &+ 1)  // an integer takes 2 bytes with its ','
        let dst = out.end
        var k = 0
        defer { out.advance(by: k) }
        while true {
            if n &- position >= 8 {
                // SWAR: classify and convert 8 bytes at once (Lemire, "Faster integer parsing", 2018).
                let x = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self).littleEndian ^ 0x3030_3030_3030_3030
                let nonDigit = ((x &+ 0x7676_7676_7676_7676) | x) & 0x8080_8080_8080_8080
                let d = nonDigit.trailingZeroBitCount >> 3  // digits before the first non-digit (8: none)
                if d > 0, d < 8 {
                    let next = UInt8(truncatingIfNeeded: x >> UInt64(d &* 8)) ^ 0x30  // the byte after them
                    if next == UInt8(ascii: ",") || next == UInt8(ascii: "]") {
                        var v = x << UInt64((8 &- d) &* 8)
                        v = ((v & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) >> 8
                        v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
                        v = ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
                        dst[k] = v
                        k &+= 1
                        position &+= d &+ 1
                        if next == UInt8(ascii: "]") { return }
                        continue
                    }
                }
            }
            // Any other element: whitespace, a sign, 8 digits or more, the line's last bytes.
            skipWhitespace()
            let start = position
            var value: UInt64 = 0
            while position < n, position &- start < 18 {  // up to 18 plain digits cannot overflow
                let d = bytes[position] &- 0x30
                if d > 9 { break }
                value = value &* 10 &+ UInt64(d)
                position &+= 1
            }
            let b = position < n ? bytes[position] : 0
            if position > start, b == UInt8(ascii: ",") || b == UInt8(ascii: "]") || b == 0x20 {
                dst[k] = value
            } else {
                position = start
                guard let v = try integer(bitPattern: true) else { throw fail("null in an array of integers") }
                dst[k] = UInt64(bitPattern: v)
            }
            k &+= 1
            skipWhitespace()
            guard position < n else { throw fail("expected ',' or ']'") }
            let c = bytes[position]
            position &+= 1
            if c == UInt8(ascii: "]") { return }
            if c != UInt8(ascii: ",") { position &-= 1; throw fail("expected ',' or ']'") }
        }
    }

    /// Reads a JSON integer (optional minus sign, digits); a fraction or exponent is an error.
    /// Returns nil for a JSON `null`. 2^63 ... 2^64 - 1 come back by their bit pattern when
    /// `bitPattern` (block ids); otherwise (lengths, counts, keys) they are out of range.
    @inline(__always)
    mutating func integer(bitPattern: Bool = false) throws -> Int64? {
        skipWhitespace()
        guard position < bytes.count else { throw fail("expected a number") }
        var negative = false
        if bytes[position] == UInt8(ascii: "-") { negative = true; position &+= 1 }
        let start = position
        var value: UInt64 = 0
        while position < bytes.count {
            let d = bytes[position] &- 0x30
            if d > 9 { break }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(d))
            if o1 || o2 { throw fail("integer out of range") }
            value = a
            position &+= 1
        }
        if position == start {
            if !negative, matchLiteral("null") { return nil }
            throw fail("expected an integer")
        }
        if let b = peek(), b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
            throw fail("expected an integer, found a fraction")
        }
        if negative {
            guard value <= UInt64(Int64.max) + 1 else { throw fail("integer out of range") }
            return value == UInt64(Int64.max) + 1 ? Int64.min : -Int64(value)
        }
        guard value <= UInt64(Int64.max) else {
            // Hashes above Int64.max are kept by their bit pattern.
            guard bitPattern else { throw fail("integer out of range") }
            return Int64(bitPattern: value)
        }
        return Int64(value)
    }

    /// Reads any JSON number as a Double (integers exactly up to 2^53). Nil for `null`.
    mutating func number() throws -> Double? {
        skipWhitespace()
        let start = position
        // Fast path: a plain non-negative integer of up to 15 digits is exact in a Double.
        var whole: UInt64 = 0
        while position < bytes.count, position &- start < 15 {
            let d = bytes[position] &- 0x30
            if d > 9 { break }
            whole = whole &* 10 &+ UInt64(d)
            position &+= 1
        }
        if position > start {
            let b = position < bytes.count ? bytes[position] : 0
            if b != UInt8(ascii: ".") && b != UInt8(ascii: "e") && b != UInt8(ascii: "E") && (b < 0x30 || b > 0x39) {
                return Double(whole)
            }
        }
        position = start
        while position < bytes.count {
            let b = bytes[position]
            if (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
                || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                position &+= 1
            } else { break }
        }
        if position == start {
            if matchLiteral("null") { return nil }
            throw fail("expected a number")
        }
        guard let v = Double(text(start ..< position)) else {
            position = start
            throw fail("malformed number")
        }
        guard v.isFinite else {
            position = start
            throw fail("number out of range")
        }
        return v
    }

    mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard position + n <= bytes.count else { return false }
        let p = literal.utf8Start
        for i in 0 ..< n where bytes[position + i] != p[i] { return false }
        position += n
        return true
    }

    /// Skips one JSON value of any kind.
    mutating func skipValue(depth: Int = 0) throws {
        guard depth < 64 else { throw fail("nesting too deep") }
        skipWhitespace()
        guard let b = peek() else { throw fail("expected a value") }
        switch b {
        case UInt8(ascii: "\""): _ = try stringRange()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = b == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            position &+= 1
            if consume(close) { return }
            repeat {
                if b == UInt8(ascii: "{") {
                    _ = try stringRange()
                    try expect(UInt8(ascii: ":"), "':'")
                }
                try skipValue(depth: depth + 1)
            } while consume(UInt8(ascii: ","))
            try expect(close, "'\(Character(Unicode.Scalar(close)))'")
        case UInt8(ascii: "t"): if !matchLiteral("true") { throw fail("unexpected token") }
        case UInt8(ascii: "f"): if !matchLiteral("false") { throw fail("unexpected token") }
        case UInt8(ascii: "n"): if !matchLiteral("null") { throw fail("unexpected token") }
        default: _ = try number()
        }
    }
}
