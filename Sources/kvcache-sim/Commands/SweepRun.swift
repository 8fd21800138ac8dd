import ArgumentParser
import Foundation
import KVCacheAnalysis
import KVCacheCore
import KVCacheInput
import KVCacheRender

/// `kvcache-sim sweep run`: the tasks of one shard, written as one partial result, atomically
/// (MODEL 9.5, 8.1): computed whole in memory first, so a failed shard leaves no file; the
/// same spec and shard give the same bytes, so a rerun is safe.
struct SweepRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one shard of a sweep and write its partial result (sweep-DIGEST-shard-I-of-N.json) to --out, atomically.",
        discussion: "Shard i of N (1-based) runs the tasks whose index mod N is i-1. Rerunning a shard rewrites the same bytes."
    )

    @Option(name: .long, help: "The sweep spec (YAML).")
    var spec: String

    @Option(name: .long, help: "The shard to run, i/N with 1 <= i <= N; 1/1 runs every task.")
    var shard: ShardArgument = ShardArgument(index: 1, count: 1)

    @Option(name: .long, help: "Folder for the partial result (created if missing).")
    var out: String

    func run() async throws {
        let s = try SweepSpec.load(path: spec)
        let all = s.tasks()
        let mine = all.filter { $0.shard(of: shard.count) == shard.index }
        var results = [SweepResult]()
        for (inputIndex, input) in s.inputs.enumerated() {
            let tasks = mine.filter { $0.input == inputIndex }
            if tasks.isEmpty { continue }
            let config = try s.config(for: input)
            let trace = try WorkloadLoader.load(config)
            let gridSpec: String
            do { gridSpec = try CapacityGrid.inBlocks(s.capacities, blockBytes: config.blockBytes) } catch let e as InputError {
                throw InputError(file: spec, field: "capacities", e.message)
            }
            let grid: [Int]
            do { grid = try CapacityGrid.parse(gridSpec, uniqueBlocks: trace.uniqueBlocks) } catch let e as InputError {
                throw InputError(file: spec, field: "capacities", e.message)
            }
            for t in tasks {
                status("task #\(t.index) \(t.id): \(t.policyName) on \(input.label)")
                let set = await CurveSet.compute(trace, policies: t.policy.map { [$0] } ?? [], capacities: grid,
                                                 blockBytes: config.blockBytes, bound: t.policy == nil)
                results.append(SweepResult(task: t, input: input.label, set: set))
            }
        }
        let digest = s.digest()
        let partial = SweepPartial(sweep: digest, taskCount: all.count, shard: "\(shard.index)/\(shard.count)", tasks: results)
        let path = out + "/" + SweepPartial.fileName(sweep: digest, shard: shard.index, of: shard.count)
        try AtomicFile.write(try partial.encoded(), to: path, inputs: [spec] + s.inputs.map(\.path))
        status("wrote \(path) (\(results.count) of \(all.count) tasks)")
    }
}
