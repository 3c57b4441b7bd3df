import Foundation
import FuzzSupport
import GuideSiteKit

/// The search text analyzer (tokenizing, elisions, stop words, Snowball stemmers, folding).
/// The first byte chooses French or English.
///
/// Invariants: terms are non-empty and contain no space; positions count 0, 1, 2…; an analyzer
/// that has cached thousands of earlier words gives the same terms as a fresh one; analysing
/// the same text twice gives the same terms.
nonisolated(unsafe) let shared: [SearchLanguage: TextAnalyzer] = [.fr: TextAnalyzer(language: .fr), .en: TextAnalyzer(language: .en)]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnalyzer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    guard let selector = bytes.first else { return 0 }
    let language: SearchLanguage = selector & 1 == 0 ? .fr : .en
    let text = Fuzz.text(bytes.dropFirst())
    let cached = shared[language]!
    let tokens = cached.analyze(text)
    for (i, token) in tokens.enumerated() {
        Fuzz.require(token.position == i, "positions must count up")
        Fuzz.require(!token.term.isEmpty, "empty term")
        Fuzz.require(!token.term.unicodeScalars.contains { $0.properties.isWhitespace }, "a term with a space: '\(token.term)'")
        if let alternate = token.alternate {
            Fuzz.require(alternate != token.term, "alternate equal to the term")
            Fuzz.require(!alternate.isEmpty, "empty alternate")
        }
    }
    let fresh = TextAnalyzer(language: language).analyze(text)
    Fuzz.require(fresh == tokens, "the cache changed the result")
    Fuzz.require(cached.analyze(text) == tokens, "a second analysis differs")
    _ = TextAnalyzer.fold(text.lowercased())
    return 0
}

/// The entry point SwiftPM links as `main` (see CFuzzerDriver.h).
@_cdecl("fuzz_search_analyzer_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzAnalyzer)
}
