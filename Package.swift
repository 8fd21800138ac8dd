// swift-tools-version:6.0
import PackageDescription

// Module map (see README "Where things live"):
//   CGSL             C door to GNU GSL (system library found by pkg-config `gsl`); only KVCacheStats imports it.
//   KVCacheStats     Swift wrappers over GSL: random variates, distributions, maximum-likelihood fits, tests.
//   KVCacheCore      requests, traces and their readers, config, synthetic workloads, policies, simulator, time model.
//   KVCacheAnalysis  stack distances, one-pass LRU and OPT curves, per-size sweeps, reuse histograms, validation.
//   KVCacheReport    SVG plots, Markdown/CSV tables and the report writer.
//   kvcache-sim      the thin command-line front end.
let package = Package(
    name: "kvcache-sim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kvcache-sim", targets: ["kvcache-sim"]),
        .library(name: "KVCacheCore", targets: ["KVCacheCore"]),
        .library(name: "KVCacheAnalysis", targets: ["KVCacheAnalysis"]),
        .library(name: "KVCacheReport", targets: ["KVCacheReport"]),
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
        .target(name: "KVCacheStats", dependencies: ["CGSL"]),
        .target(
            name: "KVCacheCore",
            dependencies: [
                "KVCacheStats",
                .product(name: "Yams", package: "Yams"),
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        .target(name: "KVCacheAnalysis", dependencies: ["KVCacheCore", "KVCacheStats"]),
        .target(name: "KVCacheReport", dependencies: ["KVCacheCore", "KVCacheAnalysis", "KVCacheStats"]),
        .executableTarget(
            name: "kvcache-sim",
            dependencies: [
                "KVCacheCore", "KVCacheAnalysis", "KVCacheReport", "KVCacheStats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "kvcache-bench",
            dependencies: ["KVCacheCore", "KVCacheAnalysis"],
            path: "Sources/kvcache-bench"
        ),
        .target(name: "KVCacheTestSupport", dependencies: ["KVCacheCore"], path: "Tests/KVCacheTestSupport"),
        .testTarget(name: "KVCacheStatsTests", dependencies: ["KVCacheStats"]),
        .testTarget(name: "KVCacheCoreTests", dependencies: ["KVCacheCore", "KVCacheTestSupport"]),
        .testTarget(name: "KVCacheAnalysisTests", dependencies: ["KVCacheAnalysis", "KVCacheCore", "KVCacheTestSupport"]),
        .testTarget(name: "KVCacheReportTests", dependencies: ["KVCacheReport", "KVCacheAnalysis", "KVCacheCore", "KVCacheTestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["KVCacheTestSupport"]),
    ]
)
