import Foundation
import KVCacheCore

/// Combines the partial results of a sweep (MODEL 9.5) into `mrc.csv` and `summary.json`.
/// The output depends only on the set of task results: not on the order of the partials, nor
/// on how the tasks were cut into shards.
public enum SweepMerge {
    /// `mrc.csv`'s header: MODEL 9.3's, then the input each row belongs to.
    public static let csvHeader = "policy,semantics,capacity_blocks,capacity_bytes,accesses,hits,miss_ratio,hit_tokens,input_tokens,method,sample_rate,input"

    public struct Output: Sendable, Equatable {
        public var csv: String
        public var summary: String
        public var taskCount: Int
    }

    /// `partials` are (file, content) pairs. Refuses partials of different sweeps, a task whose
    /// results disagree between two files, and missing tasks (`InputError`, exit 2).
    public static func merge(_ partials: [(file: String, partial: SweepPartial)]) throws -> Output {
        guard let first = partials.first else { throw InputError("no partial results to merge (files named sweep-*-shard-*-of-*.json)") }
        var byIndex = [Int: (file: String, result: SweepResult)]()
        for (file, p) in partials {
            guard p.sweep == first.partial.sweep, p.taskCount == first.partial.taskCount else {
                throw InputError(file: file, "belongs to sweep \(p.sweep) (\(p.taskCount) tasks), not \(first.partial.sweep) (\(first.partial.taskCount) tasks) like \(first.file): partial results of different specs never merge")
            }
            for r in p.tasks {
                guard r.index >= 0, r.index < p.taskCount else {
                    throw InputError(file: file, "task #\(r.index) is outside the sweep's \(p.taskCount) tasks")
                }
                if let seen = byIndex[r.index] {
                    guard seen.result == r else {
                        throw InputError(file: file, "task #\(r.index) (\(r.id), \(r.policy) on \(r.input)) disagrees with the same task in \(seen.file): refusing to merge")
                    }
                } else {
                    byIndex[r.index] = (file, r)
                }
            }
        }
        let missing = (0 ..< first.partial.taskCount).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            let shown = missing.prefix(10).map { "#\($0)" }.joined(separator: ", ")
            throw InputError("missing \(missing.count) of \(first.partial.taskCount) tasks (\(shown)\(missing.count > 10 ? ", ..." : "")): run their shards (`kvcache-sim sweep plan --spec F --shards N` shows which) and merge again")
        }
        let results = (0 ..< first.partial.taskCount).map { byIndex[$0]!.result }
        var csv = csvHeader + "\n"
        for r in results {
            let input = CSV.field(r.input)
            for row in r.rows { csv += row + "," + input + "\n" }
        }
        let summary = JSONValue.object([
            ("sweep", .string(first.partial.sweep)),
            ("tasks", .int(results.count)),
            ("inputs", .array(unique(results.map(\.input)).map { .string($0) })),
            ("policies", .array(unique(results.map(\.policy)).map { .string($0) })),
            ("results", .array(results.map { $0.summary() })),
        ]).render() + "\n"
        return Output(csv: csv, summary: summary, taskCount: results.count)
    }

    private static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
