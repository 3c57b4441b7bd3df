import Foundation
import FuzzSupport
import GuideSiteKit

/// Front matter splitting, behind the same decoding a content file goes through
/// (`SourceFile.decode`: BOM, CRLF and CR, invalid UTF-8, NUL), and on raw text as well.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)

    // 1. Raw text (any String, \r and U+FFFD included): must not crash, and must be consistent.
    check(Fuzz.text(bytes))

    // 2. Decoded like a file on disk.
    var diagnostics: [Diagnostic] = []
    guard let file = SourceFile.decode(Data(bytes), displayPath: "x.md", diagnostics: &diagnostics) else {
        Fuzz.require(diagnostics.count == 1 && diagnostics[0].severity == .error, "a refused file gives one error: \(diagnostics)")
        // the first invalid byte's line is a line of the file
        let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        Fuzz.checkLocation(diagnostics[0], file: "x.md", lines: lines)
        return 0
    }
    Fuzz.require(diagnostics.isEmpty, "an accepted file gives no diagnostic: \(diagnostics)")
    Fuzz.require(!file.text.utf8.contains(0x0D), "CR left after decoding")
    Fuzz.require(!file.text.hasPrefix("\u{FEFF}") || bytes.starts(with: [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF]), "BOM left after decoding")
    // decoding keeps the number of lines: CRLF, CR and LF each end one line
    var expectedLines = 1
    var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while i < bytes.count {
        if bytes[i] == 0x0D {
            expectedLines += 1
            if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
        } else if bytes[i] == 0x0A {
            expectedLines += 1
        }
        i += 1
    }
    Fuzz.require(Fuzz.lineCount(file.text) == expectedLines, "decoding changed the number of lines")
    check(file.text)
    return 0
}

private func check(_ text: String) {
    switch FrontMatter.split(text) {
    case let .success(front):
        Fuzz.require(text.hasPrefix("---"), "front matter found in a text not starting with ---")
        Fuzz.require(front.yamlLineOffset == 1, "YAML starts on line 2")
        Fuzz.require(Array(text.utf8).suffix(front.body.utf8.count).elementsEqual(front.body.utf8), "the body is the end of the text")
        let head = Array(text.utf8.prefix(text.utf8.count - front.body.utf8.count))
        let headLines = head.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } + (head.last == 0x0A ? 0 : 1)
        Fuzz.require(front.bodyLineOffset == headLines, "bodyLineOffset \(front.bodyLineOffset) but \(headLines) lines precede the body")
        // The YAML is the text of lines 2 ..< closing line.
        let afterFirstLine = head.firstIndex(of: 0x0A).map { head.index(after: $0) } ?? head.endIndex
        Fuzz.require(head[afterFirstLine...].starts(with: Array(front.yaml.utf8)), "the YAML follows the opening line")
        for line in front.yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            Fuzz.require(line != "---" && line != "...", "a closing delimiter inside the YAML")
        }
    case .failure(.missing):
        Fuzz.require(!text.utf8.starts(with: "---\n".utf8), "a text starting with ---\\n reported as missing")
    case .failure(.unterminated):
        Fuzz.require(text.hasPrefix("---"), "unterminated without an opening ---")
    }
}

/// The entry point SwiftPM links as `main` (see CFuzzerDriver.h).
@_cdecl("fuzz_front_matter_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzFrontMatter)
}
