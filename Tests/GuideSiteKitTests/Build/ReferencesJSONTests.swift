import Foundation
import Testing
@testable import GuideSiteKit

/// `data/references.json` is written by hand into bytes: it must stay what Foundation's encoder
/// wrote before (indented, sorted keys, slashes unescaped), so the file does not change shape.
@Suite("references.json bytes")
struct ReferencesJSONTests {
    struct Node: Encodable { var id: String; var kind: String; var title: String; var url: String; var language: String }
    struct Source: Encodable { var file: String; var line: Int; var column: Int }
    struct Edge: Encodable { var from: String; var to: String; var anchor: String?; var sentence: String; var source: Source }
    struct Graph: Encodable { var version = 1; var site: String; var nodes: [Node]; var edges: [Edge] }

    func foundation(_ graph: Graph) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(graph)) + [0x0A]
    }

    func ours(_ graph: Graph) -> [UInt8] {
        ReferencesWriter.json(ReferencesWriter.Graph(
            version: graph.version, site: graph.site,
            nodes: graph.nodes.map { .init(id: $0.id, kind: $0.kind, title: $0.title, url: $0.url, language: $0.language) },
            edges: graph.edges.map {
                .init(from: $0.from, to: $0.to, anchor: $0.anchor, sentence: $0.sentence,
                      source: .init(file: $0.source.file, line: $0.source.line, column: $0.source.column))
            }))
    }

    @Test func aGraphIsWrittenAsFoundationWroteIt() throws {
        let graph = Graph(site: "https://guide.example.org/sous/", nodes: [
            Node(id: "articles/a/", kind: "article", title: "L’« avis » : \"cité\" \\ ici\net là", url: "https://guide.example.org/articles/a/", language: "fr"),
            Node(id: "dentistes/3.09.10", kind: "provision", title: "Publicité", url: "https://guide.example.org/codes/dentistes/3.09.10/", language: "fr"),
        ], edges: [
            Edge(from: "articles/a/", to: "dentistes/3.09.10", anchor: "cite-1", sentence: "Selon l’art. 3.09.10 du code.",
                 source: Source(file: "articles/a.md", line: 12, column: 5)),
            Edge(from: "rec/2", to: "dentistes/3.09.10", anchor: nil, sentence: "Tab\there",
                 source: Source(file: "recommendations/02.yaml", line: 3, column: 140)),
        ])
        #expect(ours(graph) == (try foundation(graph)))
    }

    /// The file is written page by page on every core (`bytes()`); it must hold exactly what
    /// the plain graph, sorted whole, writes: on the demo portal (two languages, recommendations
    /// and provisions that cite) and on the test fixture with an article that cites from many
    /// places, twice in a sentence, and the same provision at equal places in two documents.
    @Test(arguments: ["demo", "basic"])
    func theFileWrittenPageByPageIsTheSortedGraph(site name: String) throws {
        let options: BuildOptions
        var temporary: TemporarySite?
        if name == "demo" {
            options = BuildOptions(content: Repository.root.appendingPathComponent("Content"), theme: Repository.defaultTheme,
                                   output: FileManager.default.temporaryDirectory.appendingPathComponent("unused-\(UUID().uuidString)"),
                                   displayBase: Repository.root)
        } else {
            let site = try TemporarySite(fixture: name)
            try site.write("articles/citant.md", """
                ---
                title: "Citant"
                date: 2026-01-20
                code: dentistes
                ---
                Selon l’article 3.09.10 et l’article 3.09.10 de ce code, puis la recommandation 2.

                ## Suite

                Voir aussi l’art. 3.06.03, la recommandation 2 et l’article 3.09.10.

                """)
            try site.write("articles/citant-bis.md", "---\ntitle: \"Citant bis\"\ndate: 2026-01-20\ncode: dentistes\n---\nSelon l’article 3.09.10 et l’article 3.09.10 de ce code, puis la recommandation 2.\n")
            options = site.options
            temporary = site
        }
        let (assembled, diagnostics) = try SiteBuilder(options: options).assemble()
        let site = try #require(assembled?.site, "\(diagnostics)")
        let writer = ReferencesWriter(site: site)
        #expect(writer.graph().edges.count > 3)
        let fast = writer.bytes().bytes, plain = ReferencesWriter.json(writer.graph())
        let difference = fast.indices.first { $0 >= plain.count || fast[$0] != plain[$0] } ?? (fast.count == plain.count ? nil : fast.count)
        #expect(difference == nil, "the bytes differ from byte \(difference ?? 0) on: \(String(decoding: fast.dropFirst(difference ?? 0).prefix(300), as: UTF8.self))")
        _ = temporary
    }

    @Test func anEmptyGraphToo() throws {
        let graph = Graph(site: "/", nodes: [], edges: [])
        #expect(ours(graph) == (try foundation(graph)))
    }
}
