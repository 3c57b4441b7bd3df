import Testing
@testable import GuideSiteKit

/// The shape of scanner matches: kinds, items, byte ranges and named codes.
@Suite struct CitationMatchStructureTests {
    let scanner = CitationTestSupport.scanner

    @Test func singleArticleWithNamedCodeHasExactByteRanges() throws {
        let text = "Selon l’article 3.09.10 du Code de déontologie des dentistes, c’est interdit."
        let matches = scanner.scan(text)
        try #require(matches.count == 1)
        let match = matches[0]
        #expect(match.kind == .codeArticle)
        #expect(match.namedCode == .code("dentistes"))
        #expect(CitationTestSupport.slice(text, match.byteRange) == "article 3.09.10")
        let namedRange = try #require(match.namedCodeByteRange)
        #expect(CitationTestSupport.slice(text, namedRange) == "Code de déontologie des dentistes")
        try #require(match.items.count == 1)
        guard case .single(let number) = match.items[0] else {
            Issue.record("expected a single number")
            return
        }
        #expect(number.text == "3.09.10")
        #expect(CitationTestSupport.slice(text, number.byteRange) == "3.09.10")
    }

    @Test func rangeItemHasBothEnds() throws {
        let text = "Les articles 3.09.01 à 3.09.05 du présent code."
        let match = try #require(scanner.scan(text).first)
        #expect(match.namedCode == .thisCode)
        try #require(match.items.count == 1)
        guard case .range(let from, let to) = match.items[0] else {
            Issue.record("expected a range")
            return
        }
        #expect(CitationTestSupport.slice(text, from.byteRange) == "3.09.01")
        #expect(CitationTestSupport.slice(text, to.byteRange) == "3.09.05")
        #expect(CitationTestSupport.slice(text, match.items[0].byteRange) == "3.09.01 à 3.09.05")
        #expect(CitationTestSupport.slice(text, match.byteRange) == "articles 3.09.01 à 3.09.05")
    }

    @Test func listKeepsEveryItemInOrder() throws {
        let text = "art. 3.09.07, 3.09.08 et 3.09.10"
        let match = try #require(scanner.scan(text).first)
        #expect(match.items.map { CitationTestSupport.slice(text, $0.byteRange) } == ["3.09.07", "3.09.08", "3.09.10"])
        #expect(CitationTestSupport.slice(text, match.byteRange) == text)
    }

    @Test(arguments: [
        ("chapitre 6", CitationKind.codeSection),
        ("ch. 6", CitationKind.codeSection),
        ("point 6.1.6", CitationKind.codeArticle),
        ("article 20", CitationKind.codeArticle),
        ("recommandation 4", CitationKind.recommendation),
        ("Recommendations 2 and 5", CitationKind.recommendation),
    ])
    func introducerDecidesTheKind(_ text: String, _ kind: CitationKind) {
        #expect(scanner.scan(text).map(\.kind) == [kind])
    }

    @Test func severalCitationsInOneTextAreFoundInOrder() {
        let text = "Voir l'article 20 du code des médecins, la recommandation 4 et le chapitre 6."
        let matches = scanner.scan(text)
        #expect(matches.map(\.kind) == [.codeArticle, .recommendation, .codeSection])
        #expect(matches.map(\.namedCode) == [.code("medecins"), nil, nil])
    }

    @Test func multibyteTextBeforeACitationKeepsByteOffsetsRight() throws {
        let text = "Été\u{00A0}2024 — « œuvre » : l’art.\u{202F}3.09.10 s’applique."
        let match = try #require(scanner.scan(text).first)
        #expect(CitationTestSupport.slice(text, match.byteRange) == "art.\u{202F}3.09.10")
    }
}
