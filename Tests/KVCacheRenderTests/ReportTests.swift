import Foundation
import KVCacheAnalysis
import KVCacheCore
import KVCacheInput
import KVCacheRender
import KVCacheTestSupport
import Testing

/// the report's content, determinism and the committed example.
@Suite struct ReportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The committed example, computed exactly as `reports/README.md`'s command does.
    static func sampleFiles() async throws -> [(String, String)] {
        let configPath = "configs/trace.yaml"
        let config = try SimulationConfig.load(path: root.appendingPathComponent(configPath).path)
        let trace = try WorkloadLoader.load(config)
        let request = ReportRequest(configPath: configPath, out: "reports/sample")
        let (_, shown) = request.present(config)
        let data = try await ReportData.compute(config: shown, trace: trace, inputName: "notebooks-data/sample_mooncake.jsonl",
                                                command: request.command, folder: root.appendingPathComponent("reports/sample").path)
        return ReportRenderer.files(data)
    }

    // The committed reports/sample/ is current: regenerate it and compare byte for byte.
    @Test func committedSampleReportIsCurrent() async throws {
        for (name, text) in try await Self.sampleFiles() {
            let committed = try String(contentsOf: Self.root.appendingPathComponent("reports/sample/\(name)"), encoding: .utf8)
            #expect(committed == text, "reports/sample/\(name) is out of date: run the command in reports/README.md")
        }
    }

    // MODEL 8.2: same inputs, byte-identical files; no absolute path, host or time inside.
    @Test func reportIsDeterministicAndNamesNoAbsolutePath() async throws {
        let a = try await Self.sampleFiles(), b = try await Self.sampleFiles()
        #expect(a.map(\.0) == b.map(\.0))
        for ((name, x), (_, y)) in zip(a, b) { #expect(x == y, "\(name) differs between runs") }
        for (name, text) in a {
            #expect(!text.contains(Self.root.path), "\(name) names an absolute path")
            #expect(!text.contains(ProcessInfo.processInfo.hostName) || ProcessInfo.processInfo.hostName.count < 4, "\(name) names the host")
        }
    }

    // the order of sections, the headline's bound and gap, embedded plots.
    @Test func reportSectionsInOrder() async throws {
        let files = try await Self.sampleFiles()
        let md = try #require(files.first { $0.0 == "report.md" }?.1)
        let sections = ["## Input", "## Headline", "## Miss-ratio curves", "## Capacity needed", "## Reuse profile", "## Length laws", "## Reproduce"]
        var last = md.startIndex
        for s in sections {
            let range = try #require(md.range(of: s, range: last ..< md.endIndex), "missing or out of order: \(s)")
            last = range.upperBound
        }
        for svg in files.map(\.0).filter({ $0.hasSuffix(".svg") }) {
            #expect(md.contains("](\(svg))"), "report.md does not embed \(svg)")
        }
        #expect(md.contains("upper bound (proven)") && md.contains("best known: ") && md.contains("infinite cache"))
        #expect(md.contains("### The same runs as each tool measures them"))
        #expect(md.contains("kvcache-sim report --config reports/sample/config.resolved.yaml --out reports/sample"))
        // Every table's data is in a CSV: the policies table has one row per policy.
        let policies = try #require(files.first { $0.0 == "policies.csv" }?.1)
        #expect(policies.split(separator: "\n").count == 1 + 7)
    }

    // MODEL 5.7, 5.9: gaps to the bound and to the best known are never negative, for every
    // policy (online, offline, bypassing) and semantics, with and without a warm-up, at a
    // capacity smaller than some requests; the best known policy's own gap is zero.
    @Test(arguments: [Warmup.none, .fraction(0.5)])
    func gapsAreNeverNegative(warmup: Warmup) async throws {
        var trace = TraceFixture.random(seed: 3, requests: 200, universe: 60, maxBlocks: 8)
        try trace.measure(after: warmup)
        var config = SimulationConfig()
        config.capacity = .blocks(6)
        config.blockSizeTokens = 4
        config.analysis.policies = [.lru, .fifo, .prefixLRU, .radixLRU]
        config.analysis.capacities = "1,5,10,60"
        let data = try await ReportData.compute(config: config, trace: trace, inputName: "fixture", command: "test")
        #expect(data.outcomes.count == 4 + 3)
        for semantics in HitSemantics.allCases {
            let best = try #require(data.references.bestKnown[semantics])
            for o in data.outcomes {
                #expect(o.gapToBound(semantics) >= 0, "\(o.policy) \(semantics)")
                #expect(o.gapToBestKnown(semantics) >= 0, "\(o.policy) \(semantics)")
                #expect(o.run.result.hits(semantics) <= data.references.bound.hits)
                if o.policy == best.policy { #expect(o.gapToBestKnown(semantics) == 0) }
            }
            #expect(data.references.bound.hitTokens <= data.references.ceiling.hitTokens)
        }
    }
}

/// The report's plots, parsed (issue 13): the MRC has a byte axis on top, the configured
/// capacity marked, the bound and the floor labelled and every line its own stroke; the length
/// histogram spreads over a log axis when lengths span decades.
@Suite struct ReportPlotTests {
    static func texts(_ svg: String) -> [String] { ChartAnnotationTests.texts(SVGParseProbe(), in: svg) }

    @Test func mrcPlot_hasByteAxisCapacityMarkerAndLabelledBound() async throws {
        let files = try await ReportTests.sampleFiles()
        let svg = try #require(files.first { $0.0 == "mrc.svg" }?.1)
        let probe = try #require(SVGParseProbe.parse(svg))
        let texts = Self.texts(svg)
        #expect(texts.contains("cache capacity (bytes of KV)"))
        #expect(texts.contains("1 GiB") && texts.contains("10 GiB") && texts.contains("100 GiB"))
        #expect(texts.contains { $0.hasPrefix("cache capacity (blocks of 64 MiB)") })
        #expect(texts.contains { $0.hasPrefix("configured: ") && $0.hasSuffix("GiB") })
        #expect(texts.contains("upper bound"))
        #expect(texts.filter { $0 == "compulsory floor (infinite cache)" }.count == 2)
        // Every curve differs from every other in colour or dash pattern.
        let paths = probe.attributes.filter { $0["d"] != nil }
        let styles = paths.map { "\($0["stroke"] ?? "") \($0["stroke-dasharray"] ?? "solid") \($0["stroke-width"] ?? "")" }
        #expect(Set(styles).count == paths.count)
        // The capacities span decades: log ticks.
        #expect(texts.contains("10") && texts.contains("100") && texts.contains("1k"))
    }

    @Test func lengthHistogram_usesALogAxisWhenLengthsSpanDecades() async throws {
        let files = try await ReportTests.sampleFiles()
        let svg = try #require(files.first { $0.0 == "input_length.svg" }?.1)
        let texts = Self.texts(svg)
        #expect(texts.contains { $0.contains("log scale") })
        // Bins fill the plot rather than its left fifth: the bars' x extents cover most of the width.
        let probe = try #require(SVGParseProbe.parse(svg))
        let bars = probe.attributes.filter { $0["fill"] == "#C9C9C9" && $0["width"] != nil && $0["x"] != nil }
        let lefts = bars.compactMap { Double($0["x"]!) }
        let plotWidth = Double(try #require(probe.attributes.first?["width"]).split(separator: ".").first!)!
        #expect((lefts.max() ?? 0) - (lefts.min() ?? 0) > 0.5 * plotWidth)
    }
}

/// MODEL 5.10: the report's conclusions are the curves' own numbers.
@Suite struct ConclusionsTests {
    @Test func conclusionsAgreeWithTheCurves() async throws {
        var trace = TraceFixture.random(seed: 11, requests: 300, universe: 80, maxBlocks: 6)
        trace.measure(from: 50)
        var config = SimulationConfig()
        config.capacity = .blocks(12)
        config.blockSizeTokens = 4
        config.policy = .prefixLRU
        config.analysis.policies = [.prefixLRU, .lru, .fifo]
        let data = try await ReportData.compute(config: config, trace: trace, inputName: "fixture", command: "test")
        let c = data.conclusions
        #expect(c.ceilingTokens == data.references.ceiling.hitTokens)
        #expect(c.targets.map(\.share) == [0.5, 0.9, 0.95, 0.99])
        for t in c.targets {
            #expect(t.tokens == Int((t.share * Double(c.ceilingTokens)).rounded(.up)))
            for (policy, need) in t.needs {
                let curve = try #require(data.curves.curves.first { $0.policy == policy && $0.semantics == .prefix })
                guard let need else {
                    #expect(curve.points.allSatisfy { $0.hitTokens < t.tokens }, "\(policy) reaches \(t.share) on the grid")
                    continue
                }
                if need.exact {
                    // The smallest capacity: a simulation there reaches the target, one block less does not.
                    let at = try Simulator.run(trace: trace, policy: policy, capacity: need.blocks)
                    #expect(at.hitTokensPrefix >= t.tokens, "\(policy) \(t.share)")
                    if need.blocks > 1 {
                        let below = try Simulator.run(trace: trace, policy: policy, capacity: need.blocks - 1)
                        #expect(below.hitTokensPrefix < t.tokens, "\(policy) \(t.share)")
                    }
                } else {
                    #expect(curve.points.first { $0.hitTokens >= t.tokens }?.capacityBlocks == need.blocks)
                }
            }
            if let best = t.best { #expect(t.needs.compactMap(\.need).allSatisfy { $0.blocks >= best.need.blocks }) }
            // Below the bound's reach no policy reaches the target, as the bound says.
            if let out = t.ruledOutAtOrBelow {
                for curve in data.curves.curves where curve.semantics == .prefix {
                    if let p = curve.points.first(where: { $0.capacityBlocks == out }) { #expect(p.hitTokens < t.tokens) }
                }
            }
        }
        let md = ReportRenderer.files(data).first { $0.0 == "report.md" }!.1
        #expect(md.contains("## Conclusions") && md.contains("of the achievable hit tokens") && md.contains("Assumptions: model `llama-3-8b`"))
        #expect(md.contains("warm-up") && md.contains("the first 50 are simulated"))
    }

    @Test func kneeOfASaturatingCurve() {
        // Hits rise quickly up to 100 blocks, then flatten: the knee is there.
        let points: [(Double, Double)] = [1, 3, 10, 30, 100, 300, 1000, 3000].map { x in (x, x <= 100 ? x : 100 + (x - 100) * 0.01) }
        #expect(Conclusions.knee(points) == 100)
        #expect(Conclusions.knee([(1, 5), (10, 5), (100, 5)]) == nil)
    }
}

/// MODEL 5.11: a report whose config asks for sampled curves uses them and says so.
@Suite struct SampledReportTests {
    @Test func sampledReportSaysSo() async throws {
        let trace = TraceFixture.random(seed: 21, requests: 400, universe: 120, maxBlocks: 5)
        var config = SimulationConfig()
        config.capacity = .blocks(20)
        config.blockSizeTokens = 4
        config.analysis.policies = [.lru, .fifo]
        config.analysis.sampleRate = 0.5
        let data = try await ReportData.compute(config: config, trace: trace, inputName: "fixture", command: "test")
        #expect(data.curves.sampleRate != nil && data.curves.bound == nil)
        #expect(data.curves.curves.allSatisfy { $0.method == .sampled })
        let files = ReportRenderer.files(data)
        let md = try #require(files.first { $0.0 == "report.md" }?.1)
        #expect(md.contains("These curves are sampled"))
        // ... and states the error measured on this run (MODEL 5.11).
        #expect(md.contains("Sampling error measured on this run (spread of 8 independent hash slices"))
        #expect(md.contains("mean standard error of the block miss ratio"))
        #expect(try #require(files.first { $0.0 == "mrc.csv" }?.1).contains(",sampled,"))
    }
}

