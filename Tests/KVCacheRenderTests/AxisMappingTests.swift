import Testing
import KVCacheRender

@Suite struct AxisMappingTests {
    static func close(_ a: Double?, _ b: Double) -> Bool {
        guard let a else { return false }
        return (a - b).magnitude < 1e-9
    }

    @Test func linear_mapsEndsAndMiddle() {
        let m = AxisMapping(scale: .linear, domain: 0...10, pixelStart: 100, pixelEnd: 200)
        #expect(Self.close(m.pixel(0), 100))
        #expect(Self.close(m.pixel(5), 150))
        #expect(Self.close(m.pixel(10), 200))
        #expect(Self.close(m.pixel(-10), 0))
        #expect(m.pixel(.nan) == nil)
        #expect(m.pixel(.infinity) == nil)
    }

    @Test func vertical_bottomIsTheLowerBound() {
        let m = AxisMapping(scale: .linear, domain: 0.6...1.0, pixelStart: 400, pixelEnd: 100)
        #expect(Self.close(m.pixel(0.6), 400))
        #expect(Self.close(m.pixel(1.0), 100))
        #expect(Self.close(m.pixel(0.8), 250))
    }

    @Test func log_mapsDecadesEvenly() {
        let m = AxisMapping(scale: .log10, domain: 1...1000, pixelStart: 0, pixelEnd: 300)
        #expect(Self.close(m.pixel(1), 0))
        #expect(Self.close(m.pixel(10), 100))
        #expect(Self.close(m.pixel(100), 200))
        #expect(Self.close(m.pixel(1000), 300))
    }

    @Test(arguments: [0.0, -1.0, -0.0, Double.nan, Double.infinity, -Double.infinity])
    func log_skipsValuesItCannotShow(_ value: Double) {
        let m = AxisMapping(scale: .log10, domain: 1...1000, pixelStart: 0, pixelEnd: 300)
        #expect(m.pixel(value) == nil)
        #expect(!AxisScale.log10.canShow(value))
    }

    @Test func linear_showsZeroAndNegatives() {
        #expect(AxisScale.linear.canShow(0))
        #expect(AxisScale.linear.canShow(-3))
        #expect(!AxisScale.linear.canShow(.nan))
    }
}
