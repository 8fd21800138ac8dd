/// A strict JSON pull parser (RFC 8259) over bytes in memory: one document, one line of a JSONL,
/// or a run of values separated by whitespace. The reader drives it with the shape it expects
/// (`readObject`, `readArray`, `readInt64`, `readDouble`, `readString`, `readIntegerArray`,
/// `skipValue`), so nothing is built that the reader does not keep: no tree, no allocation per
/// value (object keys are byte ranges compared in place; only `readString` makes a `String`).
///
/// Checked, whatever the reader keeps: the grammar of every value (skipped ones too), string
/// escapes and raw control characters, number syntax (no leading zeros, `1.`, `.5`, `+1`,
/// `NaN`), nesting up to `maxDepth` levels, and keys given twice in one object (an error naming
/// the key). Not checked: that strings are valid UTF-8 (`readString` decodes with replacement).
///
/// Positions: the parser counts lines as it skips whitespace (a newline can only appear there
/// in valid JSON), so every `Failure` carries the 1-based line and column of the offending
/// byte at no cost to the happy path. `Failure.truncated` says the input ended inside a value,
/// which a line reader uses to tell a pretty-printed document from a bad JSONL line.
///
/// Speed: `readIntegerArray`, the hot loop of trace ingestion, converts up to 7 digits at once
/// (SWAR: Lemire, "Faster integer parsing", 2018) and checks the separator with the same load.
struct JSONDocumentParser {
    struct Failure: Error, Sendable {
        let line: Int
        let column: Int
        let message: String
        /// The input ended before the value did.
        let truncated: Bool
    }

    /// Thrown by a `readIntegerArray` sink to reject an element: becomes a `Failure` at the
    /// element, "element i: message".
    struct ElementRejected: Error {
        let message: String
    }

    /// An object key: its bytes between the quotes, undecoded; `escaped` when it holds a `\`.
    struct Key {
        let start: Int
        let end: Int
        let escaped: Bool
    }

