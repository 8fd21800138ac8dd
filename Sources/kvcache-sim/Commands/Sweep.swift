import ArgumentParser

/// `kvcache-sim sweep`: many traces/configs x policies over one capacity grid, cut into tasks
/// that shards run on many machines and a merge combines (MODEL 9.5).
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Sweeps past one machine: plan the tasks of a sweep.yaml, run one shard of them, merge the partial results into mrc.csv and summary.json.",
        discussion: """
        A task is one policy's curves over the capacity grid on one input (trace or config), or an input's upper bound.
        Shard i of N (1-based) runs the tasks whose index mod N is i-1 (round-robin). Example:
          kvcache-sim sweep plan --spec configs/sweep.yaml --shards 3
          for i in 1 2 3; do kvcache-sim sweep run --spec configs/sweep.yaml --shard $i/3 --out parts; done
          kvcache-sim sweep merge parts --out merged
        """,
        subcommands: [SweepPlan.self, SweepRun.self, SweepMergeCommand.self]
    )
}

/// `--shard i/N`, 1-based.
struct ShardArgument: ExpressibleByArgument, Sendable {
    var index: Int
    var count: Int

    init?(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n else { return nil }
        index = i
        count = n
    }

    init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    var defaultValueDescription: String { "\(index)/\(count)" }

    static var defaultCompletionKind: CompletionKind { .default }
}
