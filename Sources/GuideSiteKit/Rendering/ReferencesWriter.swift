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
        OutputFile(path: Self.path, bytes: bytes().bytes)
    }

    /// Where the file goes in the output.
    public static let path = "data/references.json"

    /// The file and its layout, or nil when `isCurrent(path, hash)` says the output holds it
    /// already; and the hash of everything it is written from (``inputHash()``). When it is made,
    /// `previous` gives the last file written and its layout, if there is one to copy runs from.
    func file(reusing previous: () -> (layout: ReferencesLayout, bytes: [UInt8])?,
              unless isCurrent: (String, UInt64) -> Bool) -> (file: OutputFile?, layout: ReferencesLayout?, hash: UInt64) {
        let hash = inputHash()
        if isCurrent(Self.path, hash) { return (nil, nil, hash) }
        let (bytes, layout) = bytes(reusing: previous())
        return (OutputFile(path: Self.path, bytes: bytes), layout, hash)
    }

    /// A hash of everything ``graph()`` reads, cheaper than the graph itself: the site's address,
    /// language and content folder; each edition's pages (paths and titles of articles,
    /// recommendations, codes, provisions and sections); and every citation (page, provision,
    /// anchor, sentence, source location).
    func inputHash() -> UInt64 {
        var hasher = StableHash()
        hasher.combine("references inputs 2")
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
            // Every citation, document by document (the lists by provision are made from them in
            // that order): its digest (made when it was linked, holding what it cites) and its
            // source location; a document's citations share its source file, hashed once.
            hasher.combine(UInt64(edition.documents.count))
            for document in edition.documents {
                let occurrences = document.occurrences, digests = document.occurrenceDigests
                hasher.combine(UInt64(occurrences.count))
                guard let first = occurrences.first else { continue }
                hasher.combine(first.location.file)
                for k in occurrences.indices {
                    hasher.combine(digests[k])
                    hasher.combine(UInt64(bitPattern: Int64(occurrences[k].location.line)))
                    hasher.combine(UInt64(bitPattern: Int64(occurrences[k].location.column)))
                }
            }
        }
        return hasher.value
    }

    /// The citation graph: every page and provision, and every citation, sorted. The file is
    /// not written from it (``bytes()`` writes the same bytes faster); it says simply what the
    /// file holds, and the tests hold ``bytes()`` to it.
    func graph() -> Graph {
        var edges: [Edge] = []
        for edition in site.editions {
            let ids = pageIDs(of: edition), citedBy = edition.citedBy
            for key in citedBy.keys.sorted() {
                for o in citedBy[key] ?? [] {
                    edges.append(Edge(from: ids[o.page] ?? o.page, to: key.description, anchor: o.anchor, sentence: o.sentence,
                                      source: Source(file: site.contentPath(o.location.file), line: o.location.line, column: o.location.column)))
                }
            }
        }
        return Graph(site: site.site.baseURL, nodes: nodes(), edges: Self.sorted(edges))
    }

    /// The file's bytes, those ``json(_:)`` writes of ``graph()``, made without the graph, and
    /// their layout. Edges sort by citing page first, so each page's edges are one run of the
    /// file: the runs are made on every core, each from its page's documents, and joined in page
    /// order; no edge is copied or sorted across pages. A run whose hash `previous` has is copied
    /// from the previous file's bytes instead of written again: the file is tens of megabytes on
    /// a large portal, and is made again whenever a citation moves a line.
    func bytes(reusing previous: (layout: ReferencesLayout, bytes: [UInt8])? = nil) -> (bytes: [UInt8], layout: ReferencesLayout) {
        let (documents, byPage) = citingDocuments()
        let pages = byPage.keys.sorted()
        let site = self.site
        let runs = pages.parallelMap(chunkSize: 64) { page -> (hash: UInt64, made: [UInt8]?) in
            // What the run is written from: each document's source file, and each citation's
            // digest (target, page, anchor, sentence, section) and place.
            var hasher = StableHash()
            hasher.combine("references run 1")
            hasher.combine(page)
            var sources: [(occurrences: [CitationOccurrence], file: String)] = []
            for (edition, document) in byPage[page] ?? [] {
                let linked = documents[edition][document]
                let file = site.contentPath(linked.occurrences.first?.location.file ?? "")
                hasher.combine(file)
                hasher.combine(UInt64(linked.occurrences.count))
                for (k, o) in linked.occurrences.enumerated() {
                    hasher.combine(linked.occurrenceDigests[k])  // one per occurrence, made when it was linked
                    hasher.combine(UInt64(bitPattern: Int64(o.location.line)))
                    hasher.combine(UInt64(bitPattern: Int64(o.location.column)))
                }
                sources.append((linked.occurrences, file))
            }
            let hash = hasher.value
            if previous?.layout.runs[page]?.hash == hash { return (hash, nil) }
            // The page's citations by target, line and column; equal ones in document order.
            var edges: [(to: String, line: Int, column: Int, order: Int, source: Int, occurrence: Int)] = []
            for s in sources.indices {
                for (k, o) in sources[s].occurrences.enumerated() {
                    edges.append((o.target.description, o.location.line, o.location.column, edges.count, s, k))
                }
            }
            edges.sort { ($0.to, $0.line, $0.column, $0.order) < ($1.to, $1.line, $1.column, $1.order) }
            var j = JSONBytes(capacity: 320 * edges.count)
            for edge in edges {
                let o = sources[edge.source].occurrences[edge.occurrence]
                Self.appendEdge(from: page, to: edge.to, anchor: o.anchor, sentence: o.sentence,
                                file: sources[edge.source].file, line: o.location.line, column: o.location.column, to: &j)
            }
            return (hash, j.bytes)
        }
        // Each run, made now (after its comma) or copied from the previous file.
        var layout = ReferencesLayout(fileHash: 0, fileSize: 0, runs: [:])
        layout.runs.reserveCapacity(pages.count)
        let nodes = nodes()
        var total = 0
        for (page, run) in zip(pages, runs) { total += run.made?.count ?? ((previous?.layout.runs[page]?.range.count ?? 0) + 1) }
        var j = Self.begin(capacity: total + 256 * nodes.count + 256)
        let edgesStart = j.count
        for (page, run) in zip(pages, runs) {
            if j.count > edgesStart { j.raw(byte: UInt8(ascii: ",")) }
            let start = j.count
            if let made = run.made {
                made.withUnsafeBufferPointer { j.raw(bytes: UnsafeBufferPointer(rebasing: $0.dropFirst())) }
            } else if let previous, let range = previous.layout.runs[page]?.range {
                previous.bytes.withUnsafeBufferPointer { j.raw(bytes: UnsafeBufferPointer(rebasing: $0[range])) }
            }
            layout.runs[page] = ReferencesLayout.Run(hash: run.hash, range: start..<j.count)
        }
        let bytes = Self.end(&j, hasEdges: j.count > edgesStart, nodes: nodes, site: site.site.baseURL, version: 1)
        layout.fileSize = bytes.count
        layout.fileHash = XXH64.hash(bytes, seed: 0)
        return (bytes, layout)
    }

    /// Every edition's linked documents (``Edition/documents``), and the documents that cite, by
    /// the id their page is named by in edges (``pageIDs(of:)``), in that order: (edition,
    /// document) indices.
    private func citingDocuments() -> (documents: [[LinkedDocument]], byPage: [String: [(edition: Int, document: Int)]]) {
        var documents: [[LinkedDocument]] = []
        var byPage: [String: [(edition: Int, document: Int)]] = [:]
        for (e, edition) in site.editions.enumerated() {
            let ids = pageIDs(of: edition)
            let linked = edition.documents
            for d in linked.indices {
                guard let page = linked[d].occurrences.first?.page else { continue }  // every citation of a document is on its page
                byPage[ids[page] ?? page, default: []].append((e, d))
            }
            documents.append(linked)
        }
        return (documents, byPage)
    }

    /// The id edges name a recommendation's or provision's page by (`rec/4`,
    /// `dentistes/3.09.10`), by the page's path in `edition`; other pages are named by their path.
    private func pageIDs(of edition: Edition) -> [String: String] {
        var ids: [String: String] = [:]
        for r in edition.recommendations where ids[r.path] == nil {
            ids[r.path] = ProvisionKey.recommendation(r.recommendation.number).description
        }
        for c in edition.codes {
            for p in c.provisions where ids[p.path] == nil { ids[p.path] = p.key.description }
        }
        return ids
    }

    /// Every page and provision, sorted by id.
    private func nodes() -> [Node] {
        var nodes: [String: Node] = [:]
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
        }
        return nodes.keys.sorted().compactMap { nodes[$0] }
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
        var edges = JSONBytes(capacity: 320 * graph.edges.count)
        for e in graph.edges {
            appendEdge(from: e.from, to: e.to, anchor: e.anchor, sentence: e.sentence,
                       file: e.source.file, line: e.source.line, column: e.source.column, to: &edges)
        }
        var j = begin(capacity: edges.count + 256 * graph.nodes.count + 256)
        edges.bytes.withUnsafeBufferPointer { j.raw(bytes: UnsafeBufferPointer(rebasing: $0.dropFirst())) }
        return end(&j, hasEdges: !graph.edges.isEmpty, nodes: graph.nodes, site: graph.site, version: graph.version)
    }

    /// One edge as an element of the `edges` array, after a comma (the first edge's is dropped).
    static func appendEdge(from: String, to: String, anchor: String?, sentence: String, file: String, line: Int, column: Int,
                           to j: inout JSONBytes) {
        j.raw(",\n    {\n")
        if let anchor {
            j.raw("      \"anchor\" : ")
            j.string(anchor)
            j.raw(",\n")
        }
        j.raw("      \"from\" : ")
        j.string(from)
        j.raw(",\n      \"sentence\" : ")
        j.string(sentence)
        j.raw(",\n      \"source\" : {\n        \"column\" : ")
        j.integer(column)
        j.raw(",\n        \"file\" : ")
        j.string(file)
        j.raw(",\n        \"line\" : ")
        j.integer(line)
        j.raw("\n      },\n      \"to\" : ")
        j.string(to)
        j.raw("\n    }")
    }

    /// What comes before the first edge of the file.
    static func begin(capacity: Int) -> JSONBytes {
        var j = JSONBytes(capacity: capacity)
        j.raw("{\n  \"edges\" : [")
        return j
    }

    /// The rest of the file after its edges (elements written by
    /// ``appendEdge(from:to:anchor:sentence:file:line:column:to:)``, the first without its comma):
    /// the nodes, the site and the version. Returns the whole file.
    static func end(_ j: inout JSONBytes, hasEdges: Bool, nodes: [Node], site: String, version: Int) -> [UInt8] {
        j.raw(hasEdges ? "\n  ],\n  \"nodes\" : [" : "\n\n  ],\n  \"nodes\" : [")
        for (k, n) in nodes.enumerated() {
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
        j.raw(nodes.isEmpty ? "\n\n  ],\n  \"site\" : " : "\n  ],\n  \"site\" : ")
        j.string(site)
        j.raw(",\n  \"version\" : ")
        j.integer(version)
        j.raw("\n}\n")
        return j.bytes
    }
}
