import Foundation
import FuzzSupport
@testable import GuideSiteKit

/// The YAML front-matter reader and the YAML content files, through the loader's own functions
/// (internal: reached with `@testable`, hence `-enable-testing` in the build). The first byte
/// chooses an article (.md), a recommendation or a code (.yaml); the rest is the file.
///
/// Invariants: no crash; every diagnostic points at a line of the file; a file the loader drops
/// always comes with an error (no bad input disappears silently).
let folder: URL = {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
    let url = base.appendingPathComponent("guidesite-fuzz-yaml-\(getpid())/Content", isDirectory: true)
    try? FileManager.default.createDirectory(at: url.appendingPathComponent("articles"), withIntermediateDirectories: true)
    try? FileManager.default.createDirectory(at: url.appendingPathComponent("recommendations"), withIntermediateDirectories: true)
    try? FileManager.default.createDirectory(at: url.appendingPathComponent("codes"), withIntermediateDirectories: true)
    return url
}()
let loader = ContentLoader(root: folder, displayBase: folder)
let languages = ["fr", "en"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    guard let selector = bytes.first else { return 0 }
    let body = Data(bytes.dropFirst())
    let kind = Int(selector % 3)
    let relative = ["articles/x.md", "recommendations/01-x.yaml", "codes/x.yaml"][kind]
    let url = folder.appendingPathComponent(relative)
    guard (try? body.write(to: url)) != nil else { return 0 }

    var diagnostics: [Diagnostic] = []
    let loaded: Bool
    switch kind {
    case 0: loaded = loader.loadArticle(url, languages: languages, defaultLanguage: "fr", &diagnostics) != nil
    case 1: loaded = loader.loadRecommendation(url, languages: languages, defaultLanguage: "fr", &diagnostics) != nil
    default: loaded = loader.loadCode(url, languages: languages, defaultLanguage: "fr", &diagnostics) != nil
    }
    Fuzz.require(loaded || diagnostics.hasErrors, "\(relative) dropped without an error: \(diagnostics)")
    // lines of the file as the loader sees them (CRLF and CR are line ends too)
    var lines = 1
    var i = 0
    let raw = Array(body)
    while i < raw.count {
        if raw[i] == 0x0D {
            lines += 1
            if i + 1 < raw.count, raw[i + 1] == 0x0A { i += 1 }
        } else if raw[i] == 0x0A {
            lines += 1
        }
        i += 1
    }
    for d in diagnostics { Fuzz.checkLocation(d, file: relative, lines: lines) }
    return 0
}

/// The entry point SwiftPM links as `main` (see CFuzzerDriver.h).
@_cdecl("fuzz_front_matter_yaml_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzYAML)
}
