import Benchmark
import Foundation
import GuideSiteKit
import PortalCorpus

// Micro-benchmarks of the hot parts of a guidesite build, on articles of the synthetic portal.
//
//   cd Benchmarks && swift package --scratch-path .build benchmark
//   swift package --scratch-path .build benchmark --filter "Markdown.*"
//
// Every benchmark works on a fixed batch (named in the benchmark) so that times can be turned
// into throughput: the batch sizes in bytes and words are printed once on standard error.

/// Inputs shared by the benchmarks, built once.
final class Fixtures: @unchecked Sendable {
    static let shared = Fixtures()

    /// 40 article bodies (Markdown), about 270 kB.
    let bodies: [String]
    /// The default code of each body.
    let bodyCodes: [String]
    /// A 60-article portal written to a temporary folder, loaded and assembled.
    let content: LoadedContent
    let site: AssembledSite
    let theme: Theme
    let contentFolder: URL
    let themeFolder: URL
    /// Plain text of the assembled articles, for text analysis.
    let plainTexts: [String]
    /// Distinct lower-case words of the plain texts, for stemming.
    let words: [String]
    /// Search documents: every article page and every provision page of the assembled site.
    let documents: [SearchDocument]
    let vocabulary: CitationVocabulary

    init() {
        let writer = ArticleWriter()
        let articles = (0..<40).map { writer.article($0) }
        bodies = articles.map(\.body)
        bodyCodes = articles.map { a in
            a.text.split(separator: "\n").first { $0.hasPrefix("code: ") }.map { String($0.dropFirst(6)) } ?? "dentistes"
        }

        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        themeFolder = repository.appendingPathComponent("Themes/default")
        // Written once per generator version; every benchmark process (the plugin runs several) reuses it.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("guidesite-microbench-v\(PortalGenerator.version)")
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("guidesite/site.yaml").path) {
            let staging = folder.deletingLastPathComponent().appendingPathComponent(folder.lastPathComponent + "-\(getpid())")
            _ = try? PortalGenerator(articleCount: 60).write(to: staging, hugo: false)
            try? FileManager.default.moveItem(at: staging, to: folder)
            try? FileManager.default.removeItem(at: staging)
        }
        contentFolder = folder.appendingPathComponent("guidesite")
        let (loaded, loadDiagnostics) = try! ContentLoader(root: contentFolder, displayBase: folder).load()
        content = loaded
        let (theme, themeDiagnostics) = Theme.load(from: themeFolder, displayBase: repository, languages: loaded.site.languages)
        self.theme = theme!
        let assembler = SiteAssembler(includeDrafts: false, locales: theme!.locales) { directory, site in
            CitationEngine(directory: directory, site: site)
        }
        let (site, assembleDiagnostics) = assembler.assemble(loaded)
        self.site = site
        let errors = (loadDiagnostics + themeDiagnostics + assembleDiagnostics).filter { $0.severity == .error }
        if !errors.isEmpty {
            FileHandle.standardError.write(Data("fixture portal has \(errors.count) errors, first: \(errors[0])\n".utf8))
        }

        let edition = site.editions[0]
        plainTexts = edition.articles.map { $0.body.plainText }
        var seen = Set<String>()
        var words: [String] = []
        for text in plainTexts {
            for w in text.lowercased().split(whereSeparator: { !$0.isLetter }) where w.count > 2 {
                if seen.insert(String(w)).inserted { words.append(String(w)) }
            }
        }
        self.words = words

        var docs: [SearchDocument] = []
        for e in edition.articles {
            docs.append(SearchDocument(
                url: e.path, title: e.article.title, kind: .article, language: .fr, professions: e.article.professions,
                tags: e.article.tags, date: e.article.date.description, titleText: e.article.title,
                headingsText: e.body.tableOfContents.map(\.title).joined(separator: "\n"), summaryText: e.article.summary,
                bodyText: e.body.plainText))
        }
        for c in edition.codes {
            for p in c.provisions {
                docs.append(SearchDocument(url: p.path, title: p.article.title, kind: .provision, language: .fr,
                                           titleText: p.article.number + " " + p.article.title, bodyText: p.text.plainText,
                                           citations: [p.article.number]))
            }
        }
        documents = docs

