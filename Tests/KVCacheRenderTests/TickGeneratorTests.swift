import Testing
@testable import KVCacheRender

@Suite struct TickGeneratorTests {
    static func close(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
        (a - b).magnitude <= tolerance * max(1, a.magnitude, b.magnitude)
    }

    @Test(arguments: [
        (1.0, 5, 0.2), (0.4, 6, 0.05), (10.0, 10, 1), (200_000.0, 4, 50_000), (7.0, 1, 10), (0.003, 3, 0.001),
    ] as [(Double, Int, Double)])
    func niceStep_isOneTwoOrFiveTimesAPowerOfTen(_ span: Double, _ target: Int, _ expected: Double) {
        #expect(Self.close(TickGenerator.niceStep(span: span, targetCount: target), expected))
    }

    @Test func niceStep_degenerateSpans() {
        #expect(TickGenerator.niceStep(span: 0, targetCount: 5) == 1)
        #expect(TickGenerator.niceStep(span: .nan, targetCount: 5) == 1)
    }

    @Test func linear_labelsWithTheStepsDecimals() {
        let ticks = TickGenerator.linear(in: 0...1, targetCount: 5)
        #expect(ticks.map(\.label) == ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(zip(ticks.map(\.value), [0, 0.2, 0.4, 0.6, 0.8, 1]).allSatisfy { Self.close($0, $1) })
    }

    @Test func linear_largeValuesUseSuffixes() {
        #expect(TickGenerator.linear(in: 0...200_000, targetCount: 4).map(\.label) == ["0", "50k", "100k", "150k", "200k"])
        #expect(TickGenerator.linear(in: 0...5_000, targetCount: 5).map(\.label) == ["0", "1,000", "2,000", "3,000", "4,000", "5,000"])
        #expect(TickGenerator.linear(in: 0...3e6, targetCount: 3).map(\.label) == ["0", "1M", "2M", "3M"])
    }

    @Test func linear_negativeRangesHaveNoNegativeZero() {
        let ticks = TickGenerator.linear(in: -1...1, targetCount: 4)
        #expect(ticks.map(\.label) == ["-1.0", "-0.5", "0", "0.5", "1.0"])
        #expect(ticks.allSatisfy { $0.value != 0 || $0.value.sign == .plus })
    }

    @Test func niceDomain_linearWidensToSteps() {
        #expect(TickGenerator.niceDomain(for: [0.61, 0.99], scale: .linear, targetCount: 5) == 0.6...1.0)
        #expect(TickGenerator.niceDomain(for: [], scale: .linear) == 0...1)
        let single = TickGenerator.niceDomain(for: [5], scale: .linear)
        #expect(single.contains(5) && single.lowerBound < 5 && single.upperBound > 5)
        #expect(TickGenerator.niceDomain(for: [0, .nan, .infinity], scale: .linear).contains(0))
    }

    @Test func niceDomain_logSkipsNonPositiveAndSnapsToOneTwoFive() {
        #expect(TickGenerator.niceDomain(for: [3, 170_000], scale: .log10) == 2...200_000)
        #expect(TickGenerator.niceDomain(for: [0, -1, .nan, 3, 170_000, .infinity], scale: .log10) == 2...200_000)
        #expect(TickGenerator.niceDomain(for: [1, 200_000], scale: .log10) == 1...200_000)
        #expect(TickGenerator.niceDomain(for: [0, -5], scale: .log10) == 1...10)
        #expect(TickGenerator.niceDomain(for: [0.61, 0.99], scale: .log10) == 0.5...1)
    }

    @Test func log10_manyDecadesLabelsDecadesOnly() {
        let ticks = TickGenerator.log10(in: 1...200_000)
        #expect(ticks.compactMap(\.label) == ["1", "10", "100", "1k", "10k", "100k"])
        #expect(ticks.contains { $0.label == nil && Self.close($0.value, 200_000) })
        #expect(ticks.contains { $0.label == nil && Self.close($0.value, 2) })
    }

    @Test func log10_fewDecadesLabelsOneTwoFive() {
        #expect(TickGenerator.log10(in: 1...100).compactMap(\.label) == ["1", "2", "5", "10", "20", "50", "100"])
    }

    @Test func log10_belowADecadeLabelsEveryMultiple() {
        #expect(TickGenerator.log10(in: 0.5...1).compactMap(\.label) == ["0.5", "0.6", "0.7", "0.8", "0.9", "1"])
    }

    @Test func log10_tinyRangeFallsBackToLinearSteps() {
        let labels = TickGenerator.log10(in: 0.92...0.98).compactMap(\.label)
        #expect(labels.count >= 2)
        #expect(labels.allSatisfy { $0.hasPrefix("0.9") })
    }

    @Test func log10_smallValuesUseExponents() {
        let labels = TickGenerator.log10(in: 1e-6...1).compactMap(\.label)
        #expect(labels == ["1e-6", "1e-5", "1e-4", "0.001", "0.01", "0.1", "1"])
    }

    @Test func log10_hugeSpansKeepAtMostMaxLabels() {
        let ticks = TickGenerator.log10(in: 1...1e30, maxLabels: 10)
        #expect(ticks.filter(\.isLabelled).count <= 10)
        #expect(ticks.first?.label == "1")
        #expect(ticks.allSatisfy { $0.value.isFinite && $0.value > 0 })
    }

    @Test func log10_rejectsInvalidDomains() {
        #expect(TickGenerator.log10(in: 0...10).isEmpty)
        #expect(TickGenerator.log10(in: -5...10).isEmpty)
    }

    @Test func log10_prominenceRanksDecadesFirst() {
        let ticks = TickGenerator.log10(in: 1...100)
        #expect(ticks.first { Self.close($0.value, 10) }?.prominence == 0)
        #expect(ticks.first { Self.close($0.value, 20) }?.prominence == 1)
        #expect(ticks.first { Self.close($0.value, 30) }?.prominence == 2)
    }

    @Test func logLabel_examples() {
        #expect(TickGenerator.logLabel(0.01) == "0.01")
        #expect(TickGenerator.logLabel(0.7000000000000001) == "0.7")
        #expect(TickGenerator.logLabel(2_000) == "2k")
        #expect(TickGenerator.logLabel(5e6) == "5M")
        #expect(TickGenerator.logLabel(2e-5) == "2e-5")
        #expect(TickGenerator.logLabel(1e15) == "1e15")
    }
}
