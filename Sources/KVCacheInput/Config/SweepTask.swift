import KVCacheCore

/// One task of a sweep (MODEL 9.5): one policy's curves over the capacity grid on one input, or
/// the input's upper bound (`policy == nil`). Its `id` is a short hash of its canonical text,
/// so it names the same work on every machine and in every run.
public struct SweepTask: Sendable, Equatable {
    /// Position in the plan: inputs in spec order, for each its policies in spec order, then
    /// its upper bound.
    public var index: Int
    /// Index of the input in `SweepSpec.inputs`.
    public var input: Int
    /// The policy, or nil for the upper bound (MODEL 5.7).
    public var policy: PolicySpec?
    /// Everything that determines the task's result, as text:
    /// `input=trace:PATH;policy=P;capacities=C;warmup=W;block_size_tokens=B;model=M`.
    public var canonical: String
    /// 12 hex digits of the FNV-1a 64-bit hash of `canonical`.
    public var id: String

    public init(index: Int, input: Int, policy: PolicySpec?, canonical: String) {
        self.index = index
        self.input = input
        self.policy = policy
        self.canonical = canonical
        self.id = String(Self.fnv1a(canonical) >> 16, radix: 16).leftPadded(to: 12)
    }

    /// The policy's name as in `mrc.csv` (`upper_bound` for the bound).
    public var policyName: String { policy?.description ?? "upper_bound" }

    /// The shard (1-based) that runs this task among `count`: round-robin by index,
    /// `index mod count + 1`.
    public func shard(of count: Int) -> Int { index % count + 1 }

    /// FNV-1a, 64 bits, over the UTF-8 bytes: stable across platforms and runs (Swift's
    /// `Hasher` is seeded per process).
    public static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }
}

extension String {
    fileprivate func leftPadded(to n: Int) -> String {
        count >= n ? self : String(repeating: "0", count: n - count) + self
    }
}
