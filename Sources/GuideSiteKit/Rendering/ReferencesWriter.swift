import Foundation

/// Writes `data/references.json`: the whole citation graph, for reuse by others.
///
/// Shape (version 1, documented in `docs/references-json.md`):
/// `{ "version": 1, "nodes": [{ "id", "kind", "title", "url", "language" }],
///    "edges": [{ "from", "to", "anchor", "sentence", "source": { "file", "line", "column" } }] }`.
/// Node ids are site paths for pages and provision ids (`dentistes/3.09.10`, `rec/4`) for provisions.
public struct ReferencesWriter: Sendable {
    public var site: AssembledSite

    public init(site: AssembledSite) { self.site = site }

    struct Node { var id: String; var kind: String; var title: String; var url: String; var language: String }
    struct Source { var file: String; var line: Int; var column: Int }
    struct Edge { var from: String; var to: String; var anchor: String?; var sentence: String; var source: Source }
    struct Graph { var version = 1; var site: String; var nodes: [Node]; var edges: [Edge] }

    public func file() -> OutputFile {
        OutputFile(path: Self.path, bytes: Self.json(graph()))
    }

    /// Where the file goes in the output.
    public static let path = "data/references.json"

    /// The file, or nil when `isCurrent(path, hash)` says the output holds it already; and the
    /// hash of everything it is written from (``inputHash()``).
    func file(unless isCurrent: (String, UInt64) -> Bool) -> (file: OutputFile?, hash: UInt64) {
        let hash = inputHash()
        if isCurrent(Self.path, hash) { return (nil, hash) }
        return (file(), hash)
    }

    /// A hash of everything ``graph()`` reads, cheaper than the graph itself: the site's address,
    /// language and content folder; each edition's pages (paths and titles of articles,
    /// recommendations, codes, provisions and sections); and every citation (page, provision,
    /// anchor, sentence, source location).
    func inputHash() -> UInt64 {
        var hasher = StableHash()
        hasher.combine("references inputs 1")
        hasher.combine(site.site.baseURL)
        hasher.combine(site.site.language)
        hasher.combine(site.contentFolder)
        for edition in site.editions {
            let lang = edition.language
            hasher.combine(lang)
            hasher.combine(UInt64(edition.articles.count))
            for i in edition.articles.indices {
                hasher.combine(edition.articles[i].path)
                hasher.combine(edition.articles[i].article.title)
            }
            hasher.combine(UInt64(edition.recommendations.count))
            for r in edition.recommendations {
                hasher.combine(UInt64(r.recommendation.number))
                hasher.combine(r.recommendation.title)
                hasher.combine(r.path)
            }
            hasher.combine(UInt64(edition.codes.count))
            for c in edition.codes {
                hasher.combine(c.code.id)
                hasher.combine(c.code.title)
                hasher.combine(c.path)
                hasher.combine(UInt64(c.provisions.count))
                for p in c.provisions {
                    hasher.combine(p.key.description)
                    hasher.combine(p.article.title)
                    hasher.combine(p.path)
                }
                hasher.combine(UInt64(c.code.sections.count))
                for section in c.code.sections {
                    hasher.combine(section.number)
                    hasher.combine(section.title)
                    hasher.combine(site.directory.path(of: .section(code: c.code.id, number: section.number), from: lang,
                                                       routesFor: site.site.routes(for:)))
                }
            }
            // Every citation: its digest (made when it was linked) and its source location.
            let keys = edition.citedBy.keys.sorted()
            hasher.combine(UInt64(keys.count))
            for key in keys {
                let occurrences = edition.citedBy[key] ?? [], digests = edition.citationDigests(of: key)
                let documents = edition.citingDocuments(of: key)
                hasher.combine(key.description)
                hasher.combine(UInt64(occurrences.count))
                for k in occurrences.indices {
                    hasher.combine(digests[k])
                    // A document's occurrences share its source file: it is hashed once a document.
                    if let documents, k > 0, documents[k] == documents[k - 1] {
                        hasher.combine(UInt64(1))
                    } else {
                        hasher.combine(occurrences[k].location.file)
                    }
                    hasher.combine(UInt64(bitPattern: Int64(occurrences[k].location.line)))
                    hasher.combine(UInt64(bitPattern: Int64(occurrences[k].location.column)))
                }
            }
        }
        return hasher.value
    }

