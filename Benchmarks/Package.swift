// swift-tools-version: 6.1
// The benchmark harness of guidesite, a package of its own so that `swift test` of the root
// package never builds it. See docs/benchmarks.md.
//
//   swift run -c release --scratch-path .build generate-portal --articles 1000 --output .corpus/n1000
//   swift package --scratch-path .build benchmark            (micro-benchmarks, ordo-one/benchmark)
import PackageDescription

let package = Package(
    name: "guidesite-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "guidesite", path: ".."),
        // Malloc statistics through the interposer; its Linux ARC "RuntimeInterposer" trait needs a
        // package that is not available offline, so only this trait is enabled.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The deterministic generator of a French portal (guidesite content and a Hugo tree).
        .target(name: "PortalCorpus"),
        .executableTarget(name: "generate-portal", dependencies: ["PortalCorpus"]),
        // Micro-benchmarks of the hot parts of GuideSiteKit; sources under Benchmarks/ as the plugin expects.
        .executableTarget(
            name: "GuideSiteBenchmarks",
            dependencies: [
                "PortalCorpus",
                .product(name: "GuideSiteKit", package: "guidesite"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/GuideSiteBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
