import Foundation
import Testing
@testable import GuideSiteKit

/// Inputs kept from fuzzing (`scripts/fuzz.sh`, the targets of `Fuzz/`), replayed with the same
/// invariants as the fuzz targets, so that what a fuzzer once found stays fixed.
///
/// `Tests/Fixtures/bad-inputs/_fuzz/<target>/<input>`: a crash, hang or broken invariant the fuzzer
/// found (named after libFuzzer's artifact), or a hand-made edge case of the same target. For the
/// targets whose first byte chooses a mode (`fuzz-front-matter-yaml`: article, recommendation or code
/// by byte % 3; `fuzz-search-analyzer`: French or English by the low bit; `fuzz-markdown`: French
/// typography or not), inputs keep that byte, exactly as libFuzzer saved them.
@Suite("Bad inputs: fuzzing regressions")
struct BadInputFuzzRegressionTests {
    static let folder = BadInputCase.corpus.appendingPathComponent("_fuzz", isDirectory: true)

    struct Input: CustomTestStringConvertible, Sendable {
        var target: String
        var name: String
        var bytes: [UInt8]
        var testDescription: String { "\(target)/\(name)" }
    }

    static func inputs(_ target: String) -> [Input] {
        let dir = folder.appendingPathComponent(target)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        return names.compactMap { name in
            (try? Data(contentsOf: dir.appendingPathComponent(name))).map { Input(target: target, name: name, bytes: [UInt8]($0)) }
        }
    }

    @Test func everyTargetHasRegressionInputs() {
        for target in ["fuzz-front-matter", "fuzz-front-matter-yaml", "fuzz-citations", "fuzz-search-analyzer", "fuzz-markdown"] {
            #expect(!Self.inputs(target).isEmpty, "\(target) has inputs under _fuzz/")
        }
    }

