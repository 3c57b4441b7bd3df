import Foundation
import Testing

@testable import GuideSiteKit

/// The small corpus whose index is committed under
/// Tests/Fixtures/analysis/search-index/ for the JavaScript engine tests.
enum SearchFixtureCorpus {
    static let documents: [SearchDocument] = [
        SearchDocument(
            url: "codes/code-de-deontologie/#3.09.10", title: "Code de déontologie", section: "3.09.10 — Secret professionnel",
            kind: .provision, language: .fr, titleText: "3.09.10 Secret professionnel",
            bodyText: "Le professionnel doit respecter le secret de tout renseignement de nature confidentielle obtenu dans l’exercice de sa profession.",
            citations: ["3.09.10"]),
        SearchDocument(
            url: "codes/code-de-deontologie/#6.1.6", title: "Code de déontologie", section: "6.1.6 — Dossiers",
            kind: .provision, language: .fr, titleText: "6.1.6 Dossiers",
            bodyText: "Le membre tient un dossier pour chaque client et le conserve pendant cinq ans.", citations: ["6.1.6"]),
        SearchDocument(
            url: "articles/medias-sociaux/", title: "Les médias sociaux et le secret professionnel", kind: .article, language: .fr,
            professions: ["pharmaciens"], tags: ["réseaux sociaux"], date: "2024-03-15",
            titleText: "Les médias sociaux et le secret professionnel", headingsText: "Consentement Publications",
            summaryText: "Publier sur Facebook ou Instagram engage la responsabilité du membre.",
            bodyText: "Selon l’art. 3.09.10 du Code de déontologie, le secret professionnel s'applique aussi en ligne. Ne publiez jamais de photo d'un client.",
            citations: ["3.09.10"]),
        SearchDocument(
            url: "articles/medias-sociaux/#consentement", title: "Les médias sociaux et le secret professionnel", section: "Consentement",
            kind: .article, language: .fr, professions: ["pharmaciens", "infirmieres"], date: "2024-03-15",
            titleText: "Les médias sociaux et le secret professionnel",
            bodyText: "Le consentement libre et éclairé du client est requis avant toute publication. Le consentement doit être écrit."),
        SearchDocument(
            url: "recommandations/tenue-des-dossiers/", title: "Tenue des dossiers", kind: .recommendation, language: .fr,
            professions: ["ingenieurs"], date: "2023-11-02", titleText: "Tenue des dossiers",
            summaryText: "Comment tenir et conserver les dossiers de vos clients.",
            bodyText: "Consignez chaque consultation. Voir l'article 6.1.6 du Code. Les dossiers électroniques doivent être protégés.",
            citations: ["6.1.6"]),
        SearchDocument(
            url: "articles/publicite/", title: "Publicité trompeuse", kind: .article, language: .fr, professions: ["infirmieres"],
            titleText: "Publicité trompeuse",
            bodyText: "La publicité ne doit pas contenir de témoignages de clients ni de garanties de guérison."),
        SearchDocument(
            url: "articles/stagiaires/", title: "L’élève et le stagiaire", kind: .article, language: .fr,
            titleText: "L’élève et le stagiaire",
            bodyText: "L'élève agit sous la supervision d’un membre en règle. Le stagiaire aussi."),
        SearchDocument(
            url: "articles/formulaires/", title: "FORMULAIRES POUR LES ELEVES", kind: .page, language: .fr,
            titleText: "FORMULAIRES POUR LES ELEVES", bodyText: "LES ELEVES REMPLISSENT LE FORMULAIRE D'INSCRIPTION."),
        SearchDocument(
            url: "codes/code-des-professions/", title: "Code des professions", kind: .code, language: .fr,
            titleText: "Code des professions",
            bodyText: "L'article 60.4 encadre le secret professionnel et ses exceptions. Il renvoie aussi à 3.09.10."),
        SearchDocument(
            url: "a-propos/", title: "À propos", kind: .page, language: .fr, titleText: "À propos",
            bodyText: "Ce guide est publié par l'Ordre. Il rassemble des recommandations sur la confidentialité et les honoraires."),
        SearchDocument(
            url: "en/articles/social-media/", title: "Social media and professional secrecy", kind: .article, language: .en,
            titleText: "Social media and professional secrecy",
            bodyText: "Under section 3.09.10, members keep their clients' information confidential when posting online.",
            citations: ["3.09.10"]),
        SearchDocument(
            url: "en/articles/records/", title: "Keeping records", kind: .recommendation, language: .en,
            titleText: "Keeping records", bodyText: "Members keep a record for each client for five years.",
            citations: ["6.1.6"]),
    ]
}

