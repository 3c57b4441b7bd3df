import Foundation
import Testing
@testable import GuideSiteKit

/// Citations and cross-references through a whole build: every link kind resolves to the right
/// relative URL, every broken one is a diagnostic at its place.
@Suite("Cross-references in a build")
struct CrossReferenceBuildTests {
    /// The basic fixture plus an article `liens.md` with `body` (front matter has no `code`).
    func site(body: String, code: String? = nil) throws -> TemporarySite {
        let site = try TemporarySite(fixture: "basic")
        try site.write("articles/liens.md", """
            ---
            title: "Liens"
            date: 2026-03-01
            \(code.map { "code: \($0)\n" } ?? "")---
            \(body)
            """)
        return site
    }

    /// Diagnostics as printed, for the file `liens.md`.
    func messages(_ result: BuildResult) -> [String] {
        result.diagnostics.map(\.description).filter { $0.contains("liens.md") }
    }

    @Test func everyExplicitLinkKindResolves() throws {
        let site = try site(body: """
            [a](code:dentistes/3.09.10) [b](code:dentistes/article/3.06.03) [c](code:dentistes/section/3.09)
            [d](code:dentistes) [e](rec:2) [f](premier.md) [g](premier.md#contexte-2) [h](./second.md)
            """)
        let result = try site.build()
        #expect(result.written, "\(result.diagnostics)")
        let html = try site.read("articles/liens/index.html")
        for (label, href) in [
            ("a", "../../codes/dentistes/3.09.10/"), ("b", "../../codes/dentistes/3.06.03/"),
            ("c", "../../codes/dentistes/#section-3-09"), ("d", "../../codes/dentistes/"),
            ("e", "../../recommandations/2/"), ("f", "../../articles/premier/"),
            ("g", "../../articles/premier/#contexte-2"), ("h", "../../articles/second/"),
        ] {
            #expect(html.contains("href=\"\(href)\"") && html.contains(">\(label)</a>"), "link \(label) → \(href)")
        }
    }

    @Test func citationsInTextBecomeLinksAndAreListedOnTheProvisionPage() throws {
        let site = try site(body: """
            Selon l’article 3.09.10 du Code de déontologie des dentistes, rien.

            - Voir les articles 3.06.03 et 3.09.10 de ce code.

            `art. 3.06.03` dans du code reste du code, comme [l'art. 3.06.03](https://example.org/).
            """, code: "dentistes")
        let result = try site.build()
        #expect(result.written, "\(result.diagnostics)")
        let html = try site.read("articles/liens/index.html")
        #expect(html.contains("<code>art. 3.06.03</code>"))
        #expect(html.contains("<a href=\"https://example.org/\">l’art. 3.06.03</a>"), "an existing link is left alone")
        let provision = try site.read("codes/dentistes/3.06.03/index.html")
        #expect(provision.contains("../../../articles/liens/#cite-2"), "Cité dans links to the citing place")
        #expect(provision.contains("Voir les articles 3.06.03 et 3.09.10 de ce code."), "with the citing sentence")
        let references = try site.read("data/references.json")
        #expect(references.contains("\"file\" : \"articles/liens.md\""), "sources are relative to the content folder")
    }

    @Test func anEmptyLinkTextIsFilledAndItsSentenceReadsAsThePage() throws {
        let site = try site(body: "Voir [](code:dentistes/3.06.03) d’abord.")
        _ = try site.build()
        let provision = try site.read("codes/dentistes/3.06.03/index.html")
        #expect(provision.contains("Voir art. 3.06.03, Code des dentistes d’abord."))
    }

    @Test func brokenReferencesAreErrorsAtTheirPlace() throws {
        let site = try site(body: """
            Intro.

            L'article 3.09.99 du Code de déontologie des dentistes.
            Un [lien](code:dentistes/9.99) et [un autre](rec:42).
            Puis [ceci](absent.md) et [cela](premier.md#nulle-part).
            """)
        let result = try site.build()
        #expect(!result.written)
        let found = messages(result)
        let expected = [
            "Content/articles/liens.md:7:11: error: unknown article 3.09.99 of code 'dentistes'",
            "Content/articles/liens.md:8:4: error: unknown article 9.99 of code 'dentistes'",
            "Content/articles/liens.md:8:35: error: unknown recommendation 42",
            "Content/articles/liens.md:9:6: error: link to 'absent.md': there is no article 'absent.md'",
            "Content/articles/liens.md:9:27: error: link to a missing heading '#nulle-part' of articles/premier/",
        ]
        for line in expected {
            #expect(found.contains(line), "expected \(line)\nfound:\n\(found.joined(separator: "\n"))")
        }
        #expect(found.count == expected.count, "\(found)")
    }

