// kvcache-bench: one measurement per process, so that peak memory (VmHWM) belongs to it.
// `scripts/bench.sh` prepares the inputs and runs the whole suite; see README "Benchmarks".
//
//   kvcache-bench ingest FILE [FORMAT] [BLOCK]      read + intern a trace (at BLOCK tokens, default 512)
//   kvcache-bench simulate FILE POLICY CAPACITY...  one simulation per capacity
//   kvcache-bench curve FILE POLICY                 exact one-pass curve (lru, prefix_lru, belady)
//   kvcache-bench golden FILE                       print golden hit counts (Swift literal) for tests
//   kvcache-bench zipf DIR N [IDS] [ALPHA] [SEED]   write the standard Zipf trace: N accesses over
//                                                   IDS ids (10^6), alpha 0.9, seed 42, as DIR/zipf10m.txt
//                                                   and DIR/zipf10m.oracleGeneral.bin (libCacheSim's
//                                                   24-byte records, next-access times filled in)
//   kvcache-bench zipf-stream N [IDS] [ALPHA] [SEED] [ids|oracle-general]
//                                                   the same trace (PortableZipf's ranks) to standard
//                                                   output, never held in memory: ids text (default)
//                                                   or 24-byte oracleGeneral records (time 0, size 1,
//                                                   next access -1: unknown in a stream)
import Foundation
import KVCacheAnalysis
import KVCacheCore

import KVCacheInput

func peakRSSMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kb / 1024
    }
    return 0
}

func fileMB(_ path: String) -> Double {
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.doubleValue ?? 0
    return size / 1e6
}

func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

func report(_ name: String, accesses: Int, seconds: Double, extra: String = "") {
    let rate = Double(accesses) / seconds / 1e6
    print("\(name)\taccesses=\(accesses)\tseconds=\(String(format: "%.3f", seconds))\tMaccesses/s=\(String(format: "%.1f", rate))\tpeakRSS_MiB=\(String(format: "%.0f", peakRSSMiB()))\t\(extra)")
}

/// Loads at 512-token blocks, or at `blockSizeTokens` (a trace with smaller blocks of its own,
/// such as sessions at 64, is re-blocked to 512 otherwise).
func load(_ path: String, _ format: String?, blockSizeTokens: Int = 512) throws -> Trace {
    try TraceLoader.load(path: path, format: format.flatMap(TraceFormat.init(rawValue:)), blockSizeTokens: blockSizeTokens)
}

/// The ids as text (one per line) and as libCacheSim oracleGeneral records: uint32 time 0,
/// uint64 id, uint32 size 1, int64 next access (1-based index of the next request to the same
/// id, or -1), little-endian.
func writeZipf(_ ranks: [UInt64], to dir: String) throws {
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    var next = [Int64](repeating: -1, count: ranks.count)
    var seen: [UInt64: Int] = [:]
    for i in stride(from: ranks.count - 1, through: 0, by: -1) {
        if let j = seen[ranks[i]] { next[i] = Int64(j + 1) }
        seen[ranks[i]] = i
    }
    var binary = Data(capacity: ranks.count * 24)
    var text = ""
    text.reserveCapacity(ranks.count * 8)
    for (i, id) in ranks.enumerated() {
        withUnsafeBytes(of: UInt32(0).littleEndian) { binary.append(contentsOf: $0) }
        withUnsafeBytes(of: id.littleEndian) { binary.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(1).littleEndian) { binary.append(contentsOf: $0) }
        withUnsafeBytes(of: next[i].littleEndian) { binary.append(contentsOf: $0) }
        text += String(id)
        text += "\n"
    }
    try binary.write(to: URL(fileURLWithPath: dir + "/zipf10m.oracleGeneral.bin"))
    try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/zipf10m.txt"))
}

/// Writes `n` ranks of `PortableZipfStream` to standard output through a 1 MiB buffer.
func writeZipfStream(n: Int, ids: Int, alpha: Double, seed: UInt64, binary: Bool) throws {
    var zipf = PortableZipfStream(seed: seed, universe: ids, alpha: alpha)
    let capacity = 1 << 20
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
    defer { buffer.deallocate() }
    var used = 0
    func flush() throws {
        var done = 0
        while done < used {
            let w = write(1, buffer + done, used - done)
            if w < 0 {
                if errno == EINTR { continue }
                throw InputError(file: "<stdout>", "write failed: \(String(cString: strerror(errno)))")
            }
            done += w
        }
        used = 0
    }
    var digits = [UInt8](repeating: 0, count: 24)
    for _ in 0 ..< n {
        let rank = zipf.next()
        if binary {
            if used + 24 > capacity { try flush() }
            let p = buffer + used
            p.storeBytes(of: UInt32(0).littleEndian, toByteOffset: 0, as: UInt32.self)
            p.storeBytes(of: rank.littleEndian, toByteOffset: 4, as: UInt64.self)
            p.storeBytes(of: UInt32(1).littleEndian, toByteOffset: 12, as: UInt32.self)
            p.storeBytes(of: Int64(-1).littleEndian, toByteOffset: 16, as: Int64.self)
            used += 24
        } else {
            if used + 21 > capacity { try flush() }
            var v = rank, k = 0
            repeat { digits[k] = UInt8(48 + v % 10); v /= 10; k += 1 } while v > 0
            for j in 0 ..< k { buffer.storeBytes(of: digits[k - 1 - j], toByteOffset: used + j, as: UInt8.self) }
            buffer.storeBytes(of: UInt8(10), toByteOffset: used + k, as: UInt8.self)
            used += k + 1
        }
    }
    try flush()
}

