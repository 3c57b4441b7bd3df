// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "guidesite",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "guidesite", targets: ["guidesite"]),
        .library(name: "GuideSiteKit", targets: ["GuideSiteKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // Only the tests use it: the reference our own template engine is compared with.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.0"),
        // The HTTP server of `guidesite serve`: no dependency of its own, ~30 s of a first debug build.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
    ],
    targets: [
        // libcmark from Debian's libcmark-dev, linked as a system library.
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // mimalloc from Debian's libmimalloc-dev: linked into the command, it takes the place of
        // the C library's malloc for the whole process (Swift objects, strings and arrays, cmark's
        // nodes): a build allocates tens of millions of small blocks (docs/benchmarks.md).
        .systemLibrary(
            name: "Cmimalloc",
            providers: [.apt(["libmimalloc-dev"])]
        ),
        // Everything guidesite does: loading, resolving, rendering, indexing, writing.
        .target(
            name: "GuideSiteKit",
            dependencies: [
                "Ccmark",
                "Yams",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        // The thin command-line face of GuideSiteKit.
        .executableTarget(
            name: "guidesite",
            dependencies: [
                "GuideSiteKit",
                "Cmimalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "GuideSiteKitTests",
            dependencies: [
                "GuideSiteKit",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
