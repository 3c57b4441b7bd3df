import Foundation
import FuzzSupport
import GuideSiteKit

/// The citation scanner and resolver, with the site's standard words and three codes, and the
/// parser of explicit link targets (`code:dentistes/3.09.10`, `rec:4`).
///
/// Invariants: every byte range lies inside the text, starts and ends on a character boundary
/// (the linker cuts the text there), and matches come in order without overlapping.
let words = SiteConfiguration.CitationWords.standard
let vocabulary = CitationVocabulary(
    articleWords: words.articleWords + ["point", "points"], sectionWords: words.sectionWords,
    recommendationWords: words.recommendationWords, thisCodeWords: words.thisCodeWords,
    codeNames: [
        "Code de déontologie des dentistes": "dentistes", "code des dentistes": "dentistes",
        "Code of ethics of dentists": "dentistes",
        "Code de déontologie des médecins": "medecins", "Code of ethics of physicians": "medecins",
        "Code de déontologie des massothérapeutes": "massotherapeutes",
    ])
let scanner = CitationScanner(vocabulary: vocabulary)
let resolver = CitationResolver(catalog: ProvisionCatalog(
    codes: [
        CatalogCode(id: "dentistes", articleNumbers: ["3.06.03", "3.09.01", "3.09.05", "3.09.07", "3.09.10"], sectionNumbers: ["3.06", "3.09"]),
        CatalogCode(id: "medecins", articleNumbers: ["18", "20", "21", "22"], sectionNumbers: ["1", "2"]),
        CatalogCode(id: "massotherapeutes", articleNumbers: ["6.1.6", "8.1.3", "12.1.4"], sectionNumbers: ["6", "8", "12"]),
    ],
    recommendationNumbers: [1, 2, 3, 4, 5]))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCitations(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    let text = Fuzz.text(bytes)
    let utf8 = Array(text.utf8)
    func onBoundary(_ offset: Int) -> Bool {
        offset == utf8.count || (offset >= 0 && offset < utf8.count && utf8[offset] & 0xC0 != 0x80)
    }
    func checkRange(_ range: Range<Int>, _ what: String) {
        Fuzz.require(range.lowerBound >= 0 && range.upperBound <= utf8.count, "\(what) \(range) outside the text (\(utf8.count) bytes)")
        Fuzz.require(onBoundary(range.lowerBound) && onBoundary(range.upperBound), "\(what) \(range) cuts a character")
    }

    let matches = scanner.scan(text)
    var previousEnd = 0
    for match in matches {
        checkRange(match.byteRange, "match")
        Fuzz.require(!match.items.isEmpty, "a match without items")
        Fuzz.require(match.byteRange.lowerBound >= previousEnd, "matches overlap or are out of order")
        previousEnd = match.byteRange.upperBound
        if let named = match.namedCodeByteRange { checkRange(named, "named code") }
    }
    for defaultCode in [nil, "dentistes"] as [String?] {
        let resolution = resolver.resolve(matches, defaultCode: defaultCode)
        for target in resolution.targets {
            checkRange(target.itemByteRange, "item")
            if let link = target.linkByteRange { checkRange(link, "link") }
        }
        for problem in resolution.problems { checkRange(problem.byteRange, "problem") }
    }
    // explicit link targets
    if let target = parseLinkTarget(text) {
        let resolution = resolver.resolve(target, byteRange: 0..<utf8.count)
        Fuzz.require(!resolution.targets.isEmpty || !resolution.problems.isEmpty, "an explicit target resolved to nothing, silently")
    }
    return 0
}

/// The entry point SwiftPM links as `main` (see CFuzzerDriver.h).
@_cdecl("fuzz_citations_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzCitations)
}