    /// The citation graph: every page and provision, and every citation, sorted.
    func graph() -> Graph {
        var nodes: [String: Node] = [:]
        var edges: [Edge] = []
        let base = site.site.baseURL
        for edition in site.editions {
            let lang = edition.language
            for a in edition.articles {
                nodes[a.path] = Node(id: a.path, kind: "article", title: a.article.title, url: base + a.path, language: lang)
            }
            for r in edition.recommendations {
                let key = ProvisionKey.recommendation(r.recommendation.number).description
                if lang == site.site.language || nodes[key] == nil {
                    nodes[key] = Node(id: key, kind: "recommendation", title: r.recommendation.title, url: base + r.path, language: lang)
                }
            }
            for c in edition.codes {
                if lang == site.site.language || nodes[c.code.id] == nil {
                    nodes[c.code.id] = Node(id: c.code.id, kind: "code", title: c.code.title, url: base + c.path, language: lang)
                    for p in c.provisions {
                        nodes[p.key.description] = Node(id: p.key.description, kind: "provision", title: p.article.title,
                                                        url: base + p.path, language: lang)
                    }
                    for s in c.code.sections {
                        let key = ProvisionKey.section(code: c.code.id, number: s.number)
                        nodes[key.description] = Node(id: key.description, kind: "section", title: s.title,
                                                      url: base + site.directory.path(of: key, from: lang, routesFor: site.site.routes(for:)),
                                                      language: lang)
                    }
                }
            }
            let recPaths = Dictionary(edition.recommendations.map { ($0.path, ProvisionKey.recommendation($0.recommendation.number).description) },
                                      uniquingKeysWith: { a, _ in a })
            let provisionPaths = Dictionary(edition.codes.flatMap { $0.provisions.map { ($0.path, $0.key.description) } },
                                            uniquingKeysWith: { a, _ in a })
            for key in edition.citedBy.keys.sorted() {
                for o in edition.citedBy[key] ?? [] {
                    let from = recPaths[o.page] ?? provisionPaths[o.page] ?? o.page
                    edges.append(Edge(from: from, to: key.description, anchor: o.anchor, sentence: o.sentence,
                                      source: Source(file: site.contentPath(o.location.file), line: o.location.line, column: o.location.column)))
                }
            }
        }
        return Graph(site: base, nodes: nodes.keys.sorted().compactMap { nodes[$0] }, edges: Self.sorted(edges))
    }

    /// The edges by source page, target, line and column (and, for equal ones, in the order
    /// given). Strings are compared once, to rank the distinct ones; the edges are then sorted
    /// by numbers.
    static func sorted(_ edges: [Edge]) -> [Edge] {
        func ranks(_ values: some Sequence<String>) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: Set(values).sorted().enumerated().map { ($1, $0) })
        }
        let fromRanks = ranks(edges.lazy.map(\.from)), toRanks = ranks(edges.lazy.map(\.to))
        let keys = edges.enumerated().map { index, edge in
            (fromRanks[edge.from] ?? 0, toRanks[edge.to] ?? 0, edge.source.line, edge.source.column, index)
        }
        return keys.sorted { $0 < $1 }.map { edges[$0.4] }
    }

    /// The graph as indented JSON with sorted keys, written straight into bytes (the file is tens
    /// of megabytes on a large portal, and Foundation's encoder held several copies of it).
    static func json(_ graph: Graph) -> [UInt8] {
        var j = JSONBytes(capacity: 256 * (graph.nodes.count + 2 * graph.edges.count) + 256)
        j.raw("{\n  \"edges\" : [")
        for (k, e) in graph.edges.enumerated() {
            j.raw(k == 0 ? "\n    {\n" : ",\n    {\n")
            if let anchor = e.anchor {
                j.raw("      \"anchor\" : ")
                j.string(anchor)
                j.raw(",\n")
            }
            j.raw("      \"from\" : ")
            j.string(e.from)
            j.raw(",\n      \"sentence\" : ")
            j.string(e.sentence)
            j.raw(",\n      \"source\" : {\n        \"column\" : ")
            j.integer(e.source.column)
            j.raw(",\n        \"file\" : ")
            j.string(e.source.file)
            j.raw(",\n        \"line\" : ")
            j.integer(e.source.line)
            j.raw("\n      },\n      \"to\" : ")
            j.string(e.to)
            j.raw("\n    }")
        }
        j.raw(graph.edges.isEmpty ? "\n\n  ],\n  \"nodes\" : [" : "\n  ],\n  \"nodes\" : [")
        for (k, n) in graph.nodes.enumerated() {
            j.raw(k == 0 ? "\n    {\n      \"id\" : " : ",\n    {\n      \"id\" : ")
            j.string(n.id)
            j.raw(",\n      \"kind\" : ")
            j.string(n.kind)
            j.raw(",\n      \"language\" : ")
            j.string(n.language)
            j.raw(",\n      \"title\" : ")
            j.string(n.title)
            j.raw(",\n      \"url\" : ")
            j.string(n.url)
            j.raw("\n    }")
        }
        j.raw(graph.nodes.isEmpty ? "\n\n  ],\n  \"site\" : " : "\n  ],\n  \"site\" : ")
        j.string(graph.site)
        j.raw(",\n  \"version\" : ")
        j.integer(graph.version)
        j.raw("\n}\n")
        return j.bytes
    }
}