    @Test(arguments: inputs("fuzz-front-matter"))
    func frontMatter(_ input: Input) {
        var diagnostics: [Diagnostic] = []
        guard let file = SourceFile.decode(Data(input.bytes), displayPath: "x.md", diagnostics: &diagnostics) else {
            #expect(diagnostics.count == 1 && diagnostics.hasErrors, "\(diagnostics)")
            return
        }
        #expect(diagnostics.isEmpty)
        #expect(!file.text.utf8.contains(0x0D))
        for text in [file.text, String(decoding: input.bytes, as: UTF8.self)] {
            guard case let .success(front) = FrontMatter.split(text) else { continue }
            let bytes = Array(text.utf8)
            #expect(bytes.suffix(front.body.utf8.count).elementsEqual(front.body.utf8))
            let head = bytes.prefix(bytes.count - front.body.utf8.count)
            let lines = head.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } + (head.last == 0x0A ? 0 : 1)
            #expect(front.bodyLineOffset == lines)
        }
    }

    @Test(arguments: inputs("fuzz-front-matter-yaml"))
    func yamlFiles(_ input: Input) throws {
        guard let selector = input.bytes.first else { return }
        let site = try TemporarySite()
        let kind = Int(selector % 3)
        let relative = ["articles/x.md", "recommendations/01-x.yaml", "codes/x.yaml"][kind]
        try site.writeBytes(relative, Array(input.bytes.dropFirst()))
        let url = site.content.appendingPathComponent(relative)
        let loader = ContentLoader(root: site.content, displayBase: site.content)
        var diagnostics: [Diagnostic] = []
        let loaded: Bool
        switch kind {
        case 0: loaded = loader.loadArticle(url, languages: ["fr", "en"], defaultLanguage: "fr", &diagnostics) != nil
        case 1: loaded = loader.loadRecommendation(url, languages: ["fr", "en"], defaultLanguage: "fr", &diagnostics) != nil
        default: loaded = loader.loadCode(url, languages: ["fr", "en"], defaultLanguage: "fr", &diagnostics) != nil
        }
        #expect(loaded || diagnostics.hasErrors, "dropped without an error: \(diagnostics)")
        let body = Array(input.bytes.dropFirst())
        let lines = 1 + body.indices.filter { body[$0] == 0x0A || (body[$0] == 0x0D && ($0 + 1 == body.count || body[$0 + 1] != 0x0A)) }.count
        for d in diagnostics {
            #expect(d.location?.file == relative)
            #expect((1...(lines + 1)).contains(d.location?.line ?? 1), "\(d) in a file of \(lines) lines")
        }
    }

    @Test(arguments: inputs("fuzz-citations"))
    func citations(_ input: Input) {
        let words = SiteConfiguration.CitationWords.standard
        let scanner = CitationScanner(vocabulary: CitationVocabulary(
            articleWords: words.articleWords + ["point", "points"], sectionWords: words.sectionWords,
            recommendationWords: words.recommendationWords, thisCodeWords: words.thisCodeWords,
            codeNames: ["Code de déontologie des dentistes": "dentistes", "Code of ethics of dentists": "dentistes"]))
        let resolver = CitationResolver(catalog: ProvisionCatalog(
            codes: [CatalogCode(id: "dentistes", articleNumbers: ["3.06.03", "3.09.10"], sectionNumbers: ["3.06", "3.09"])],
            recommendationNumbers: [1, 2]))
        let text = String(decoding: input.bytes, as: UTF8.self)
        let utf8 = Array(text.utf8)
        func valid(_ r: Range<Int>) -> Bool {
            func boundary(_ i: Int) -> Bool { i == utf8.count || (i >= 0 && i < utf8.count && utf8[i] & 0xC0 != 0x80) }
            return r.lowerBound >= 0 && r.upperBound <= utf8.count && boundary(r.lowerBound) && boundary(r.upperBound)
        }
        let matches = scanner.scan(text)
        var end = 0
        for m in matches {
            #expect(valid(m.byteRange) && m.byteRange.lowerBound >= end && !m.items.isEmpty, "\(m)")
            end = m.byteRange.upperBound
        }
        let resolution = resolver.resolve(matches, defaultCode: "dentistes")
        for t in resolution.targets { #expect(valid(t.itemByteRange) && (t.linkByteRange.map(valid) ?? true), "\(t)") }
        for p in resolution.problems { #expect(valid(p.byteRange), "\(p)") }
    }

    @Test(arguments: inputs("fuzz-search-analyzer"))
    func searchAnalyzer(_ input: Input) {
        guard let selector = input.bytes.first else { return }
        let language: SearchLanguage = selector & 1 == 0 ? .fr : .en
        let text = String(decoding: input.bytes.dropFirst(), as: UTF8.self)
        let warm = TextAnalyzer(language: language)
        _ = warm.analyze("Le dentiste respecte le secret professionnel; the dentist keeps professional secrecy.")
        let tokens = warm.analyze(text)
        #expect(tokens == TextAnalyzer(language: language).analyze(text), "the analyzer's cache changed the result")
        #expect(tokens.enumerated().allSatisfy { $0.offset == $0.element.position && !$0.element.term.isEmpty })
    }

    @Test(arguments: inputs("fuzz-markdown"))
    func markdown(_ input: Input) {
        guard let selector = input.bytes.first else { return }
        let text = String(decoding: input.bytes.dropFirst(), as: UTF8.self)
        let parsed = MarkdownParser().parse(text)
        let html = HTMLRenderer(allowsRawHTML: false, frenchTypography: selector & 1 == 0).render(parsed.document)
        let problems = OutputInspector.scriptProblems(
            in: html, path: input.name, isHTML: false,
            allowedTags: ["p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "img",
                                 "div", "table", "thead", "tbody", "tr", "th", "td"],
            allowedAttributes: ["href", "title", "src", "alt", "class", "id", "start", "scope"])
        #expect(problems.isEmpty, "\(problems)")
    }
}