@Suite struct SearchIndexWriterTests {
    static var fixtureDirectory: URL {
        AnalysisFixtures.directory.appendingPathComponent("search-index")
    }

    func files() -> [(path: String, bytes: [UInt8])] {
        var w = SearchIndexWriter()
        w.shardBytes = 700  // small shards, so that the engine tests exercise sharding
        w.docShardBytes = 700
        w.excerptLength = 120
        return SearchLanguage.allCases.flatMap { w.makeIndexFiles(documents: SearchFixtureCorpus.documents, language: $0) }
    }

    @Test func deterministic() {
        let a = files()
        let b = files()
        #expect(a.map(\.path) == b.map(\.path))
        #expect(a.map(\.bytes) == b.map(\.bytes))
    }

    @Test func shardedAndValidJSON() throws {
        let fr = files().filter { $0.path.hasPrefix("fr/") }
        #expect(fr.first?.path == "fr/meta.json")
        #expect(fr.filter { $0.path.hasPrefix("fr/terms-") }.count > 1)
        for f in fr {
            let object = try JSONSerialization.jsonObject(with: Data(f.bytes)) as? [String: Any]
            #expect(object?["version"] as? Int == 1, "\(f.path)")
        }
        let meta = try #require(try JSONSerialization.jsonObject(with: Data(fr[0].bytes)) as? [String: Any])
        #expect(meta["documentCount"] as? Int == 10)
        #expect(meta["kinds"] as? [String] == ["article", "recommendation", "provision", "code", "page"])
    }

    @Test func smallSiteIsAFewFiles() {
        let files = SearchIndexWriter().makeIndexFiles(documents: SearchFixtureCorpus.documents, language: .fr)
        #expect(files.map(\.path) == ["fr/meta.json", "fr/terms-0.json", "fr/docs-0.json", "fr/facets.json"])
    }

    /// Compares with the committed fixture; set GUIDESITE_UPDATE_FIXTURES=1 to rewrite it.
    @Test func committedFixtureIsCurrent() throws {
        let dir = Self.fixtureDirectory
        let update = ProcessInfo.processInfo.environment["GUIDESITE_UPDATE_FIXTURES"] == "1"
        for f in files() {
            let url = dir.appendingPathComponent(f.path)
            if update {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(f.bytes).write(to: url)
            } else {
                let committed = try Data(contentsOf: url)
                #expect(Array(committed) == f.bytes, "\(f.path) is stale: GUIDESITE_UPDATE_FIXTURES=1 swift test")
            }
        }
    }
}

