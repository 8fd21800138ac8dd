import Foundation
import Testing
import KVCacheAnalysis
import KVCacheCore
import KVCacheInput
import KVCacheTestSupport

/// MODEL 5.11: sampled curves from a stream (raw ids hashed before interning) and the error
/// measured on the run.
@Suite struct SampledStreamTests {
    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sampled-stream-\(UUID().uuidString).txt").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    // At rate 1 the stream's sample is the trace the ids reader builds, whatever the spacing,
    // signs and blank lines; at rate 0.3 it keeps exactly the ids whose raw hash is below the
    // threshold, in order.
    @Test func streamSampleMatchesTheReader() throws {
        var lines = ["7", " 12 ", "-3", "", "7\r", "18446744073709551615", "-9223372036854775808", "12", "0"]
        for i in 0 ..< 2000 { lines.append(String((i * 7919) % 301)) }
        let path = try write(lines.joined(separator: "\n"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let full = try TraceLoader.load(path: path, format: .ids, blockSizeTokens: 16)
        let all = try SampledIdStream.read(ByteStream.open(path), format: .ids, threshold: .max, seed: 3, blockSizeTokens: 16)
        #expect(all.accesses == full.accessCount)
        #expect(all.sample.blockIds == full.blockIds)
        #expect(all.sample.uniqueBlocks == full.uniqueBlocks)

        let threshold = SampledCurves.threshold(rate: 0.3)
        let some = try SampledIdStream.read(ByteStream.open(path), format: .ids, threshold: threshold, seed: 3, blockSizeTokens: 16)
        let raw: [UInt64] = lines.compactMap { l in
            let t = l.trimmingCharacters(in: .whitespacesAndNewlines)
            return t.hasPrefix("-") ? Int64(t).map { UInt64(bitPattern: $0) } : UInt64(t)
        }
        let kept = raw.filter { Trace.samplingHash(raw: $0, seed: 3) < threshold }
        var dense: [UInt64: Int32] = [:]
        let expected = kept.map { id -> Int32 in
            if let d = dense[id] { return d }
            dense[id] = Int32(dense.count)
            return Int32(dense.count - 1)
        }
        #expect(some.accesses == raw.count)
        #expect(some.sample.blockIds == expected)
        #expect(!expected.isEmpty && expected.count < raw.count)
    }

    // oracle-general records give the sample their ids give as text; a truncated record is
    // named by its byte offset.
    @Test func oracleGeneralStreamMatchesIds() throws {
        let ids: [UInt64] = (0 ..< 3000).map { UInt64(($0 * 7919) % 457) + 1_000_000_000_000 }
        var bytes = Data()
        for id in ids {
            withUnsafeBytes(of: UInt32(0).littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: id.littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: UInt32(1).littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: Int64(-1).littleEndian) { bytes.append(contentsOf: $0) }
        }
        let bin = FileManager.default.temporaryDirectory.appendingPathComponent("sampled-stream-\(UUID().uuidString).bin").path
        try bytes.write(to: URL(fileURLWithPath: bin))
        let text = try write(ids.map(String.init).joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(atPath: bin); try? FileManager.default.removeItem(atPath: text) }
        let threshold = SampledCurves.threshold(rate: 0.2)
        let a = try SampledIdStream.read(ByteStream.open(bin), format: .oracleGeneral, threshold: threshold, seed: 9, blockSizeTokens: 1)
        let b = try SampledIdStream.read(ByteStream.open(text), format: .ids, threshold: threshold, seed: 9, blockSizeTokens: 1)
        #expect(a.accesses == 3000 && b.accesses == 3000)
        #expect(a.sample.blockIds == b.sample.blockIds && a.hashes == b.hashes && !a.hashes.isEmpty)
        try bytes.prefix(24 * 10 + 5).write(to: URL(fileURLWithPath: bin))
        #expect(throws: InputError.self) {
            _ = try SampledIdStream.read(ByteStream.open(bin), format: .oracleGeneral, threshold: threshold, seed: 9, blockSizeTokens: 1)
        }
    }

    // A malformed line names the file, the line and the field.
    @Test func badLinesAreNamed() throws {
        for (text, line) in [("1\n2\nx3\n", 3), ("1\n12 4\n", 2), ("5\n99999999999999999999\n", 2), ("-\n", 1)] {
            let path = try write(text)
            defer { try? FileManager.default.removeItem(atPath: path) }
            do {
                _ = try SampledIdStream.read(ByteStream.open(path), format: .ids, threshold: .max, seed: 0, blockSizeTokens: 1)
                Issue.record("\(text.debugDescription) was accepted")
            } catch let e as InputError {
                #expect(e.line == line && e.field == "id" && e.file == path, "\(e)")
            }
        }
    }

    // The error measured on the run (spread of the hash slices) is of the size of the actual
    // error: on 200,000 Zipf(0.9) accesses over 20,000 ids at rate 0.1, the expected mean
    // absolute error is within a factor 4 of the measured one over the grid's capacities that
    // have an estimate.
    @Test func measuredErrorMatchesTheActualError() async throws {
        let zipf = PortableZipf(seed: 5, requests: 200_000, universe: 20_000, alpha: 0.9)
        let trace = TraceFixture.make(zipf.ranks.map { [Int($0)] })
        let caps = CapacityGrid.logSpaced(from: 100, to: 20_000, count: 20)
        let exact = await CurveSet.compute(trace, policies: [.lru], capacities: caps, blockBytes: 1, bound: false)
        let sampled = await SampledCurves.compute(trace, policies: [.lru], capacities: caps, blockBytes: 1, sampling: .rate(0.1))
        let error = try #require(sampled.sampledError)
        let lru = try #require(error.curves.first { $0.policy == .lru && $0.semantics == .block })
        let estimated = try #require(lru.expectedMeanAbsoluteError)
        let e = exact.curves[0], s = sampled.curves[0]
        let actual = zip(zip(e.points, s.points), lru.standardErrors).compactMap { pair, se in
            se.map { _ in abs(e.missRatio(pair.0) - s.missRatio(pair.1)) }
        }
        let mae = actual.reduce(0, +) / Double(max(1, actual.count))
        print("measured on the run: expected MAE \(estimated); actual MAE \(mae) over \(actual.count) capacities")
        #expect(actual.count >= 10)
        #expect(estimated > mae / 4 && estimated < mae * 4, "estimated \(estimated), actual \(mae)")
    }

    // The Zipf id stream (rejection-inversion): deterministic per seed, in 1 ... N, and with
    // the law's frequencies (rank 1 and the mass of ranks 1 ... 10 within 3 standard errors).
    @Test func zipfIdStreamDrawsTheLaw() throws {
        let g = try ZipfIdStream(ids: 1000, alpha: 0.9, accesses: 1, seed: 11)
        let a = g.draws(200_000), b = g.draws(200_000)
        #expect(a == b)
        #expect(try ZipfIdStream(ids: 1000, alpha: 0.9, accesses: 1, seed: 12).draws(1000) != Array(a.prefix(1000)))
        #expect(a.allSatisfy { $0 >= 1 && $0 <= 1000 })
        let h = (1 ... 1000).reduce(0.0) { $0 + pow(Double($1), -0.9) }
        for (ranks, p) in [(1 ... 1, 1 / h), (1 ... 10, (1 ... 10).reduce(0.0) { $0 + pow(Double($1), -0.9) } / h)] {
            let share = Double(a.filter { ranks.contains(Int($0)) }.count) / Double(a.count)
            let se = (p * (1 - p) / Double(a.count)).squareRoot()
            #expect(abs(share - p) < 3 * se, "ranks \(ranks): \(share) vs \(p)")
        }
        #expect(try ZipfIdStream(ids: 5, alpha: 0, accesses: 1, seed: 1).draws(1000).allSatisfy { $0 >= 1 && $0 <= 5 })
        #expect(throws: InputError.self) { try ZipfIdStream(ids: 0, alpha: 0.9, accesses: 1, seed: 1) }
        #expect(throws: InputError.self) { try ZipfIdStream(ids: 10, alpha: -1, accesses: 1, seed: 1) }
    }
}
