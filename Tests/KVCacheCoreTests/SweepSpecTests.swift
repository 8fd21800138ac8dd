import Foundation
import KVCacheCore
import KVCacheInput
import Testing

// Sweep specs and task ids (MODEL 9.5).
@Suite("Sweep spec")
struct SweepSpecTests {
    let yaml = """
    traces:
      - a.jsonl
      - {path: b.csv, format: csv}
    configs: [c.yaml]
    policies: [lru, "s3fifo(small_ratio=0.2)"]
    capacities: "100:1000:log4"
    warmup: 0.5
    """

    @Test func tasksInOrderWithStableIds() throws {
        let spec = try SweepSpec.parse(yaml: yaml, file: "sweeps/s.yaml")
        #expect(spec.inputs.map(\.label) == ["a.jsonl", "b.csv", "c.yaml"])
        #expect(spec.inputs.map(\.path) == ["sweeps/a.jsonl", "sweeps/b.csv", "sweeps/c.yaml"])  // MODEL 8.3
        let tasks = spec.tasks()
        #expect(tasks.count == 3 * 3)
        #expect(tasks.map(\.index) == Array(0 ..< 9))
        #expect(tasks.map(\.policyName) == Array(repeating: ["lru", "s3fifo(small_ratio=0.2)", "upper_bound"], count: 3).flatMap { $0 })
        #expect(tasks[4].canonical == "input=trace:b.csv;format=csv;policy=s3fifo(small_ratio=0.2);capacities=100:1000:log4;warmup=0.5;block_size_tokens=default;model=default")
        #expect(Set(tasks.map(\.id)).count == 9)
        // Round-robin, 1-based.
        #expect(tasks.map { $0.shard(of: 4) } == [1, 2, 3, 4, 1, 2, 3, 4, 1])
        // The same spec parsed again (or from another folder) gives the same ids and digest.
        let again = try SweepSpec.parse(yaml: yaml, file: "/elsewhere/s.yaml")
        #expect(again.tasks().map(\.id) == tasks.map(\.id))
        #expect(again.digest() == spec.digest())
        // A changed grid changes every id.
        let other = try SweepSpec.parse(yaml: yaml.replacingOccurrences(of: "log4", with: "log5"), file: "s.yaml")
        #expect(Set(other.tasks().map(\.id)).isDisjoint(with: tasks.map(\.id)))
        #expect(spec.tasks().allSatisfy { $0.id.count == 12 })
    }

    @Test func fnv1aVectors() {
        // The published FNV-1a 64-bit test vectors: ids do not depend on the platform.
        #expect(SweepTask.fnv1a("") == 0xcbf2_9ce4_8422_2325)
        #expect(SweepTask.fnv1a("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(SweepTask.fnv1a("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test(arguments: [
        ("traces: [a]\npolicies: [lru]\ncapacity: 10\n", "capacity", "did you mean 'capacities'?"),
        ("traces: [a]\npolicies: [lur]\ncapacities: 10\n", "policies", "lru"),
        ("traces: [a]\npolicies: [lru, lru]\ncapacities: 10\n", "policies", "twice"),
        ("traces: [a]\ncapacities: 10\n", "policies", "at least one policy"),
        ("policies: [lru]\ncapacities: 10\n", "traces", "at least one input"),
        ("traces: [a]\npolicies: [lru]\n", "capacities", "capacity grid"),
        ("traces: [{path: a, format: jsonl}]\npolicies: [lru]\ncapacities: 10\n", "traces[0].format", "mooncake"),
        ("traces: [a]\npolicies: [lru]\ncapacities: 10\nmodel: llama-3-8\n", "model", "llama-3-8b"),
        ("traces: [a]\npolicies: [lru]\ncapacities: 10\nwarmup: 2x\n", "warmup", ""),
    ])
    func errorsNameTheKey(yaml: String, field: String, hint: String) throws {
        do {
            _ = try SweepSpec.parse(yaml: yaml, file: "s.yaml")
            Issue.record("expected an error for \(yaml)")
        } catch let e as InputError {
            #expect(e.field == field, "\(e)")
            #expect(e.file == "s.yaml")
            #expect(hint.isEmpty || e.message.contains(hint), "\(e)")
        }
    }
}
