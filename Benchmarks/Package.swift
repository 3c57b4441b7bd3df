// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "guidesite-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: []),
    ],
    targets: [
    ]
)