let args = Array(CommandLine.arguments.dropFirst())
guard let command = args.first, args.count >= 2 else {
    print("usage: kvcache-bench ingest FILE [FORMAT] | simulate FILE POLICY CAPACITY... | curve FILE POLICY [--stream] | golden FILE | zipf DIR N [IDS] [ALPHA] [SEED] | zipf-stream N [IDS] [ALPHA] [SEED] [ids|oracle-general]")
    exit(2)
}
do {
    let path = args[1]
    switch command {
    case "ingest":
        let block = args.count > 3 ? Int(args[3]) ?? 512 : 512
        let (trace, seconds) = try time { try load(path, args.count > 2 ? args[2] : nil, blockSizeTokens: block) }
        report("ingest \((path as NSString).lastPathComponent)", accesses: trace.accessCount, seconds: seconds,
               extra: "MB/s=\(String(format: "%.0f", fileMB(path) / seconds))\trequests=\(trace.requestCount)\tunique=\(trace.uniqueBlocks)")
    case "simulate":
        let trace = try load(path, nil)
        guard args.count > 3, let policy = try? PolicySpec.parse(args[2]) else { print("simulate FILE POLICY CAPACITY..."); exit(2) }
        for c in args[3...].compactMap({ Int($0) }) {
            let (r, seconds) = try time { try Simulator.run(trace: trace, policy: policy, capacity: c) }
            report("simulate \(policy) C=\(c)", accesses: trace.accessCount, seconds: seconds,
                   extra: "hit_ratio_block=\(String(format: "%.6f", r.hitRatio(.block)))")
        }
    case "curve" where args.contains("--stream"):
        // The trace in chunks, never held (MODEL 3.7): `curve FILE|- POLICY --stream [FORMAT]`.
        guard args.count > 2, let policy = try? PolicySpec.parse(args[2]), policy.hasOnePassCurve else { print("curve FILE POLICY --stream [FORMAT]"); exit(2) }
        let format = args.dropFirst(3).first { $0 != "--stream" }.flatMap(TraceFormat.init(rawValue:))
        let curve = try StreamingCurve(policy: policy)
        var accesses = 0
        let (_, seconds) = try time {
            try TraceLoader.stream(path: path, format: format, blockSizeTokens: 512) { chunk in
                accesses += chunk.accessCount
                curve.consume(chunk)
            }
        }
        let profile = curve.finish()
        let hits = profile.cumulative(.block).hits
        report("curve \(policy) streamed (all \(profile.uniqueBlocks) sizes)", accesses: accesses, seconds: seconds,
               extra: "hits@1000=\(hits[min(1000, hits.count - 1)])\thits@100000=\(hits[min(100_000, hits.count - 1)])")
    case "curve":
        let trace = try load(path, nil)
        guard args.count > 2, let policy = try? PolicySpec.parse(args[2]), policy.hasOnePassCurve else { print("curve FILE POLICY (lru, prefix_lru, belady)"); exit(2) }
        let (profile, seconds) = time {
            policy == .belady ? OPTProfile.profile(trace) : LRUStackDistances.profile(trace, policy: policy)
        }
        let hits = profile.cumulative(.block).hits
        report("curve \(policy) (all \(trace.uniqueBlocks) sizes)", accesses: trace.accessCount, seconds: seconds,
               extra: "hits@1000=\(hits[min(1000, hits.count - 1)])\thits@100000=\(hits[min(100_000, hits.count - 1)])")
    case "golden":
        let trace = try load(path, nil)
        let capacities = [2, 10, 100, 1000, 5000]
        print("// Generated by: swift run kvcache-bench golden \(path)")
        print("static let golden: [String: [(capacity: Int, block: Int, prefix: Int)]] = [")
        for kind in PolicyKind.allCases {
            let rows = try capacities.map { c -> String in
                // GoldenTests' split: L1 = max(1, C / 4).
                let l1 = max(1, c / 4)
                let policy = kind == .hierarchicalLRU ? PolicySpec.hierarchicalLRU(l1Share: Double(l1) / Double(c)) : PolicySpec(kind)
                let r = try Simulator.run(trace: trace, policy: policy, capacity: c)
                return "(\(c), \(r.hitsBlock), \(r.hitsPrefix))"
            }
            print("    \"\(kind.rawValue)\": [\(rows.joined(separator: ", "))],")
        }
        print("]")
    case "zipf-stream":
        guard let n = Int(path), n >= 0 else { print("zipf-stream N [IDS] [ALPHA] [SEED] [ids|oracle-general]"); exit(2) }
        let ids = args.count > 2 ? Int(args[2]) ?? 1_000_000 : 1_000_000
        let alpha = args.count > 3 ? Double(args[3]) ?? 0.9 : 0.9
        let seed = args.count > 4 ? UInt64(args[4]) ?? 42 : 42
        let binary = args.count > 5 && args[5] == "oracle-general"
        signal(SIGPIPE, SIG_IGN)
        try writeZipfStream(n: n, ids: ids, alpha: alpha, seed: seed, binary: binary)
    case "zipf":
        guard args.count > 2, let n = Int(args[2]), n >= 0 else { print("zipf DIR N [IDS] [ALPHA] [SEED]"); exit(2) }
        let ids = args.count > 3 ? Int(args[3]) ?? 1_000_000 : 1_000_000
        let alpha = args.count > 4 ? Double(args[4]) ?? 0.9 : 0.9
        let seed = args.count > 5 ? UInt64(args[5]) ?? 42 : 42
        let (trace, seconds) = time { PortableZipf(seed: seed, requests: n, universe: ids, alpha: alpha) }
        try writeZipf(trace.ranks, to: path)
        print("zipf accesses=\(n) ids=\(ids) alpha=\(alpha) seed=\(seed) seconds=\(String(format: "%.1f", seconds)) -> \(path)")
    default:
        print("unknown command \(command)")
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(2)
}
