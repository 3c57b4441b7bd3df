import Testing
@testable import GuideSiteKit

/// Each supported citation form, scanned and resolved against the gold catalog.
@Suite struct CitationScannerFormTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var text: String
        var defaultCode: String?
        var targets: [String]
        var testDescription: String { text }
    }

    static let examples: [Example] = [
        Example(text: "article 3.09.10", defaultCode: "dentistes", targets: ["dentistes/3.09.10"]),
        Example(text: "art. 3.09.10", defaultCode: "dentistes", targets: ["dentistes/3.09.10"]),
        Example(text: "Art.3.09.10", defaultCode: "dentistes", targets: ["dentistes/3.09.10"]),
        Example(text: "l'article 20", defaultCode: "medecins", targets: ["medecins/20"]),
        Example(text: "l’article 20", defaultCode: "medecins", targets: ["medecins/20"]),
        Example(text: "l\u{2019}article\u{00A0}20", defaultCode: "medecins", targets: ["medecins/20"]),
        Example(text: "l'ARTICLE 20", defaultCode: "medecins", targets: ["medecins/20"]),
        Example(text: "articles 3.09.07 et 3.09.10", defaultCode: "dentistes",
                targets: ["dentistes/3.09.07", "dentistes/3.09.10"]),
        Example(text: "art. 3.09.07, 3.09.08 et 3.09.10", defaultCode: "dentistes",
                targets: ["dentistes/3.09.07", "dentistes/3.09.08", "dentistes/3.09.10"]),
        Example(text: "articles 3.09.07, 3.09.08 and 3.09.10", defaultCode: "dentistes",
                targets: ["dentistes/3.09.07", "dentistes/3.09.08", "dentistes/3.09.10"]),
        Example(text: "articles 3.09.01 à 3.09.03", defaultCode: "dentistes",
                targets: ["dentistes/3.09.01", "dentistes/3.09.02", "dentistes/3.09.03"]),
        Example(text: "articles 3.09.01 a 3.09.03", defaultCode: "dentistes",
                targets: ["dentistes/3.09.01", "dentistes/3.09.02", "dentistes/3.09.03"]),
        Example(text: "sections 3.09.01 to 3.09.03", defaultCode: "dentistes",
                targets: ["dentistes/3.09.01", "dentistes/3.09.02", "dentistes/3.09.03"]),
        Example(text: "articles 3.09.01 - 3.09.03", defaultCode: "dentistes",
                targets: ["dentistes/3.09.01", "dentistes/3.09.02", "dentistes/3.09.03"]),
        Example(text: "articles 3.09.01\u{2013}3.09.03", defaultCode: "dentistes",
                targets: ["dentistes/3.09.01", "dentistes/3.09.02", "dentistes/3.09.03"]),
        Example(text: "point 6.1.6", defaultCode: "massotherapeutes", targets: ["massotherapeutes/6.1.6"]),
        Example(text: "points 6.1.6 et 12.1.4", defaultCode: "massotherapeutes",
                targets: ["massotherapeutes/6.1.6", "massotherapeutes/12.1.4"]),
        Example(text: "chapitre 6", defaultCode: "massotherapeutes", targets: ["massotherapeutes/section/6"]),
        Example(text: "ch. 6", defaultCode: "massotherapeutes", targets: ["massotherapeutes/section/6"]),
        Example(text: "chapters 6 and 12", defaultCode: "massotherapeutes",
                targets: ["massotherapeutes/section/6", "massotherapeutes/section/12"]),
        Example(text: "section 3.09.10 of the Code of ethics of dentists", defaultCode: nil,
                targets: ["dentistes/3.09.10"]),
        Example(text: "section 3.09 du Code de déontologie des dentistes", defaultCode: nil,
                targets: ["dentistes/section/3.09"]),
        Example(text: "recommandation 4", defaultCode: nil, targets: ["rec/4"]),
        Example(text: "recommandations 2 et 5", defaultCode: nil, targets: ["rec/2", "rec/5"]),
        Example(text: "recommandation no 4", defaultCode: nil, targets: ["rec/4"]),
        Example(text: "recommandation nº 4", defaultCode: nil, targets: ["rec/4"]),
        Example(text: "recommandation n° 4", defaultCode: nil, targets: ["rec/4"]),
        Example(text: "recommandation n°4", defaultCode: nil, targets: ["rec/4"]),
        Example(text: "recommandation 04", defaultCode: nil, targets: ["rec/4"]),
        Example(text: "recommendation 4", defaultCode: nil, targets: ["rec/4"]),
        Example(text: "recommendations 2, 5 and 7", defaultCode: nil, targets: ["rec/2", "rec/5", "rec/7"]),
        Example(text: "recommendations 2, 5, and 7", defaultCode: nil, targets: ["rec/2", "rec/5", "rec/7"]),
        Example(text: "recommandations 2 à 4", defaultCode: nil, targets: ["rec/2", "rec/3", "rec/4"]),
        Example(text: "l’article 3.06.03 du présent code", defaultCode: "dentistes", targets: ["dentistes/3.06.03"]),
        Example(text: "article 20 de ce code", defaultCode: "medecins", targets: ["medecins/20"]),
        Example(text: "article 20 of this code", defaultCode: "medecins", targets: ["medecins/20"]),
        Example(text: "article 20, al. 2", defaultCode: "medecins", targets: ["medecins/20"]),
        Example(text: "article 20, al. 2, du Code de déontologie des médecins", defaultCode: "dentistes",
                targets: ["medecins/20"]),
        Example(text: "article 3.09.10 (2°)", defaultCode: "dentistes", targets: ["dentistes/3.09.10"]),
        Example(text: "article 3.09.10, 2e alinéa", defaultCode: "dentistes", targets: ["dentistes/3.09.10"]),
        Example(text: "l'article 3.09.10 du Code de de\u{301}ontologie des dentistes", defaultCode: "medecins",
                targets: ["dentistes/3.09.10"]),
        Example(text: "(Code de déontologie des dentistes, art. 3.09.10)", defaultCode: "medecins",
                targets: ["dentistes/3.09.10"]),
        Example(text: "l'article 20 et l'article 21", defaultCode: "medecins", targets: ["medecins/20", "medecins/21"]),
        Example(text: "articles 3.09.10 ou 3.09.11", defaultCode: "dentistes",
                targets: ["dentistes/3.09.10", "dentistes/3.09.11"]),
    ]

    @Test(arguments: examples)
    func formIsResolved(_ example: Example) {
        let targets = CitationTestSupport.targetNames(example.text, defaultCode: example.defaultCode)
        #expect(targets == example.targets)
    }

    static let nonCitations: [String] = [
        "le 3.09.2010",
        "version 3.09.10",
        "Appelez au 514 555-1234.",
        "l'article de blogue",
        "l'article de blogue du 3 mars 2021",
        "article 3 de la Charte",
        "article 12 of the Charter",
        "article 7 de la Loi sur la protection des renseignements personnels",
        "l'article 60.4 du Code des professions",
        "l'article 9 du Code de déontologie des médecins vétérinaires",
        "article premier",
        "l'article premier du code",
        "recommandation du comité",
        "recommandation du comité 4",
        "Art. Deco 1925",
        "particle 3",
        "particles 3 and 4",
        "article3",
        "article 3a",
        "SOURIRE20",
        "Section 4 of this guide",
        "la section 5 du présent guide",
        "le point 4 de l'ordre du jour",
        "la section 2 du formulaire",
        "Selon l'article, 3 patients sur 4",
    ]

    @Test(arguments: nonCitations)
    func textThatOnlyLooksLikeACitationIsLeftAlone(_ text: String) {
        #expect(CitationTestSupport.scanner.scan(text).isEmpty)
    }

    @Test func textWithoutDigitsHasNoCitation() {
        #expect(CitationTestSupport.scanner.scan("Voir l'article sur la publicité et la recommandation du comité.").isEmpty)
        #expect(CitationTestSupport.scanner.scan("").isEmpty)
    }

    @Test func aCommaListStopsBeforeANumberThatStartsAClause() {
        let targets = CitationTestSupport.targetNames("Selon l'article 20, 3 options s'offrent.", defaultCode: "medecins")
        #expect(targets == ["medecins/20"])
    }

    @Test func aListStopsAtANumberOfAnotherShape() {
        let targets = CitationTestSupport.targetNames("L'article 3.09.10 et 2 autres articles.", defaultCode: "dentistes")
        #expect(targets == ["dentistes/3.09.10"])
    }

    @Test func genitiveWordsAreAccentSensitive() {
        let targets = CitationTestSupport.targetNames("Appliquez la recommandation 2 dès maintenant.")
        #expect(targets == ["rec/2"])
    }
}
