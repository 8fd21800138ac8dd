import Foundation
import Testing

/// Renders every example chart to PNG with librsvg's `rsvg-convert`, when it is installed.
/// Set KVCACHE_KEEP_RENDERS to a directory to keep the SVGs and PNGs for a look.
@Suite struct RenderingTests {
    static let rsvgConvert: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for dir in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent("rsvg-convert")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }()

    @Test(.enabled(if: RenderingTests.rsvgConvert != nil, "rsvg-convert is not on PATH"))
    func everyExampleChart_rendersToANonEmptyPNG() throws {
        let tool = try #require(Self.rsvgConvert)
        let keep = ProcessInfo.processInfo.environment["KVCACHE_KEEP_RENDERS"]
        let dir = keep.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("kvcache-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(at: dir) } }

        for example in ChartExamples.all {
            let svg = dir.appendingPathComponent("\(example.name).svg")
            let png = dir.appendingPathComponent("\(example.name).png")
            try example.svg().write(to: svg, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = tool
            process.arguments = ["--format=png", "--output=\(png.path)", svg.path]
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "rsvg-convert failed on \(example.name)")
            let bytes = (try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0
            #expect(bytes > 1000, "\(example.name).png is empty or missing")
        }
    }
}
