import Testing
@testable import GuideSiteKit

/// Code choice, ranges and problems of ``CitationResolver``.
@Suite struct CitationResolverTests {
    // MARK: The three code-choice rules

    @Test func ruleOneNamedCodeWinsOverTheDefaultCode() {
        let targets = CitationTestSupport.targetNames(
            "l'article 20 du Code de déontologie des médecins", defaultCode: "dentistes")
        #expect(targets == ["medecins/20"])
    }

    @Test func ruleOneThisCodeMeansTheDefaultCode() {
        #expect(CitationTestSupport.targetNames("l'article 3 de ce code", defaultCode: "medecins") == ["medecins/3"])
        #expect(CitationTestSupport.targetNames("l'article 3 de ce code", defaultCode: "dentistes") == ["dentistes/3"])
    }

    @Test func ruleTwoDefaultCodeDecidesASharedNumber() {
        #expect(CitationTestSupport.targetNames("l'article 3", defaultCode: "medecins") == ["medecins/3"])
        #expect(CitationTestSupport.targetNames("l'article 3", defaultCode: "dentistes") == ["dentistes/3"])
    }

    @Test func ruleTwoDefaultCodeIsStrict() {
        let resolution = CitationTestSupport.resolve("l'article 3.09.10", defaultCode: "medecins")
        #expect(resolution.targets.isEmpty)
        #expect(resolution.problems.map(\.kind) == [.unknownArticle(number: "3.09.10", code: "medecins")])
    }

    @Test func ruleThreeTheOneCodeThatHasTheNumber() {
        #expect(CitationTestSupport.targetNames("l'article 3.09.10") == ["dentistes/3.09.10"])
        #expect(CitationTestSupport.targetNames("l'article 20") == ["medecins/20"])
        #expect(CitationTestSupport.targetNames("le chapitre 6") == ["massotherapeutes/section/6"])
    }

    @Test func ruleThreeSeveralCodesGiveAnAmbiguityWarningAndNoTarget() throws {
        let text = "Relisez l'article 3 avant de publier."
        let resolution = CitationTestSupport.resolve(text)
        #expect(resolution.targets.isEmpty)
        let problem = try #require(resolution.problems.first)
        #expect(problem.kind == .ambiguousNumber(number: "3", candidates: ["dentistes", "medecins"]))
        #expect(problem.severity == .warning)
        #expect(problem.message.contains("not linked"))
        #expect(CitationTestSupport.slice(text, problem.byteRange) == "3")
    }

    // MARK: Problems and their byte ranges

    struct ProblemExample: CustomTestStringConvertible, Sendable {
        var text: String
        var defaultCode: String?
        var kind: CitationProblemKind
        var concerns: String
        var message: String
        var testDescription: String { text }
    }

    static let problemExamples: [ProblemExample] = [
        ProblemExample(text: "L'article 3.09.99 s'applique.", defaultCode: "dentistes",
                       kind: .unknownArticle(number: "3.09.99", code: "dentistes"), concerns: "3.09.99",
                       message: "unknown article 3.09.99 of code 'dentistes'"),
        ProblemExample(text: "Le chapitre 7 du Code de déontologie des massothérapeutes.", defaultCode: nil,
                       kind: .unknownSection(number: "7", code: "massotherapeutes"), concerns: "7",
                       message: "unknown section 7 of code 'massotherapeutes'"),
        ProblemExample(text: "Voir la recommandation 12.", defaultCode: nil,
                       kind: .unknownRecommendation(number: "12"), concerns: "12",
                       message: "unknown recommendation 12"),
        ProblemExample(text: "L'article 4.07 prévoit une exception.", defaultCode: nil,
                       kind: .numberInNoCode(number: "4.07"), concerns: "4.07",
                       message: "number 4.07 exists in no code"),
        ProblemExample(text: "Les articles 3.09.05 à 3.09.01 s'appliquent.", defaultCode: "dentistes",
                       kind: .invalidRange(from: "3.09.05", to: "3.09.01", reason: "its ends are reversed"),
                       concerns: "3.09.05 à 3.09.01",
                       message: "invalid range 3.09.05 to 3.09.01: its ends are reversed"),
        ProblemExample(text: "Les articles 3.09.01 à 6.1.5 s'appliquent.", defaultCode: nil,
                       kind: .invalidRange(from: "3.09.01", to: "6.1.5", reason: "its ends are in different codes"),
                       concerns: "3.09.01 à 6.1.5",
                       message: "invalid range 3.09.01 to 6.1.5: its ends are in different codes"),
        ProblemExample(text: "Les recommandations 5 à 2.", defaultCode: nil,
                       kind: .invalidRange(from: "5", to: "2", reason: "its ends are reversed"),
                       concerns: "5 à 2", message: "invalid range 5 to 2: its ends are reversed"),
        ProblemExample(text: "L'article 20 s'applique.", defaultCode: "pharmaciens",
                       kind: .unknownCode("pharmaciens"), concerns: "article 20",
                       message: "unknown code 'pharmaciens'"),
        ProblemExample(text: "Les articles 3.09.01 à 3.09.99 s'appliquent.", defaultCode: "dentistes",
                       kind: .unknownArticle(number: "3.09.99", code: "dentistes"), concerns: "3.09.99",
                       message: "unknown article 3.09.99 of code 'dentistes'"),
    ]

