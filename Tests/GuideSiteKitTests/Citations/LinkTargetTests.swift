import Testing
@testable import GuideSiteKit

/// Parsing and resolving explicit `code:` and `rec:` link destinations.
@Suite struct LinkTargetTests {
    @Test(arguments: [
        ("code:dentistes/3.09.10", ExplicitTarget.article(code: "dentistes", number: "3.09.10")),
        ("code:dentistes/article/3.09.10", ExplicitTarget.article(code: "dentistes", number: "3.09.10")),
        ("code:dentistes", ExplicitTarget.code("dentistes")),
        ("code:dentistes/section/3.09", ExplicitTarget.section(code: "dentistes", number: "3.09")),
        ("CODE:medecins/20", ExplicitTarget.article(code: "medecins", number: "20")),
        ("rec:4", ExplicitTarget.recommendation(4)),
        ("rec:04", ExplicitTarget.recommendation(4)),
        ("rec:", ExplicitTarget.malformed("rec:")),
        ("rec:four", ExplicitTarget.malformed("rec:four")),
        ("code:", ExplicitTarget.malformed("code:")),
        ("code:dentistes/", ExplicitTarget.malformed("code:dentistes/")),
        ("code:dentistes/chapitre/3.09", ExplicitTarget.malformed("code:dentistes/chapitre/3.09")),
        ("code:dentistes/3.09.", ExplicitTarget.malformed("code:dentistes/3.09.")),
    ])
    func codeAndRecDestinationsAreParsed(_ destination: String, _ expected: ExplicitTarget) {
        #expect(parseLinkTarget(destination) == expected)
    }

    @Test(arguments: [
        "https://example.org/code:dentistes", "http://ordre.qc.ca", "mailto:info@example.org",
        "other.md#anchor", "../guides/publicite.md", "#section-2", "recommandations.md", "tel:5145551234",
    ])
    func ordinaryDestinationsAreLeftToTheCaller(_ destination: String) {
        #expect(parseLinkTarget(destination) == nil)
    }

    @Test(arguments: [
        ("code:dentistes/3.09.10", "dentistes/3.09.10"),
        ("code:dentistes/section/3.09", "dentistes/section/3.09"),
        ("code:massotherapeutes", "code/massotherapeutes"),
        ("rec:10", "rec/10"),
    ])
    func knownTargetsResolve(_ destination: String, _ expected: String) throws {
        let target = try #require(parseLinkTarget(destination))
        let resolution = CitationTestSupport.resolver.resolve(target, byteRange: 5..<30)
        #expect(resolution.problems.isEmpty)
        #expect(resolution.targets.map { CitationTestSupport.name(of: $0.target) } == [expected])
        #expect(resolution.targets.first?.linkByteRange == 5..<30)
    }

    @Test(arguments: [
        ("code:dentistes/3.09.99", CitationProblemKind.unknownArticle(number: "3.09.99", code: "dentistes")),
        ("code:dentistes/3.09", CitationProblemKind.unknownArticle(number: "3.09", code: "dentistes")),
        ("code:dentistes/section/3.10", CitationProblemKind.unknownSection(number: "3.10", code: "dentistes")),
        ("code:pharmaciens", CitationProblemKind.unknownCode("pharmaciens")),
        ("code:pharmaciens/12", CitationProblemKind.unknownCode("pharmaciens")),
        ("rec:11", CitationProblemKind.unknownRecommendation(number: "11")),
        ("rec:x", CitationProblemKind.malformedLinkTarget(destination: "rec:x")),
    ])
    func unknownTargetsGiveTypedProblems(_ destination: String, _ kind: CitationProblemKind) throws {
        let target = try #require(parseLinkTarget(destination))
        let resolution = CitationTestSupport.resolver.resolve(target, byteRange: 0..<destination.utf8.count)
        #expect(resolution.targets.isEmpty)
        #expect(resolution.problems.map(\.kind) == [kind])
        #expect(resolution.problems.first?.byteRange == 0..<destination.utf8.count)
        #expect(resolution.problems.first?.severity == .error)
    }
}