/// Index size and build time at the 10,000-article scale (≈ 67 MB of text).
/// Run with GUIDESITE_SEARCH_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter SearchIndexScale
@Suite struct SearchIndexScale {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["GUIDESITE_SEARCH_BENCH"] == "1"))
    func tenThousandArticles() throws {
        let words = try AnalysisFixtures.stems("stems-fr.tsv").map(\.0)
        var seed: UInt64 = 42
        func next() -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: seed >> 33)
        }
        // Zipf-like word choice: frequent words are frequent.
        func word() -> String { words[Int(Double(words.count) * pow(Double(next() % 10_000) / 10_000, 3))] }
        func text(_ n: Int) -> String {
            var s = ""
            for k in 0..<n {
                s += word()
                s += k % 17 == 16 ? ". " : " "
            }
            return s
        }
        var docs: [SearchDocument] = []
        var bytes = 0
        for a in 0..<10_000 {
            for section in 0..<4 {
                let body = text(250) + (a % 7 == 0 ? " art. 3.\(a % 20).\(section) " : "")
                bytes += body.utf8.count
                docs.append(
                    SearchDocument(
                        url: "articles/a\(a)/#s\(section)", title: "Article \(a) \(word())", section: "Section \(word())",
                        kind: .article, language: .fr, professions: ["p\(a % 5)"], titleText: "Article \(a) \(word())",
                        headingsText: "", summaryText: section == 0 ? text(30) : "", bodyText: body,
                        citations: a % 7 == 0 ? ["3.\(a % 20).\(section)"] : []))
            }
        }
        let start = Date()
        let files = SearchIndexWriter().makeIndexFiles(documents: docs, language: .fr)
        let seconds = Date().timeIntervalSince(start)
        let terms = files.filter { $0.path.contains("terms-") }
        let docFiles = files.filter { $0.path.contains("docs-") }
        let total = files.reduce(0) { $0 + $1.bytes.count }
        print(
            "index: \(docs.count) documents, \(bytes / 1_000_000) MB of body text, \(String(format: "%.1f", seconds)) s, "
                + "\(files.count) files, \(total / 1_000_000) MB; \(terms.count) term shards (max \(terms.map(\.bytes.count).max() ?? 0) B), "
                + "\(docFiles.count) doc shards (max \(docFiles.map(\.bytes.count).max() ?? 0) B), "
                + "meta \(files[0].bytes.count) B, facets \(files.last?.bytes.count ?? 0) B")
        #expect(files.count > 10)
    }

    /// The index order of many documents (sorted in two halves on two cores, then merged) is the
    /// order of one sort, whether some documents keep earlier places or none do.
    @Test func indexOrderOfManyDocumentsIsTheSortedOrder() {
        var generator = SplitMix(seed: 8)
        let count = 20_000
        var stubs = (0..<count).map { k in
            SearchDocumentStub(hash: generator.next() % 64, url: "articles/a\(generator.next() % 3000)/", section: generator.next() % 3 == 0 ? "" : "S\(generator.next() % 5)",
                               title: "T\(k % 7)", kind: .article, professions: [], source: nil)
        }
        // Ties the order must keep as the documents came: stubs equal in all that sorts them
        // (one far away, in the other half), told apart by a field the order does not read.
        for k in stride(from: 0, to: count / 2, by: 10) {
            stubs[k + count / 2] = stubs[k]
            stubs[k + count / 2].professions = ["tie \(k)"]
        }
        let sorted = stubs.indices.sorted { a, b in
            SearchDocumentStub.precedes(stubs[a], stubs[b]) || (!SearchDocumentStub.precedes(stubs[b], stubs[a]) && a < b)
        }
        /// The same stubs as far as the order reads them (a tie may come either way).
        func sameKeys(_ order: [Int]) -> Bool {
            func keys(_ indices: [Int]) -> [String] { indices.map { "\(stubs[$0].url)|\(stubs[$0].section)|\(stubs[$0].title)|\(stubs[$0].hash)" } }
            return keys(order) == keys(sorted)
        }
        let none = [Int?](repeating: nil, count: count)
        let order = SearchIndexWriter.indexOrder(stubs, earlier: none)
        let sorted1 = order == sorted
        #expect(sorted1, "no earlier places: one sort, ties in the order the documents came")
        // A third keep their places in the sorted order; the others are placed among them.
        var earlier = none
        for (place, index) in sorted.enumerated() where index % 3 == 0 { earlier[index] = place }
        let mixed = SearchIndexWriter.indexOrder(stubs, earlier: earlier)
        #expect(Set(mixed).count == count)
        let sorted2 = sameKeys(mixed)
        #expect(sorted2, "a third at their earlier places")
        // A rebuild: all but a few at their places (the few found among them by bisection).
        var nearlyAll = none
        for (place, index) in sorted.enumerated() where ![0, 1, 777, 9_999, 10_000, 19_998, 19_999].contains(place) { nearlyAll[index] = place }
        let rebuilt = SearchIndexWriter.indexOrder(stubs, earlier: nearlyAll)
        #expect(Set(rebuilt).count == count)
        let sorted3 = sameKeys(rebuilt)
        #expect(sorted3, "all but seven at their earlier places")
    }
}
