import ArgumentParser
import KVCacheInput
import KVCacheRender

/// `kvcache-sim sweep plan`: the tasks of a spec, in order, with their ids (MODEL 9.5).
struct SweepPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "List the tasks of a sweep spec: index, id, input, policy (and the shard of each with --shards N)."
    )

    @Option(name: .long, help: "The sweep spec (YAML: traces, configs, policies, capacities, warmup, block_size_tokens, model, upper_bound).")
    var spec: String

    @Option(name: .long, help: "Show the shard (1-based) that runs each task when the sweep is cut into this many shards.")
    var shards: Int?

    @Flag(name: .long, help: "Also print each task's canonical text (what its id hashes).")
    var verbose = false

    func run() throws {
        if let shards, shards < 1 { throw ValidationError("--shards must be at least 1") }
        let s = try SweepSpec.load(path: spec)
        let tasks = s.tasks()
        var header = ["index", "id"]
        if shards != nil { header.append("shard") }
        header += ["input", "policy"]
        if verbose { header.append("canonical") }
        var rows = [header]
        for t in tasks {
            var row = [String(t.index), t.id]
            if let shards { row.append("\(t.shard(of: shards))/\(shards)") }
            row += [s.inputs[t.input].label, t.policyName]
            if verbose { row.append(t.canonical) }
            rows.append(row)
        }
        let widths = header.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        for row in rows {
            print(row.enumerated().map { c, cell in c == row.count - 1 ? cell : cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
                .joined(separator: "  "))
        }
        status("sweep \(s.digest()): \(tasks.count) tasks (\(s.inputs.count) inputs x \(s.policies.count) policies\(s.upperBound ? " + upper bound" : ""))")
    }
}