    @Test(arguments: problemExamples)
    func problemIsTypedAndPointsAtItsText(_ example: ProblemExample) throws {
        let resolution = CitationTestSupport.resolve(example.text, defaultCode: example.defaultCode)
        #expect(resolution.targets.isEmpty)
        try #require(resolution.problems.count == 1)
        let problem = resolution.problems[0]
        #expect(problem.kind == example.kind)
        #expect(problem.severity == .error)
        #expect(problem.message == example.message)
        #expect(CitationTestSupport.slice(example.text, problem.byteRange) == example.concerns)
    }

    @Test func aListReportsOnlyItsBadItem() throws {
        let text = "Les articles 3.09.10 et 3.09.13 s'appliquent."
        let resolution = CitationTestSupport.resolve(text, defaultCode: "dentistes")
        #expect(resolution.targets.map { CitationTestSupport.name(of: $0.target) } == ["dentistes/3.09.10"])
        let problem = try #require(resolution.problems.first)
        #expect(problem.kind == .unknownArticle(number: "3.09.13", code: "dentistes"))
        #expect(CitationTestSupport.slice(text, problem.byteRange) == "3.09.13")
    }

    // MARK: Ranges

    @Test func rangeYieldsEveryArticleInCatalogOrderAndLinksOnlyItsEnds() {
        let text = "articles 3.06.07 à 3.09.02"
        let resolution = CitationTestSupport.resolve(text, defaultCode: "dentistes")
        #expect(resolution.problems.isEmpty)
        #expect(resolution.targets.map { CitationTestSupport.name(of: $0.target) }
                == ["dentistes/3.06.07", "dentistes/3.06.08", "dentistes/3.09.01", "dentistes/3.09.02"])
        let linked = resolution.targets.map { $0.linkByteRange.map { CitationTestSupport.slice(text, $0) } }
        #expect(linked == ["3.06.07", nil, nil, "3.09.02"])
        #expect(resolution.targets.allSatisfy { CitationTestSupport.slice(text, $0.itemByteRange) == "3.06.07 à 3.09.02" })
    }

    @Test func rangeWithoutCodeUsesTheOneCodeThatHasBothEnds() {
        #expect(CitationTestSupport.targetNames("articles 17 à 19")
                == ["medecins/17", "medecins/18", "medecins/19"])
    }

    @Test func singleNumbersLinkThemselves() {
        let text = "articles 20 et 21"
        let resolution = CitationTestSupport.resolve(text, defaultCode: "medecins")
        #expect(resolution.targets.map { $0.linkByteRange.map { CitationTestSupport.slice(text, $0) } } == ["20", "21"])
    }

    @Test func resolvingAListOfMatchesConcatenatesInTextOrder() {
        let text = "L'article 20 et la recommandation 4."
        let resolution = CitationTestSupport.resolver.resolve(
            CitationTestSupport.scanner.scan(text), defaultCode: "medecins")
        #expect(resolution.targets.map { CitationTestSupport.name(of: $0.target) } == ["medecins/20", "rec/4"])
    }
}
