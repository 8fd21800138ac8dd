import Foundation
import KVCacheCore
import KVCacheInput

extension RunSummary {
    /// What a stream run did not keep (MODEL 3.7), listed in its JSON and its text summary.
    public static let notKeptInStream = [
        "ttft_ms.p50", "ttft_ms.p90", "ttft_ms.p99", "queueing (prefill_servers)", "throughput", "by_request_type", "by_turn",
        "lineage (parent requests and their warnings)",
    ]

    /// `simulate --stream --json` (MODEL 3.7, 9.2): the keys of `json(_:)` that a stream keeps,
    /// with the same meaning, plus `mode: "stream"`, `chunks` and `not_kept`. `ttft_ms` has only
    /// its mean, without queueing.
    public static func json(stream s: StreamSummary, config: SimulationConfig) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("name", .string(config.name)),
            ("mode", .string("stream")),
            ("trace", .string(s.source == "-" || s.source == "<stdin>" ? s.source : PathText.display(s.source))),
            ("requests", .int(s.totalRequests)),
            ("measured_requests", .int(s.requests)),
            ("warmup", .string(config.warmup.description)),
            ("accesses", .int(s.accesses)),
            ("unique_blocks", .int(s.uniqueBlocks)),
            ("chunks", .int(s.chunks)),
            ("policy", .string(s.policy.description)),
        ] + countFields(s, config: config, tierTokens: nil)
        if let mean = s.ttftMeanMs { fields.append(("ttft_ms", .object([("mean", .double(mean))]))) }
        fields.append(("definitions", definitions(s.definitions)))
        fields.append(("not_kept", .array(notKeptInStream.map { .string($0) })))
        fields.append(("warnings", .object(s.warnings.sortedKinds.map { ($0, .int(s.warnings.counts[$0] ?? 0)) })))
        return .object(fields)
    }

    /// The readable summary of a stream run.
    public static func text(stream s: StreamSummary) -> String {
        var lines = [
            "policy \(s.policy) at \(s.capacityBlocks) blocks, streamed: \(s.totalRequests) requests, \(s.totalAccesses) accesses, \(s.uniqueBlocks) unique blocks, \(s.chunks) chunks",
            "counted: \(s.requests) requests, \(s.accesses) accesses, \(s.inputTokens) input tokens",
        ]
        for row in s.definitions.rows {
            let counts = row.hits.map { h in " (\(h) / \(row.total ?? 0))" } ?? ""
            lines.append("  \(row.name): \(String(format: "%.6f", row.ratio))\(counts)")
        }
        lines.append("evictions: \(s.evictions)")
        if let mean = s.ttftMeanMs { lines.append("TTFT mean (no queueing): \(String(format: "%.3f", mean)) ms") }
        lines.append("not kept in stream mode: " + notKeptInStream.joined(separator: ", "))
        if !s.warnings.isEmpty {
            lines.append("warnings: " + s.warnings.sortedKinds.map { "\($0) \(s.warnings.counts[$0] ?? 0)" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
