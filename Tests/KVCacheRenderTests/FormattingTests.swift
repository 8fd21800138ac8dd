import Testing
@testable import KVCacheRender

@Suite struct FormattingTests {
    @Test(arguments: [
        (0, "0"), (7, "7"), (999, "999"), (1_000, "1,000"), (1_234_567, "1,234,567"), (-1_234, "-1,234"),
        (Int.min, "-9,223,372,036,854,775,808"), (Int.max, "9,223,372,036,854,775,807"),
    ])
    func thousands_groupsIntegersByThree(_ n: Int, _ expected: String) {
        #expect(Formatting.thousands(n) == expected)
    }

    @Test func thousands_handlesUnsignedAndDoubles() {
        #expect(Formatting.thousands(UInt64.max) == "18,446,744,073,709,551,615")
        #expect(Formatting.thousands(1234.5, decimals: 1) == "1,234.5")
        #expect(Formatting.thousands(1234.5) == "1,235")
        #expect(Formatting.thousands(-0.4) == "0")
        #expect(Formatting.thousands(1e20) == "100,000,000,000,000,000,000")
        #expect(Formatting.thousands(Double.nan) == "NaN")
        #expect(Formatting.thousands(-Double.infinity) == "-∞")
    }

    @Test func fixed_roundsTheWrittenDecimalHalfAwayFromZero() {
        #expect(Formatting.fixed(1.005, decimals: 2) == "1.01")
        #expect(Formatting.fixed(0.125, decimals: 2) == "0.13")
        #expect(Formatting.fixed(2.5, decimals: 0) == "3")
        #expect(Formatting.fixed(-2.5, decimals: 0) == "-3")
        #expect(Formatting.fixed(0.5, decimals: 3) == "0.500")
        #expect(Formatting.fixed(-0.0, decimals: 1) == "0.0")
        #expect(Formatting.fixed(-0.04, decimals: 1) == "0.0")
        #expect(Formatting.fixed(99.96, decimals: 1) == "100.0")
        #expect(Formatting.fixed(1e-300, decimals: 2) == "0.00")
        #expect(Formatting.fixed(Double.leastNonzeroMagnitude, decimals: 0) == "0")
        #expect(Formatting.fixed(1.7976931348623157e308, decimals: 0).count == 309)
        #expect(Formatting.fixed(3.14159, decimals: -2) == "3")
    }

    @Test(arguments: [
        (0.36612, 4, "0.3661"), (12.34, 3, "12.3"), (0.5, 4, "0.5000"), (0, 4, "0.000"), (0, 1, "0"),
        (123_456, 4, "123,500"), (9.9996, 4, "10.00"), (-0.0012345, 3, "-0.00123"), (1.2345e20, 4, "1.235e20"),
        (1e-5, 3, "1.00e-5"), (0.0001, 2, "0.00010"), (999_999, 3, "1,000,000"), (1, 1, "1"),
    ] as [(Double, Int, String)])
    func significant_keepsTheRequestedDigits(_ x: Double, _ digits: Int, _ expected: String) {
        #expect(Formatting.significant(x, digits: digits) == expected)
    }

    @Test func significant_nonFiniteValues() {
        #expect(Formatting.significant(.nan) == "NaN")
        #expect(Formatting.significant(.infinity) == "∞")
        #expect(Formatting.significant(-.infinity) == "-∞")
    }

    @Test(arguments: [
        (0.36612, "36.6%"), (1, "100.0%"), (0, "0.0%"), (-0.0001, "0.0%"), (-0.05, "-5.0%"),
        (12.345, "1,234.5%"), (.nan, "NaN"), (.infinity, "∞"),
    ] as [(Double, String)])
    func percent_showsOneDecimal(_ ratio: Double, _ expected: String) {
        #expect(Formatting.percent(ratio) == expected)
    }

    @Test func percent_otherDecimals() {
        #expect(Formatting.percent(0.5, decimals: 0) == "50%")
        #expect(Formatting.percent(0.123456, decimals: 2) == "12.35%")
    }

    @Test(arguments: [
        (0.023, "+2.3 pts"), (-0.004, "-0.4 pts"), (0, "0.0 pts"), (0.0004, "0.0 pts"), (-0.0004, "0.0 pts"),
        (12.5, "+1,250.0 pts"), (.nan, "NaN"), (-.infinity, "-∞"),
    ] as [(Double, String)])
    func points_isAlwaysSignedUnlessZero(_ delta: Double, _ expected: String) {
        #expect(Formatting.points(delta) == expected)
    }

    @Test(arguments: [
        (0, "0 B"), (512, "512 B"), (1023, "1,023 B"), (1024, "1 KiB"), (1536, "1.5 KiB"), (16_384, "16 KiB"),
        (524_288, "512 KiB"), (1_048_575, "1 MiB"), (1_294_467, "1.23 MiB"), (1_610_612_736, "1.5 GiB"),
        (-2048, "-2 KiB"), (0.4, "0 B"), (-0.4, "0 B"), (1e30, "827,181 YiB"), (.nan, "NaN"), (.infinity, "∞"),
    ] as [(Double, String)])
    func bytes_usesBinaryUnits(_ count: Double, _ expected: String) {
        #expect(Formatting.bytes(count) == expected)
    }

    @Test func bytes_acceptsIntegers() {
        #expect(Formatting.bytes(Int64.max) == "8 EiB")
        #expect(Formatting.bytes(UInt64.max) == "16 EiB")
        #expect(Formatting.bytes(Int32(1 << 20)) == "1 MiB")
    }

    @Test(arguments: [
        (0, "0 ms"), (0.0123, "12.3 ms"), (0.5, "500 ms"), (0.9996, "1 s"), (1.5, "1.5 s"), (59.94, "59.9 s"),
        (3600, "3,600 s"), (-0.25, "-250 ms"), (4e-7, "0.0004 ms"), (.nan, "NaN"), (.infinity, "∞"),
    ] as [(Double, String)])
    func duration_inMillisecondsThenSeconds(_ seconds: Double, _ expected: String) {
        #expect(Formatting.duration(seconds: seconds) == expected)
    }

    @Test func duration_fromMilliseconds() {
        #expect(Formatting.duration(milliseconds: 250) == "250 ms")
        #expect(Formatting.duration(milliseconds: 1_250) == "1.25 s")
    }

    @Test func decimalDigits_parsesSwiftDescriptions() throws {
        let big = try #require(DecimalDigits(1.2345e20))
        #expect(big.digits == [1, 2, 3, 4, 5])
        #expect(big.pointPosition == 21)
        let small = try #require(DecimalDigits(0.00125))
        #expect(small.digits == [1, 2, 5])
        #expect(small.pointPosition == -2)
        #expect(DecimalDigits(0)?.isZero == true)
        #expect(DecimalDigits(-0.0)?.isNegative == false)
        #expect(DecimalDigits(.nan) == nil)
    }

    @Test func decimalDigits_roundingCarriesIntoANewDigit() throws {
        let r = try #require(DecimalDigits(999.96)).rounded(decimals: 1)
        #expect(r.digits == [1])
        #expect(r.pointPosition == 4)
    }
}