        let words2 = loaded.site.citationWords
        var names: [String: String] = [:]
        for code in loaded.codes { for alias in code.aliases + [code.title] { names[alias] = code.id } }
        vocabulary = CitationVocabulary(articleWords: words2.articleWords, sectionWords: words2.sectionWords,
                                        recommendationWords: words2.recommendationWords, thisCodeWords: words2.thisCodeWords,
                                        codeNames: names)

        let bytes = bodies.reduce(0) { $0 + $1.utf8.count }
        let plainBytes = plainTexts.reduce(0) { $0 + $1.utf8.count }
        FileHandle.standardError.write(Data("""
            fixtures: 40 bodies = \(bytes) bytes of Markdown; 60-article site: \(plainBytes) bytes of plain text, \
            \(words.count) distinct words, \(docs.count) search documents

            """.utf8))
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(3),
        maxIterations: 30)

    Benchmark("Markdown parse (40 articles)") { benchmark in
        let f = Fixtures.shared
        let parser = MarkdownParser()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for body in f.bodies { blackHole(parser.parse(body)) }
        }
    }

    Benchmark("Markdown parse + HTML render (40 articles)") { benchmark in
        let f = Fixtures.shared
        let parser = MarkdownParser()
        let renderer = HTMLRenderer(allowsRawHTML: false, frenchTypography: true)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for body in f.bodies { blackHole(renderer.render(parser.parse(body).document)) }
        }
    }

    Benchmark("Citation scan, CitationScanner (40 articles)") { benchmark in
        let f = Fixtures.shared
        let scanner = CitationScanner(vocabulary: f.vocabulary)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for body in f.bodies { blackHole(scanner.scan(body)) }
        }
    }

    Benchmark("Citation scan + resolve, CitationEngine (40 articles)") { benchmark in
        let f = Fixtures.shared
        let engine = CitationEngine(directory: f.site.directory, site: f.content.site)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for (body, code) in zip(f.bodies, f.bodyCodes) { blackHole(engine.citations(in: body, defaultCode: code)) }
        }
    }

    Benchmark("Text analysis, new analyzer (60 articles)") { benchmark in
        let f = Fixtures.shared
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let analyzer = TextAnalyzer(language: .fr)
            for text in f.plainTexts { blackHole(analyzer.analyze(text)) }
        }
    }

    Benchmark("Text analysis, warm analyzer (60 articles)") { benchmark in
        let f = Fixtures.shared
        let analyzer = TextAnalyzer(language: .fr)
        for text in f.plainTexts { blackHole(analyzer.analyze(text)) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for text in f.plainTexts { blackHole(analyzer.analyze(text)) }
        }
    }

    Benchmark("French stemming (distinct words of 60 articles)") { benchmark in
        let f = Fixtures.shared
        let analyzer = TextAnalyzer(language: .fr)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for word in f.words { blackHole(analyzer.stem(word)) }
        }
    }

    Benchmark("Search index writing (60 articles + 754 provisions)") { benchmark in
        let f = Fixtures.shared
        let writer = SearchIndexWriter()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(writer.makeIndexFiles(documents: f.documents, language: .fr))
        }
    }

    Benchmark("Template rendering, PageRenderer.renderAll (60-article site)") { benchmark in
        let f = Fixtures.shared
        let renderer = PageRenderer(theme: f.theme, site: f.site)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(renderer.renderAll())
        }
    }

    Benchmark("Assembly: link, cite, cross-reference (60-article site)") { benchmark in
        let f = Fixtures.shared
        let assembler = SiteAssembler(includeDrafts: false, locales: f.theme.locales) { directory, site in
            CitationEngine(directory: directory, site: site)
        }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(assembler.assemble(f.content))
        }
    }

    Benchmark("Content loading (60-article site)") { benchmark in
        let f = Fixtures.shared
        let loader = ContentLoader(root: f.contentFolder, displayBase: f.contentFolder)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try loader.load())
        }
    }

    Benchmark("Whole build in memory, SiteBuilder.prepare (60-article site)") { benchmark in
        let f = Fixtures.shared
        let builder = SiteBuilder(options: BuildOptions(
            content: f.contentFolder, theme: f.themeFolder, output: f.contentFolder.deletingLastPathComponent().appendingPathComponent("out"),
            displayBase: f.contentFolder))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try builder.prepare())
        }
    }
}
