import KVCacheCore
import Foundation
let t0 = Date()
let t = try TraceLoader.load(path: CommandLine.arguments[1], blockSizeTokens: 512)
print(t.requestCount, t.accessCount, t.uniqueBlocks, t.warnings.counts, Date().timeIntervalSince(t0))
for p in PolicyKind.allCases {
  let t1 = Date()
  let r = Simulator.run(trace: t, policy: p, capacity: Int(CommandLine.arguments[2])!, tiers: (Int(CommandLine.arguments[2])!/2, Int(CommandLine.arguments[2])!/2))
  let dt = Date().timeIntervalSince(t1)
  print(p, r.hitsBlock, r.hitsPrefix, r.evictions, String(format: "%.3fs %.1fM/s", dt, Double(t.accessCount)/dt/1e6))
}
