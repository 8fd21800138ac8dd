import Foundation
import KVCacheInput
import Testing
#if canImport(Glibc)
import Glibc
#endif

// Inputs on the command line (README "Inputs", MODEL 9.1): `--trace -` reads standard input
// through a pipe, gzip and zstd are recognised by their first bytes, and bad inputs exit 2 with
// the message on stderr and nothing on stdout. Uses `run`, `makeTempDir` and `packageRoot` from
// CLITests.swift.

// MARK: - Helpers (private to this file)

/// Runs `kvcache-sim args...` in the package root with `input` written to its standard input
/// through a pipe (as `cat F | kvcache-sim ...`); output goes through files.
func run(_ args: [String], stdin input: Data, sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
    let binary = try #require(binaryPath, "run `swift build` first: the kvcache-sim executable was not found",
                              sourceLocation: sourceLocation)
    signal(SIGPIPE, SIG_IGN)  // the child may stop reading early (a bad input): no signal for the writer
    let dir = try makeTempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let outURL = dir.appendingPathComponent("stdout"), errURL = dir.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
    let pipe = Pipe()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = args
    process.currentDirectoryURL = packageRoot
    process.standardInput = pipe
    process.standardOutput = outHandle
    process.standardError = errHandle
    try process.run()
    let writer = pipe.fileHandleForWriting
    let feeder = Thread {
        try? writer.write(contentsOf: input)
        try? writer.close()
    }
    feeder.start()
    process.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    return RunResult(status: process.terminationStatus,
                     stdout: try Data(contentsOf: outURL), stderr: try Data(contentsOf: errURL))
}

/// A `simulate --json` summary without the keys that name the input.
private func summaryWithoutInputName(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) throws -> NSDictionary {
    var j = try jsonObject(data, sourceLocation: sourceLocation)
    j["name"] = nil
    j["trace"] = nil
    return NSDictionary(dictionary: j)
}

private let sample = "notebooks-data/sample_mooncake.jsonl"

// MARK: - Tests

@Suite("kvcache-sim inputs: standard input, compression, bad inputs")
struct InputCommandTests {
    /// The sample trace's bytes.
    static func sampleBytes() throws -> [UInt8] {
        Array(try Data(contentsOf: packageRoot.appendingPathComponent(sample)))
    }

    // `cat T.jsonl.gz | kvcache-sim simulate --trace - --json` equals the plain file's summary,
    // the format inferred from the decompressed bytes; the same for zstd and plain text.
    @Test(arguments: [ByteStream.Compression.gzip, .zstd, .none])
    func compressedStandardInputEqualsThePlainFile(_ compression: ByteStream.Compression) throws {
        let args = ["simulate", "--capacity-blocks", "500", "--policy", "prefix_lru", "--json"]
        let plain = try run(args + ["--trace", sample])
        #expect(plain.status == 0, "stderr: \(plain.err)")
        let packed = Data(try ByteStream.compress(try Self.sampleBytes(), as: compression))
        let piped = try run(args + ["--trace", "-"], stdin: packed)
        #expect(piped.status == 0, "stderr: \(piped.err)")
        let a = try summaryWithoutInputName(plain.stdout), b = try summaryWithoutInputName(piped.stdout)
        #expect(a == b)
        #expect((try jsonObject(piped.stdout))["requests"] as? NSNumber == 3000)
    }

    // A compressed file given by name, whatever its extension, reads as the plain one.
    @Test func compressedFileByNameEqualsThePlainFile() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["mrc", "--capacities", "100,1000", "--policies", "lru,belady", "--json"]
        let plain = try run(args + ["--trace", sample, "--out", dir.appendingPathComponent("a").path])
        #expect(plain.status == 0, "stderr: \(plain.err)")
        let packed = dir.appendingPathComponent("sample.csv")  // misleading: zstd JSONL
        try Data(try ByteStream.compress(try Self.sampleBytes(), as: .zstd)).write(to: packed)
        let other = try run(args + ["--trace", packed.path, "--out", dir.appendingPathComponent("b").path])
        #expect(other.status == 0, "stderr: \(other.err)")
        #expect(plain.stdout == other.stdout)
    }

    // MODEL 9.1: bad inputs exit 2, the message (naming the input) on stderr, nothing on stdout.
    @Test func badStandardInputExits2() throws {
        let truncated = Data(try ByteStream.compress(try Self.sampleBytes(), as: .gzip).prefix(5000))
        let cases: [(String, Data, String)] = [
            ("empty", Data(), "<stdin>: is empty"),
            ("binary", Data([0x00, 0x9C, 0xFF, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06]), "<stdin>: not a trace: starts with bytes 00 9c ff 01 02 03 04 05 ..."),
            ("truncated gzip", truncated, "<stdin>: corrupt gzip data: "),
            ("blank", Data("\n\n  \n".utf8), "<stdin>: has only blank lines"),
            ("duplicate key", Data("{\"input_length\": 512, \"hash_ids\": [1], \"hash_ids\": [2]}\n".utf8),
             "<stdin>:1: field 'hash_ids': duplicate key"),
        ]
        for (what, input, message) in cases {
            let r = try run(["simulate", "--trace", "-", "--capacity-blocks", "5", "--json"], stdin: input)
            #expect(r.status == 2, "\(what): stderr: \(r.err)")
            #expect(r.err.contains(message), "\(what): stderr: \(r.err)")
            #expect(r.stdout.isEmpty, "\(what)")
        }
    }

    @Test func badTraceFilesExit2() throws {
        let dir = try makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = try run(["simulate", "--trace", dir.path, "--capacity-blocks", "5", "--json"])
        #expect(folder.status == 2)
        // An empty directory is a sessions trace with no session in it (MODEL 2.7).
        #expect(folder.err.contains("\(dir.path): no session files in the directory"), "stderr: \(folder.err)")
        #expect(folder.stdout.isEmpty)
        // stdin comes only from the command line: a config's trace_path "-" names a file.
        let config = dir.appendingPathComponent("stdin.yaml")
        try Data("workload:\n  type: trace\n  trace_path: \"-\"\n".utf8).write(to: config)
        let c = try run(["simulate", "--config", config.path, "--json"])
        #expect(c.status == 2)
        #expect(c.err.contains("trace_path"), "stderr: \(c.err)")
        #expect(c.stdout.isEmpty)
        // Binary bytes forced to be read as text: an error naming the line, not a crash.
        let zeros = dir.appendingPathComponent("zeros")
        try Data(count: 1 << 20).write(to: zeros)
        let z = try run(["simulate", "--trace", zeros.path, "--format", "ids", "--capacity-blocks", "5"])
        #expect(z.status == 2)
        #expect(z.err.contains("\(zeros.path):1: field 'id'"), "stderr: \(z.err)")
    }
}
