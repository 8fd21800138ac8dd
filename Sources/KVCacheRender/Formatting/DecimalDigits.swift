/// A finite `Double` as a string of decimal digits, read from Swift's shortest round-trip
/// `description` (which is locale-independent), so that rounding happens on the decimal a
/// person would write: 1.005 rounds to 1.01, not to 1.00 as `printf` does on the binary value.
///
/// The value is `0.d₁d₂d₃… × 10^pointPosition`, i.e. `pointPosition` digits stand before the
/// decimal point. Zero has no digits. Rounding is half away from zero.
struct DecimalDigits: Equatable, Sendable {
    var isNegative: Bool
    /// Digits 0…9, no leading or trailing zeros; empty for zero.
    var digits: [UInt8]
    var pointPosition: Int

    var isZero: Bool { digits.isEmpty }

    /// nil for NaN and infinities.
    init?(_ value: Double) {
        guard value.isFinite else { return nil }
        isNegative = value.sign == .minus
        let text = value.magnitude.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = parts[0]
        let fractionPart = parts.count > 1 ? parts[1] : ""
        var all: [UInt8] = (integerPart + fractionPart).compactMap { $0.wholeNumberValue.map(UInt8.init) }
        var point = integerPart.count + exponent
        let leading = all.prefix { $0 == 0 }.count
        all.removeFirst(leading)
        point -= leading
        while all.last == 0 { all.removeLast() }
        digits = all
        pointPosition = all.isEmpty ? 0 : point
        if all.isEmpty { isNegative = false }
    }

    /// Decimal exponent of the leading digit (floor(log10|x|)); meaningless for zero.
    var leadingExponent: Int { pointPosition - 1 }

    /// Rounded half away from zero to `decimals` places after the point (negative: to tens,
    /// hundreds, …).
    func rounded(decimals: Int) -> DecimalDigits {
        let keep = pointPosition + decimals
        if keep >= digits.count { return self }
        var result = self
        if keep < 0 {
            result.digits = []
            result.pointPosition = 0
            result.isNegative = false
            return result
        }
        let roundUp = digits[keep] >= 5
        var kept = Array(digits[..<keep])
        var point = pointPosition
        if roundUp {
            var i = kept.count - 1
            while i >= 0 && kept[i] == 9 {
                kept[i] = 0
                i -= 1
            }
            if i >= 0 {
                kept[i] += 1
            } else {
                kept.insert(1, at: 0)
                point += 1
            }
        }
        while kept.last == 0 { kept.removeLast() }
        result.digits = kept
        result.pointPosition = kept.isEmpty ? 0 : point
        if kept.isEmpty { result.isNegative = false }
        return result
    }

    /// Rounded to `significant` digits (at least 1).
    func rounded(significant: Int) -> DecimalDigits {
        if isZero { return self }
        return rounded(decimals: max(1, significant) - pointPosition)
    }

    /// The digits of the integer part, "0" when there is none.
    var integerDigits: String {
        if pointPosition <= 0 { return "0" }
        var s = ""
        for i in 0..<pointPosition {
            s.append(i < digits.count ? Character(String(digits[i])) : "0")
        }
        return s
    }

    /// Exactly `count` digits after the point (padded with zeros; not rounded: round first).
    func fractionDigits(_ count: Int) -> String {
        var s = ""
        guard count > 0 else { return s }
        for k in 0..<count {
            let i = pointPosition + k
            s.append(i >= 0 && i < digits.count ? Character(String(digits[i])) : "0")
        }
        return s
    }

    /// Fixed-point text with `decimals` places; call on an already rounded value.
    func fixedText(decimals: Int, grouping: Bool) -> String {
        var integer = integerDigits
        if grouping { integer = DecimalDigits.grouped(integer) }
        let fraction = fractionDigits(decimals)
        let sign = isNegative && !isZero ? "-" : ""
        return fraction.isEmpty ? sign + integer : sign + integer + "." + fraction
    }

    /// "1234567" → "1,234,567".
    static func grouped(_ integerDigits: String) -> String {
        let chars = Array(integerDigits)
        var out = ""
        for (i, c) in chars.enumerated() {
            if i > 0 && (chars.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
