import Foundation
import KVCacheCore

/// What one `sweep run --shard i/N` writes (MODEL 9.5): the results of its tasks, tagged with
/// the sweep's digest and task count so that a merge can check it has every task of one sweep.
/// Nothing in it depends on the time, the machine or the number of threads.
public struct SweepPartial: Codable, Sendable, Equatable {
    public static let formatName = "kvcache-sim-sweep-partial/1"

    public var format = SweepPartial.formatName
    /// `SweepSpec.digest()`.
    public var sweep: String
    public var taskCount: Int
    /// `i/N`.
    public var shard: String
    /// In task order.
    public var tasks: [SweepResult]

    public init(sweep: String, taskCount: Int, shard: String, tasks: [SweepResult]) {
        self.sweep = sweep
        self.taskCount = taskCount
        self.shard = shard
        self.tasks = tasks.sorted { $0.index < $1.index }
    }

    /// The partial's file name: `sweep-DIGEST-shard-I-of-N.json`.
    public static func fileName(sweep: String, shard: Int, of count: Int) -> String {
        "sweep-\(sweep)-shard-\(shard)-of-\(count).json"
    }

    /// Deterministic JSON text (sorted keys), so a rerun writes the same bytes.
    public func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Reads a partial file; a file that is not one is an `InputError` naming it.
    public static func read(path: String) throws -> SweepPartial {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, "cannot read the partial result")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let partial: SweepPartial
        do { partial = try decoder.decode(SweepPartial.self, from: data) } catch {
            throw InputError(file: path, "not a sweep partial result (\(formatName)): \(error)")
        }
        guard partial.format == formatName else {
            throw InputError(file: path, "format '\(partial.format)' is not \(formatName)")
        }
        return partial
    }
}
