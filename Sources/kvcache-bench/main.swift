import KVCacheCore
import Foundation
let t0 = Date()
let t = try TraceLoader.load(path: CommandLine.arguments[1], blockSizeTokens: 512)
print(t.requestCount, t.accessCount, t.uniqueBlocks, t.warnings.counts, Date().timeIntervalSince(t0))
