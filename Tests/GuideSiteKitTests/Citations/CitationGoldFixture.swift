import Foundation
@testable import GuideSiteKit

/// The gold set fixture `Tests/Fixtures/citations/gold.json`: a vocabulary, a
/// catalog and annotated sentences.
struct CitationGoldFixture: Decodable {
    struct Vocabulary: Decodable {
        var articleWords: [String]
        var sectionWords: [String]
        var recommendationWords: [String]
        var thisCodeWords: [String]
        var codeNames: [String: String]
        var otherInstrumentNames: [String]
    }

    struct Code: Decodable {
        var id: String
        var articleNumbers: [String]
        var sectionNumbers: [String]
    }

    struct Catalog: Decodable {
        var codes: [Code]
        var recommendationNumbers: [Int]
    }

    struct Sentence: Decodable {
        var text: String
        var defaultCode: String?
        var targets: [String]
        var problems: [String]?
    }

    var vocabulary: Vocabulary
    var catalog: Catalog
    var sentences: [Sentence]

    /// The fixture, decoded once.
    static let shared: CitationGoldFixture = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Fixtures/citations/gold.json")
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(CitationGoldFixture.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot load \(url.path): \(error)")
        }
    }()

    /// The fixture's vocabulary as the library type.
    var citationVocabulary: CitationVocabulary {
        CitationVocabulary(
            articleWords: vocabulary.articleWords,
            sectionWords: vocabulary.sectionWords,
            recommendationWords: vocabulary.recommendationWords,
            thisCodeWords: vocabulary.thisCodeWords,
            codeNames: vocabulary.codeNames,
            otherInstrumentNames: vocabulary.otherInstrumentNames)
    }

    /// The fixture's catalog as the library type.
    var provisionCatalog: ProvisionCatalog {
        ProvisionCatalog(
            codes: catalog.codes.map {
                CatalogCode(id: $0.id, articleNumbers: $0.articleNumbers, sectionNumbers: $0.sectionNumbers)
            },
            recommendationNumbers: Set(catalog.recommendationNumbers))
    }
}

/// Shared scanner and resolver over the gold fixture.
enum CitationTestSupport {
    static let scanner = CitationScanner(vocabulary: CitationGoldFixture.shared.citationVocabulary)
    static let resolver = CitationResolver(catalog: CitationGoldFixture.shared.provisionCatalog)

    /// Scans and resolves `text`.
    static func resolve(_ text: String, defaultCode: String? = nil) -> CitationResolution {
        resolver.resolve(scanner.scan(text), defaultCode: defaultCode)
    }

    /// The targets of `text` in the gold-set notation.
    static func targetNames(_ text: String, defaultCode: String? = nil) -> [String] {
        resolve(text, defaultCode: defaultCode).targets.map { name(of: $0.target) }
    }

    /// A target in the gold-set notation: "dentistes/3.09.10",
    /// "dentistes/section/3.09", "rec/4", "code/dentistes".
    static func name(of target: CitationTarget) -> String {
        switch target {
        case .article(let code, let number): return "\(code)/\(number)"
        case .section(let code, let number): return "\(code)/section/\(number)"
        case .recommendation(let number): return "rec/\(number)"
        case .code(let code): return "code/\(code)"
        }
    }

    /// The name of a problem kind as written in the gold set.
    static func name(of kind: CitationProblemKind) -> String {
        switch kind {
        case .unknownArticle: return "unknownArticle"
        case .unknownSection: return "unknownSection"
        case .unknownRecommendation: return "unknownRecommendation"
        case .ambiguousNumber: return "ambiguousNumber"
        case .numberInNoCode: return "numberInNoCode"
        case .invalidRange: return "invalidRange"
        case .unknownCode: return "unknownCode"
        case .malformedLinkTarget: return "malformedLinkTarget"
        }
    }

    /// The text of `text` at a UTF-8 byte range.
    static func slice(_ text: String, _ range: Range<Int>) -> String {
        String(decoding: Array(text.utf8)[range], as: UTF8.self)
    }
}