    @Test func aNumberInTwoCodesWithNothingToDecideIsAWarning() throws {
        let site = try site(body: "Voir l'article 3.09.10.")
        try site.write("codes/autre.yaml", """
            id: autre
            title: "Code de déontologie des autres"
            short_title: "Code des autres"
            citation: "RLRQ, c. X-1, r. 1"
            profession: "Autres"
            articles:
              - number: "3.09.10"
                title: "Même numéro"
                text: "Résumé : un homonyme."
            """)
        let result = try site.build()
        #expect(result.written, "a warning does not stop the build")
        let found = messages(result)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix("Content/articles/liens.md:5:16: warning: ") == true, "\(found)")
        #expect(found.first?.contains("autre") == true && found.first?.contains("dentistes") == true, "names both codes: \(found)")
    }

    @Test func aLanguageThatIsNotTheSitesIsAnErrorInEveryKindOfFile() throws {
        let site = try TemporarySite(fixture: "basic")
        try site.write("recommendations/03-langue.yaml", """
            number: 3
            lang: es
            title: "Idioma"
            summary: "Resumen."
            body: "Texto."
            """)
        let result = try site.build()
        let found = result.diagnostics.map(\.description)
        #expect(found.contains("Content/recommendations/03-langue.yaml:2:7: error: language 'es' is not one of the site's languages (fr, en)"), "\(found)")
    }

    @Test func placesInsideYAMLFieldsAreTheFilesPlaces() throws {
        let site = try TemporarySite(fixture: "basic")
        try site.write("recommendations/03-lieux.yaml", """
            number: 3
            title: "Lieux"
            summary: "Des erreurs à leur place."
            body: |
              Premier paragraphe.
              L'article 3.09.98 du Code de déontologie des dentistes.
            do:
              - "Voir l'article 3.09.97 du Code de déontologie des dentistes."
            """)
        let result = try site.build()
        let found = result.diagnostics.map(\.description).filter { $0.contains("03-lieux") }
        #expect(found == [
            "Content/recommendations/03-lieux.yaml:6:13: error: unknown article 3.09.98 of code 'dentistes'",
            "Content/recommendations/03-lieux.yaml:8:21: error: unknown article 3.09.97 of code 'dentistes'",
        ], "\(found)")
    }

    @Test func referencesJSONHasItsDocumentedShape() throws {
        let site = try site(body: "Selon l’article 3.09.10 et la recommandation 2.", code: "dentistes")
        _ = try site.build()
        let graph = try #require(JSONSerialization.jsonObject(with: Data(site.read("data/references.json").utf8)) as? [String: Any])
        #expect(graph["version"] as? Int == 1)
        #expect(graph["site"] as? String == "https://essai.example.org/")
        let nodes = try #require(graph["nodes"] as? [[String: Any]])
        for node in nodes {
            #expect(Set(node.keys) == ["id", "kind", "title", "url", "language"], "\(node)")
        }
        let ids = nodes.compactMap { $0["id"] as? String }
        #expect(ids == ids.sorted(), "nodes are sorted by id")
        let kinds = Set(nodes.compactMap { $0["kind"] as? String })
        #expect(kinds == ["article", "recommendation", "code", "section", "provision"])
        let edges = try #require(graph["edges"] as? [[String: Any]])
        let mine = edges.filter { $0["from"] as? String == "articles/liens/" }
        #expect(mine.compactMap { $0["to"] as? String }.sorted() == ["dentistes/3.09.10", "rec/2"])
        for edge in mine {
            #expect(Set(edge.keys) == ["from", "to", "anchor", "sentence", "source"], "\(edge)")
            let source = try #require(edge["source"] as? [String: Any])
            #expect(source["file"] as? String == "articles/liens.md")
            #expect(source["line"] as? Int == 6)
        }
        let recommendationEdge = try #require(edges.first { $0["from"] as? String == "rec/2" })
        #expect(recommendationEdge["to"] as? String == "dentistes/3.06.03", "a recommendation cites as rec/N")
    }

    @Test func aSentenceCitingTwiceIsListedOnceAndGroupsNameArticlesShortly() throws {
        let site = try site(body: "L’article 3.06.03 du Code de déontologie des dentistes, oui, l’article 3.06.03 de ce code.", code: "dentistes")
        _ = try site.build()
        let provision = try site.read("codes/dentistes/3.06.03/index.html")
        #expect(provision.components(separatedBy: "articles/liens/#cite-").count == 2, "one entry for the sentence")
        let article = try site.read("articles/liens/index.html")
        #expect(article.contains(">art. 3.06.03</a></li>"), "under the code's heading, the article without the code's name")
    }
}
