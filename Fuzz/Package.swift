// swift-tools-version: 6.0
// libFuzzer targets for guidesite's parsers. A separate package, so the root package and CI
// never build with the fuzzer sanitizer. Build and run with `scripts/fuzz.sh [seconds]`, or:
//   swift build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -enable-testing
// (-enable-testing: two targets reach internal API of GuideSiteKit through `@testable import`.)
import Foundation
import PackageDescription

// A path dependency's identity is the name of its folder (`main` in one checkout, something
// else in a CI clone), so the product is looked up under whatever the root folder is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let rootIdentity = root.lastPathComponent.lowercased()
let kit: Target.Dependency = .product(name: "GuideSiteKit", package: rootIdentity)

let package = Package(
    name: "guidesite-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: [kit, "CFuzzerDriver"]),
        .executableTarget(name: "fuzz-front-matter", dependencies: [kit, "FuzzSupport"]),
        .executableTarget(name: "fuzz-front-matter-yaml", dependencies: [kit, "FuzzSupport"]),
        .executableTarget(name: "fuzz-citations", dependencies: [kit, "FuzzSupport"]),
        .executableTarget(name: "fuzz-search-analyzer", dependencies: [kit, "FuzzSupport"]),
        .executableTarget(name: "fuzz-markdown", dependencies: [kit, "FuzzSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