    /// The deepest nesting of arrays and objects accepted.
    static let maxDepth = 256

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position = 0
    /// The line of `position` (the first line is `firstLine`).
    private(set) var line: Int
    /// The offset of the first byte of the current line.
    private var lineStart = 0
    private var depth = 0
    /// Keys of the objects being read, innermost last (for duplicate detection).
    private var keys: [Key] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 1) {
        self.bytes = bytes
        line = firstLine
        keys.reserveCapacity(64)
    }

    var atEnd: Bool { position >= bytes.count }

    /// The 1-based column of `position` on its line.
    var column: Int { position - lineStart + 1 }

    /// The next byte after whitespace, not consumed; nil at the end.
    @inline(__always)
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    /// A failure at the current position.
    func fail(_ message: String) -> Failure { fail(message, at: position) }

    /// A failure at `offset`, which must be on the current line (tokens never span lines).
    func fail(_ message: String, at offset: Int) -> Failure {
        Failure(line: line, column: max(0, offset - lineStart) + 1, message: message, truncated: offset >= bytes.count)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            let b = bytes[position]
            if b > 0x20 { return }
            if b == 0x20 || b == 0x09 || b == 0x0D {
                position &+= 1
            } else if b == 0x0A {
                position &+= 1
                line &+= 1
                lineStart = position
            } else {
                return
            }
        }
    }

    /// Consumes `byte` (after whitespace) or fails with "expected \(what)".
    @inline(__always)
    mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else { throw fail("expected \(what())") }
        position &+= 1
    }

    /// Consumes a `null` if one is next.
    mutating func consumeNull() -> Bool {
        skipWhitespace()
        return matchLiteral("null")
    }

    private mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard bytes.count &- position >= n else { return false }
        let p = literal.utf8Start
        for i in 0 ..< n where bytes[position &+ i] != p[i] { return false }
        position &+= n
        return true
    }

    private mutating func enter() throws {
        guard depth < Self.maxDepth else { throw fail("nested deeper than \(Self.maxDepth) levels") }
        depth &+= 1
    }

    // MARK: Objects and arrays

    /// Reads an object whose `{` is next (after whitespace). `body` is called once per member,
    /// positioned at the value, and must consume exactly that value. A key given twice fails
    /// with "duplicate key 'k'" before `body` sees the second one.
    mutating func readObject(_ body: (inout JSONDocumentParser, Key) throws -> Void) throws {
        try expect(UInt8(ascii: "{"), "an object")
        try enter()
        let frame = keys.count
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position &+= 1
            depth &-= 1
            return
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw fail("expected a key string") }
            let keyOffset = position
            let key = try scanString()
            if keys.count > frame { try checkDuplicate(key, from: frame, at: keyOffset) }
            keys.append(key)
            try expect(UInt8(ascii: ":"), "':'")
            skipWhitespace()
            try body(&self, key)
            skipWhitespace()
            guard position < bytes.count else { throw fail("expected ',' or '}'") }
            let c = bytes[position]
            position &+= 1
            if c == UInt8(ascii: ",") { continue }
            if c == UInt8(ascii: "}") { break }
            position &-= 1
            throw fail("expected ',' or '}'")
        }
        keys.removeLast(keys.count &- frame)
        depth &-= 1
    }

    private func checkDuplicate(_ key: Key, from frame: Int, at offset: Int) throws {
        for i in frame ..< keys.count where sameKey(keys[i], key) {
            throw fail("duplicate key '\(ByteStream.printable(keyText(key)))'", at: offset)
        }
    }

    private func sameKey(_ a: Key, _ b: Key) -> Bool {
        if a.escaped || b.escaped { return keyText(a) == keyText(b) }
        let n = a.end &- a.start
        guard n == b.end &- b.start else { return false }
        for i in 0 ..< n where bytes[a.start &+ i] != bytes[b.start &+ i] { return false }
        return true
    }

    /// Whether `key` is `name` (decoded when it has escapes).
    @inline(__always)
    func key(_ key: Key, is name: StaticString) -> Bool {
        if key.escaped { return keyText(key) == name.description }
        let n = name.utf8CodeUnitCount
        guard key.end &- key.start == n else { return false }
        let p = name.utf8Start
        for i in 0 ..< n where bytes[key.start &+ i] != p[i] { return false }
        return true
    }

    /// The decoded text of a key.
    func keyText(_ key: Key) -> String { decode(key.start, key.end, escaped: key.escaped) }

    /// Reads an array whose `[` is next; `body` is called with each element's index, positioned
    /// at the element, and must consume exactly that element.
    mutating func readArray(_ body: (inout JSONDocumentParser, Int) throws -> Void) throws {
        try expect(UInt8(ascii: "["), "an array")
        try enter()
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position &+= 1
            depth &-= 1
            return
        }
        var index = 0
        while true {
            skipWhitespace()
            try body(&self, index)
            index &+= 1
            skipWhitespace()
            guard position < bytes.count else { throw fail("expected ',' or ']'") }
            let c = bytes[position]
            position &+= 1
            if c == UInt8(ascii: ",") { continue }
            if c == UInt8(ascii: "]") { break }
            position &-= 1
            throw fail("expected ',' or ']'")
        }
        depth &-= 1
    }

    /// Reads an array of integers whose `[` is next, handing each to `append` in order; any
    /// other element fails with "expected an array of integers" and the element's index.
    /// The fast path takes a run of 1 to 7 digits followed by `,` or `]` in one 8-byte load.
    @inline(__always)
    mutating func readIntegerArray(_ append: (Int64) throws -> Void) throws {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "[") else {
            throw fail("expected an array of integers")
        }
        position &+= 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position &+= 1
            return
        }
        var index = 0
        while true {
            if position < bytes.count, bytes[position] <= 0x20 { skipWhitespace() }
            if bytes.count &- position >= 8, let base = bytes.baseAddress {
                let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self).littleEndian
                let x = word ^ 0x3030_3030_3030_3030
                let nonDigit = ((x &+ 0x7676_7676_7676_7676) | x) & 0x8080_8080_8080_8080
                let n = nonDigit.trailingZeroBitCount >> 3   // digits before the first non-digit (8: none)
                // 1 to 7 digits, no leading zero, then ',' or ']'.
                if n > 0, n < 8, n == 1 || word & 0xFF != 0x30 {
                    let stop = UInt8(truncatingIfNeeded: word >> UInt64(n &* 8))
                    if stop == UInt8(ascii: ",") || stop == UInt8(ascii: "]") {
                        var v = x << UInt64((8 &- n) &* 8)
                        v = ((v & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) >> 8
                        v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
                        v = ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
                        do {
                            try append(Int64(v))
                        } catch let r as ElementRejected {
                            throw fail("element \(index): \(r.message)")
                        }
                        index &+= 1
                        position &+= n &+ 1
                        if stop == UInt8(ascii: "]") { return }
                        continue
                    }
                }
            }
            // Anything else: the checked path (signs, long numbers, whitespace, errors, the tail).
            skipWhitespace()
            let start = position
            let value: Int64
            do {
                value = try readInt64()
            } catch let f as Failure {
                throw Failure(line: f.line, column: max(0, start - lineStart) + 1,
                              message: "expected an array of integers (element \(index): \(f.message))",
                              truncated: f.truncated)
            }
            do {
                try append(value)
            } catch let r as ElementRejected {
                throw fail("element \(index): \(r.message)", at: start)
            }
            index &+= 1
            skipWhitespace()
            guard position < bytes.count else { throw fail("expected ',' or ']'") }
            let c = bytes[position]
            position &+= 1
            if c == UInt8(ascii: "]") { return }
            if c != UInt8(ascii: ",") {
                position &-= 1
                throw fail("expected ',' or ']'")
            }
        }
    }

    // MARK: Scalars

    /// Reads a JSON integer that fits in an `Int64`; a fraction or an exponent fails.
    mutating func readInt64() throws -> Int64 {
        skipWhitespace()
        let start = position
        var negative = false
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") {
            negative = true
            position &+= 1
        }
        guard position < bytes.count, bytes[position] &- 0x30 <= 9 else {
            position = start
            throw fail("expected an integer, found \(describeValue())")
        }
        var magnitude: UInt64 = 0
        if bytes[position] == 0x30 {
            position &+= 1
            if position < bytes.count, bytes[position] &- 0x30 <= 9 { throw fail("leading zero in a number", at: start) }
        } else {
            while position < bytes.count {
                let d = bytes[position] &- 0x30
                if d > 9 { break }
                let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(d))
                if o1 || o2 { throw fail("integer out of range", at: start) }
                magnitude = a
                position &+= 1
            }
        }
        if position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                position = start
                throw fail("expected an integer, found \(describeValue())", at: start)
            }
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) &+ 1 else { throw fail("integer out of range", at: start) }
            return Int64(truncatingIfNeeded: 0 &- magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { throw fail("integer out of range", at: start) }
        return Int64(magnitude)
    }

    /// Reads any JSON number as the nearest `Double` (correctly rounded); one too large for a
    /// `Double` fails.
    mutating func readDouble() throws -> Double {
        skipWhitespace()
        let start = position
        guard let (mantissa, digits, exponent) = try scanNumber() else {
            throw fail("expected a number, found \(describeValue())")
        }
        // Clinger's fast path: an exact mantissa below 2^53 and a power of ten that is exact.
        if digits <= 15, exponent >= -22, exponent <= 22 {
            let m = Double(mantissa)
            let negative = bytes[start] == UInt8(ascii: "-")
            let v = exponent < 0 ? m / Self.powersOfTen[-exponent] : m * Self.powersOfTen[exponent]
            return negative ? -v : v
        }
        guard let v = Double(decode(start, position, escaped: false)), v.isFinite else {
            throw fail("number out of range", at: start)
        }
        return v
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Consumes one number, checking its grammar: its decimal mantissa (first 19 significant
    /// digits), how many digits the mantissa has (leading zeros excluded), and the power of ten
    /// that scales it. Nil (nothing consumed) when no number starts here.
    private mutating func scanNumber() throws -> (UInt64, Int, Int)? {
        let start = position
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position &+= 1 }
        guard position < bytes.count, bytes[position] &- 0x30 <= 9 else {
            position = start
            return nil
        }
        var mantissa: UInt64 = 0
        var digits = 0        // significant digits seen (leading zeros excluded)
        var scale = 0         // power of ten from dropped integer digits and kept fraction digits
        if bytes[position] == 0x30 {
            position &+= 1
            if position < bytes.count, bytes[position] &- 0x30 <= 9 { throw fail("leading zero in a number", at: start) }
        } else {
            while position < bytes.count, bytes[position] &- 0x30 <= 9 {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(bytes[position] &- 0x30)
                } else {
                    scale &+= 1   // a digit beyond 19 is dropped: the mantissa stands for ten times less
                }
                digits &+= 1
                position &+= 1
            }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position &+= 1
            guard position < bytes.count, bytes[position] &- 0x30 <= 9 else { throw fail("expected a digit after '.'") }
            while position < bytes.count, bytes[position] &- 0x30 <= 9 {
                let d = bytes[position] &- 0x30
                if digits == 0 && d == 0 {
                    scale &-= 1           // a leading zero of the fraction
                } else if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    scale &-= 1
                    digits &+= 1
                } else {
                    digits &+= 1          // dropped
                }
                position &+= 1
            }
        }
        var exponent = 0
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position &+= 1
            var negative = false
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                negative = bytes[position] == UInt8(ascii: "-")
                position &+= 1
            }
            guard position < bytes.count, bytes[position] &- 0x30 <= 9 else { throw fail("expected a digit in the exponent") }
            while position < bytes.count, bytes[position] &- 0x30 <= 9 {
                if exponent < 100_000 { exponent = exponent &* 10 &+ Int(bytes[position] &- 0x30) }
                position &+= 1
            }
            if negative { exponent = -exponent }
        }
        return (mantissa, digits, exponent &+ scale)
    }

    /// Reads a string and decodes its escapes.
    mutating func readString() throws -> String {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            throw fail("expected a string, found \(describeValue())")
        }
        let s = try scanString()
        return decode(s.start, s.end, escaped: s.escaped)
    }

    /// Reads a string without decoding it: the bytes between the quotes.
    mutating func readStringBytes() throws -> Key {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            throw fail("expected a string, found \(describeValue())")
        }
        return try scanString()
    }

    /// Consumes a string whose `"` is at `position`, checking its escapes.
    private mutating func scanString() throws -> Key {
        position &+= 1
        let start = position
        var escaped = false
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                position &+= 1
                return Key(start: start, end: position &- 1, escaped: escaped)
            }
            if b == UInt8(ascii: "\\") {
                escaped = true
                position &+= 1
                guard position < bytes.count else { break }
                switch bytes[position] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    position &+= 1
                case UInt8(ascii: "u"):
                    position &+= 1
                    for _ in 0 ..< 4 {
                        guard position < bytes.count else { throw fail("unterminated string") }
                        guard Self.hexValue(bytes[position]) != nil else { throw fail("bad \\u escape in a string") }
                        position &+= 1
                    }
                default:
                    throw fail("bad escape in a string")
                }
                continue
            }
            if b < 0x20 { throw fail("control character in a string") }
            position &+= 1
        }
        throw fail("unterminated string")
    }

    private static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30 ... 0x39: UInt32(b &- 0x30)
        case 0x41 ... 0x46: UInt32(b &- 0x41 &+ 10)
        case 0x61 ... 0x66: UInt32(b &- 0x61 &+ 10)
        default: nil
        }
    }

    /// The text of already-checked string bytes `start ..< end`, escapes decoded (a lone
    /// surrogate becomes U+FFFD).
    func decode(_ start: Int, _ end: Int, escaped: Bool) -> String {
        Self.decode(bytes, start, end, escaped: escaped)
    }

    /// The decoded text of `key` in `bytes` (for messages built without the parser at hand).
    static func text(of key: Key, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        decode(bytes, key.start, key.end, escaped: key.escaped)
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, escaped: Bool) -> String {
        let raw = UnsafeBufferPointer(rebasing: bytes[start ..< end])
        if !escaped { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        func hex4(_ at: Int) -> UInt32 {
            var v: UInt32 = 0
            for k in 0 ..< 4 { v = v << 4 | (hexValue(raw[at + k]) ?? 0) }
            return v
        }
        func appendScalar(_ u: UInt32) {
            let scalar = Unicode.Scalar(u) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
        while i < raw.count {
            let b = raw[i]
            guard b == UInt8(ascii: "\\"), i + 1 < raw.count else {
                out.append(b)
                i += 1
                continue
            }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u") where i + 4 <= raw.count:
                var u = hex4(i)
                i += 4
                if u >= 0xD800, u < 0xDC00, i + 6 <= raw.count, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u") {
                    let low = hex4(i + 2)
                    if low >= 0xDC00, low < 0xE000 {
                        u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                appendScalar(u)
            default: out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Skips one value of any kind, checking its grammar (and its objects' keys).
    mutating func skipValue() throws {
        skipWhitespace()
        guard position < bytes.count else { throw fail("expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "\""): _ = try scanString()
        case UInt8(ascii: "{"): try readObject { p, _ in try p.skipValue() }
        case UInt8(ascii: "["): try readArray { p, _ in try p.skipValue() }
        case UInt8(ascii: "t"): if !matchLiteral("true") { throw fail("unexpected \(describeValue())") }
        case UInt8(ascii: "f"): if !matchLiteral("false") { throw fail("unexpected \(describeValue())") }
        case UInt8(ascii: "n"): if !matchLiteral("null") { throw fail("unexpected \(describeValue())") }
        default:
            if try scanNumber() == nil { throw fail("expected a value, found \(describeValue())") }
        }
    }

    /// What starts at `position`, for messages: `a string`, `an object`, `null`, or up to 20
    /// bytes of it, or `the end of the input`.
    func describeValue() -> String {
        guard position < bytes.count else { return "the end of the input" }
        switch bytes[position] {
        case UInt8(ascii: "\""): return "a string"
        case UInt8(ascii: "{"): return "an object"
        case UInt8(ascii: "["): return "an array"
        default:
            var end = position
            while end < bytes.count, end - position < 20 {
                let b = bytes[end]
                if b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || b == UInt8(ascii: "]") || b <= 0x20 { break }
                end += 1
            }
            if end == position { end = position + 1 }
            var text = ""
            for b in bytes[position ..< end] {
                text += (b >= 0x20 && b < 0x7F) ? String(UnicodeScalar(b)) : "\\x" + String(b, radix: 16)
            }
            return "'\(text)'"
        }
    }
}
