import Foundation
import Testing
@testable import GuideSiteKit

/// A search index made with the analyses of earlier builds is the same bytes as one made from
/// nothing, and the analysis cache file reads back only when it can be trusted.
@Suite("Search analysis cache")
struct SearchAnalysisCacheTests {
    static func hashes(_ documents: [SearchDocument]) -> [UInt64] {
        documents.map { document in
            var hasher = StableHash()
            hasher.combine(document: document)
            return hasher.value
        }
    }

    /// Random edits, round after round, each index made from the previous round's analyses.
    @Test(arguments: SearchLanguage.allCases)
    func reusedAnalysesGiveTheSameIndex(language: SearchLanguage) {
        var generator = SplitMix(seed: 0x5EA2C4)
        let words = ["consentement", "confidentialité", "publicité", "témoignage", "réseaux", "sociaux", "dossier",
                     "secret", "professionnel", "l’ordre", "distance", "privacy", "advertising", "testimonial", "3.09.10",
                     "nouveauté\(language.rawValue)", "élève", "eleve", "déontologie", "patient"]
        func sentence() -> String {
            (0..<Int.random(in: 3...12, using: &generator)).map { _ in words.randomElement(using: &generator) ?? "" }.joined(separator: " ")
        }
        var documents = SearchFixtureCorpus.documents
        let writer = SearchIndexWriter()
        var previous: SearchAnalyses?
        for round in 0..<12 {
            if round > 0 {
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    switch Int.random(in: 0..<5, using: &generator) {
                    case 0 where !documents.isEmpty:  // an edit
                        let k = Int.random(in: documents.indices, using: &generator)
                        documents[k].bodyText += " " + sentence()
                    case 1 where documents.count > 2:  // a removal
                        documents.remove(at: Int.random(in: documents.indices, using: &generator))
                    case 2 where !documents.isEmpty:  // a copy: two documents with the same hash
                        documents.append(documents[Int.random(in: documents.indices, using: &generator)])
                    case 3 where round == 6:  // most documents go: the vocabulary is compacted
                        documents = Array(documents.prefix(2))
                    default:  // a new document, with new words
                        documents.append(SearchDocument(url: "nouveau/\(round)-\(documents.count)/", title: sentence(), kind: .article,
                                                        language: language, bodyText: sentence() + " mot\(round)x\(documents.count)"))
                    }
                }
            }
            let made = writer.makeIndexFiles(documents: documents, hashes: Self.hashes(documents), language: language, reusing: previous)
            let fromNothing = writer.makeIndexFiles(documents: documents, language: language)
            #expect(made.index.files.map(\.path) == fromNothing.map(\.path), "round \(round)")
            #expect(made.index.files.map(\.bytes) == fromNothing.map(\.bytes), "round \(round): the same bytes as an index made from nothing")
            #expect(made.analyses.count == documents.filter { $0.language == language }.count)
            previous = made.analyses
        }
    }

    /// Documents given by their place in earlier analyses, found by their article's key, as a
    /// rebuild gives an unchanged article's: the same bytes as an index made from nothing.
    @Test func documentsTakenFromEarlierAnalysesByTheirArticleGiveTheSameIndex() throws {
        var documents = SearchFixtureCorpus.documents.filter { $0.language == .fr }
        // One "article" per URL page: its key is a hash of its documents.
        func sources(_ documents: [SearchDocument]) -> [CacheKey] {
            let pages = Dictionary(grouping: zip(documents, Self.hashes(documents)), by: { $0.0.url.split(separator: "#").first ?? "" })
            return documents.map { document in
                var hasher = CacheKeyHasher("test article")
                for (_, hash) in pages[document.url.split(separator: "#").first ?? ""] ?? [] { hasher.combine(hash) }
                return hasher.finish()
            }
        }
        let writer = SearchIndexWriter()
        var previous = writer.makeIndexFiles(inputs: zip(zip(documents, Self.hashes(documents)), sources(documents)).map {
            .document($0.0, hash: $0.1, source: $1)
        }, language: .fr, reusing: nil).analyses
        #expect(previous.stubs.allSatisfy { $0.source != nil })
        for round in 0..<3 {
            documents[round * 3 % documents.count].bodyText += " nouveau\(round)"
            let keys = sources(documents), earlier = previous.articlePositions()
            var inputs: [SearchIndexWriter.IndexInput] = []
            var taken = Set<CacheKey>(), analysed = 0
            for (document, (hash, key)) in zip(documents, zip(Self.hashes(documents), keys)) {
                if let positions = earlier[key] {
                    if taken.insert(key).inserted { inputs += positions.map { .analysed($0) } }
                    analysed += 1
                } else {
                    inputs.append(.document(document, hash: hash, source: key))
                }
            }
            #expect(analysed > 0 && analysed < documents.count, "round \(round): some documents are taken by their article")
            let made = writer.makeIndexFiles(inputs: inputs, language: .fr, reusing: previous)
            let fromNothing = writer.makeIndexFiles(documents: documents, language: .fr)
            #expect(made.index.files.map(\.path) == fromNothing.map(\.path))
            #expect(made.index.files.map(\.bytes) == fromNothing.map(\.bytes), "round \(round)")
            #expect(Set(made.analyses.stubs.compactMap(\.source)) == Set(keys))
            previous = made.analyses
        }
    }

    @Test func theFileReadsBackOnlyWhenItCanBeTrusted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("guidesite-analyses-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("Output")
        let documents = SearchFixtureCorpus.documents
        let writer = SearchIndexWriter()
        let analyses = writer.makeIndexFiles(documents: documents, hashes: Self.hashes(documents), language: .fr, reusing: nil).analyses
        let cache = SearchAnalysisCache(output: output, content: folder, language: .fr, writer: writer)
        #expect(cache.read() == nil, "no file yet")

        let staged = try #require(cache.stage(analyses))
        #expect(cache.read() == nil, "staged, not yet in place")
        staged.commit()
        let read = try #require(cache.read())
        #expect(read.hashes == analyses.hashes)
        #expect(read.terms.vocabulary == analyses.terms.vocabulary)
        #expect(read.terms.terms == analyses.terms.terms && read.terms.starts == analyses.terms.starts)
        #expect(read.terms.frequencies == analyses.terms.frequencies && read.terms.lengths == analyses.terms.lengths)
        #expect(read.json == analyses.json && read.jsonEnds == analyses.jsonEnds)
        #expect(read.stubs == analyses.stubs && read.stubs.count == analyses.count)
        #expect(read.layout != nil && read.layout == analyses.layout, "the index's layout too")
        #expect(read.stubs.contains { !$0.professions.isEmpty } && read.stubs.contains { !$0.section.isEmpty })

        // Another language, other settings: another file or another fingerprint.
        #expect(SearchAnalysisCache(output: output, content: folder, language: .en, writer: writer).read() == nil)
        var other = writer
        other.excerptLength = 100
        #expect(SearchAnalysisCache(output: output, content: folder, language: .fr, writer: other).read() == nil)

        // Damage anywhere, or a cut, and the file reads as absent.
        let bytes = try Data(contentsOf: cache.file)
        for offset in [3, 12, 40, bytes.count / 2, bytes.count - 1] {
            var damaged = bytes
            damaged[offset] ^= 0x20
            try damaged.write(to: cache.file)
            #expect(cache.read() == nil, "a byte changed at \(offset)")
        }
        try bytes.prefix(bytes.count - 5).write(to: cache.file)
        #expect(cache.read() == nil, "a truncated file")
        try bytes.write(to: cache.file)
        #expect(cache.read() != nil)
    }

    @Test func aBuildWithTheCacheWritesItAndAnotherWithoutDoesNot() throws {
        let site = try TemporarySite(fixture: "basic")
        let caches = site.output.deletingLastPathComponent().appendingPathComponent(".guidesite-cache")
        var options = site.options
        options.usesCache = false
        _ = try SiteBuilder(options: options).build()
        let none = (try? FileManager.default.contentsOfDirectory(atPath: caches.path)) ?? []
        #expect(!none.contains { $0.hasPrefix("search-") })
        _ = try site.build()
        let names = try FileManager.default.contentsOfDirectory(atPath: caches.path)
        #expect(names.contains { $0.hasPrefix("search-fr-") } && names.contains { $0.hasPrefix("search-en-") })
        #expect(!names.contains { $0.contains(".tmp-") }, "no temporary file left")
    }
}
