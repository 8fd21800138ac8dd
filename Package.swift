// swift-tools-version:6.0
import PackageDescription

// Module graph (README "Where things live"); arrows point at dependencies:
//
//   kvcache-sim (CLI) ─> KVCacheRender ─> KVCacheAnalysis ─> KVCacheInput ─> KVCacheCore, CZlib, CZstd
//                                    └──────────> KVCacheStats <─┘   (GSL: CGSL)
//
//   KVCacheCore      the simulation core without YAML: traces, BlockCache, policies, simulator,
//                    time model (swift-collections' HeapModule; CPrefetch, a header-only C shim
//                    for the one hint Swift lacks, a cache prefetch, which the curves use too).
//   KVCacheStats     Swift wrappers over GSL: random variates, distributions, fits, tests; the only
//                    module importing CGSL.
//   KVCacheInput     trace readers, YAML config (Yams), synthetic workloads, atomic files; reads
//                    gzip and zstd input through zlib (CZlib) and libzstd (CZstd).
//   KVCacheAnalysis  computes only: stack distances, one-pass LRU and OPT curves, per-size sweeps,
//                    reuse histograms, fits of trace fields, validation.
//   KVCacheRender    every output format: JSON, CSV, Markdown, SVG, the report folder.
//   kvcache-sim      the command line: parses, calls, prints.
let package = Package(
    name: "kvcache-sim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kvcache-sim", targets: ["kvcache-sim"]),
        .library(name: "KVCacheCore", targets: ["KVCacheCore"]),
        .library(name: "KVCacheInput", targets: ["KVCacheInput"]),
        .library(name: "KVCacheAnalysis", targets: ["KVCacheAnalysis"]),
        .library(name: "KVCacheRender", targets: ["KVCacheRender"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]
        ),
        .target(name: "KVCacheStats", dependencies: ["CGSL"]),
        .target(name: "CPrefetch"),
        .target(name: "KVCacheCore", dependencies: ["CPrefetch", .product(name: "HeapModule", package: "swift-collections")]),
        .target(
            name: "KVCacheInput",
            dependencies: ["KVCacheCore", "KVCacheStats", "CZlib", "CZstd", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "KVCacheAnalysis", dependencies: ["KVCacheCore", "KVCacheInput", "KVCacheStats", "CPrefetch"]),
        .target(name: "KVCacheRender", dependencies: ["KVCacheCore", "KVCacheInput", "KVCacheAnalysis", "KVCacheStats"]),
        .executableTarget(
            name: "kvcache-sim",
            dependencies: [
                "KVCacheCore", "KVCacheInput", "KVCacheAnalysis", "KVCacheRender", "KVCacheStats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "kvcache-bench",
            dependencies: ["KVCacheCore", "KVCacheInput", "KVCacheAnalysis"],
            path: "Sources/kvcache-bench"
        ),
        .target(name: "KVCacheTestSupport", dependencies: ["KVCacheCore", "KVCacheInput"], path: "Tests/KVCacheTestSupport"),
        .testTarget(name: "KVCacheStatsTests", dependencies: ["KVCacheStats"]),
        .testTarget(name: "KVCacheCoreTests", dependencies: ["KVCacheCore", "KVCacheInput", "KVCacheRender", "KVCacheTestSupport"]),
        .testTarget(name: "KVCacheAnalysisTests", dependencies: ["KVCacheAnalysis", "KVCacheCore", "KVCacheInput", "KVCacheTestSupport"]),
        .testTarget(name: "KVCacheRenderTests", dependencies: ["KVCacheRender", "KVCacheAnalysis", "KVCacheInput", "KVCacheCore", "KVCacheTestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["KVCacheTestSupport"]),
    ]
)
