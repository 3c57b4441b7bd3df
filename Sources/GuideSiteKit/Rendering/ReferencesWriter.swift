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

    /// What ``file(reusing:unless:)`` made of the file.
    struct Made {
        /// The file to write; nil when the output holds it already.
        var file: SplicedFile?
        /// Whether `file` is known to differ from the one the output holds (it was made from
        /// that one, and their bytes differ).
        var knownChanged = false
        /// The layout of the file in the output once written; nil when `isCurrent` said it was.
        var layout: ReferencesLayout?
        /// The hash of everything the file is written from (``inputHashes()``).
        var hash: UInt64
    }

    /// The file and its layout, unless `isCurrent(path, hash)` says the output holds it already.
    /// When it is made, `previous` gives the last file written and its layout, if there is one
    /// to copy runs from; a file then made with the same bytes is not given (it is in place),
    /// only its layout.
    func file(reusing previous: () -> (layout: ReferencesLayout, file: FileBytes)?,
              unless isCurrent: (String, UInt64) -> Bool) -> Made {
        let hashes = inputHashes()
        if isCurrent(Self.path, hashes.file) { return Made(hash: hashes.file) }
        let earlier = previous()
        let (file, layout) = spliced(reusing: earlier, nodesHash: hashes.nodes)
        if let earlier, earlier.layout.fileSize == layout.fileSize, file.holdsTheBytes(of: earlier.file) {
            return Made(layout: layout, hash: hashes.file)
        }
        return Made(file: file, knownChanged: earlier != nil, layout: layout, hash: hashes.file)
    }

    /// Hashes of everything ``graph()`` reads, cheaper than the graph itself: `nodes`, of what
    /// the nodes are written from (the site's address and language; each edition's pages: paths
    /// and titles of articles, recommendations, codes, provisions and sections); `file`, of
    /// those, the content folder, and every citation (page, provision, anchor, sentence, source
    /// location).
    func inputHashes() -> (file: UInt64, nodes: UInt64) {
        var nodes = StableHash()
        nodes.combine("references nodes 1")
        nodes.combine(site.site.baseURL)
        nodes.combine(site.site.language)
        for edition in site.editions {
            let lang = edition.language
            nodes.combine(lang)
            nodes.combine(UInt64(edition.articles.count))
            for i in edition.articles.indices {
                nodes.combine(edition.articles[i].path)
                nodes.combine(edition.articles[i].article.title)
            }
            nodes.combine(UInt64(edition.recommendations.count))
            for r in edition.recommendations {
                nodes.combine(UInt64(r.recommendation.number))
                nodes.combine(r.recommendation.title)
                nodes.combine(r.path)
            }
            nodes.combine(UInt64(edition.codes.count))
            for c in edition.codes {
                nodes.combine(c.code.id)
                nodes.combine(c.code.title)
                nodes.combine(c.path)
                nodes.combine(UInt64(c.provisions.count))
                for p in c.provisions {
                    nodes.combine(p.key.description)
                    nodes.combine(p.article.title)
                    nodes.combine(p.path)
                }
                nodes.combine(UInt64(c.code.sections.count))
                for section in c.code.sections {
                    nodes.combine(section.number)
                    nodes.combine(section.title)
                    nodes.combine(site.directory.path(of: .section(code: c.code.id, number: section.number), from: lang,
                                                      routesFor: site.site.routes(for:)))
                }
            }
        }
        var hasher = StableHash()
        hasher.combine("references inputs 3")
        hasher.combine(nodes.value)
        hasher.combine(site.contentFolder)
        for edition in site.editions {
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
        return (hasher.value, nodes.value)
    }

    /// The citation graph: every page and provision, and every citation, sorted. The file is
    /// not written from it (``spliced(reusing:nodesHash:)`` makes the same bytes faster); it says simply what the
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
    /// their layout (tests; builds write the pieces of ``spliced(reusing:nodesHash:)``).
    func bytes(reusing previous: (layout: ReferencesLayout, bytes: [UInt8])? = nil) -> (bytes: [UInt8], layout: ReferencesLayout) {
        let (file, layout) = spliced(reusing: previous.map { ($0.layout, FileBytes(copying: $0.bytes)) }, nodesHash: inputHashes().nodes)
        return (file.bytes(), layout)
    }

    /// The file, made without the graph, in pieces, and its layout. Edges sort by citing page
    /// first, so each page's edges are one run of the file: the runs are made on every core,
    /// each from its page's documents, and joined in page order; no edge is copied or sorted
    /// across pages. A run whose hash `previous` has is a span of the previous file instead of
    /// written again, and so are the nodes when their hash (`nodesHash`, ``inputHashes()``) is
    /// the previous one: the file is tens of megabytes on a large portal, and is made again
    /// whenever a citation moves a line.
    func spliced(reusing previous: (layout: ReferencesLayout, file: FileBytes)?, nodesHash: UInt64) -> (file: SplicedFile, layout: ReferencesLayout) {
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
        // Each run, made now (after its comma) or a span of the previous file (the comma before
        // it too, when the run before it is the one before it there as well: one span).
        var layout = ReferencesLayout(fileSize: 0, runs: [:])
        layout.runs.reserveCapacity(pages.count)
        var file = SplicedFile(path: Self.path, source: previous?.file)
        // Room for what is made now, and the nodes when they are (a full build: the whole file).
        let nodesCopied = previous.flatMap { $0.layout.nodes }.map { $0.hash == nodesHash } ?? false
        let nodes = nodesCopied ? [] : nodes()
        var j = Self.begin(capacity: runs.reduce(4096) { $0 + ($1.made?.count ?? 0) } + 256 * nodes.count)
        var copiedEnd: Int?  // where the last piece, a span of the previous file, ends there
        for (page, run) in zip(pages, runs) {
            let first = layout.runs.isEmpty
            if let made = run.made {
                if !first { j.raw(byte: UInt8(ascii: ",")) }
                let start = file.count + j.count
                made.withUnsafeBufferPointer { j.raw(bytes: UnsafeBufferPointer(rebasing: $0.dropFirst())) }
                layout.runs[page] = ReferencesLayout.Run(hash: run.hash, range: start..<(file.count + j.count))
                copiedEnd = nil
            } else if let previous, let range = previous.layout.runs[page]?.range {
                // Runs are joined by one comma: the one before this run, when the run before it
                // there was just copied too.
                if !first, copiedEnd == range.lowerBound - 1, j.count == 0 {
                    file.append(copyOf: (range.lowerBound - 1)..<range.lowerBound)
                } else if !first {
                    j.raw(byte: UInt8(ascii: ","))
                }
                if j.count > 0 {
                    file.append(j.bytes)
                    j = JSONBytes(capacity: 4096)
                }
                let start = file.count
                file.append(copyOf: range)
                layout.runs[page] = ReferencesLayout.Run(hash: run.hash, range: start..<file.count)
                copiedEnd = range.upperBound
            }
        }
        let hasEdges = !layout.runs.isEmpty
        j.raw(Self.nodesOpening(hasEdges: hasEdges))
        if nodesCopied, let previous, let earlier = previous.layout.nodes {
            file.append(j.bytes)
            j = JSONBytes(capacity: 256)
            let start = file.count
            file.append(copyOf: earlier.range)
            layout.nodes = ReferencesLayout.Run(hash: nodesHash, range: start..<file.count)
            Self.appendClosing(nodesEmpty: earlier.range.isEmpty, site: site.site.baseURL, version: 1, to: &j)
        } else {
            let start = file.count + j.count
            Self.appendNodes(nodes, to: &j)
            layout.nodes = ReferencesLayout.Run(hash: nodesHash, range: start..<(file.count + j.count))
            Self.appendClosing(nodesEmpty: nodes.isEmpty, site: site.site.baseURL, version: 1, to: &j)
        }
        file.append(j.bytes)
        layout.fileSize = file.count
        return (file, layout)
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
        j.raw(nodesOpening(hasEdges: !graph.edges.isEmpty))
        appendNodes(graph.nodes, to: &j)
        appendClosing(nodesEmpty: graph.nodes.isEmpty, site: graph.site, version: graph.version, to: &j)
        return j.bytes
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

    /// What comes after the edges (elements written by
    /// ``appendEdge(from:to:anchor:sentence:file:line:column:to:)``, the first without its comma)
    /// and before the nodes.
    static func nodesOpening(hasEdges: Bool) -> StaticString {
        hasEdges ? "\n  ],\n  \"nodes\" : [" : "\n\n  ],\n  \"nodes\" : ["
    }

    /// The nodes, as the elements of the `nodes` array.
    static func appendNodes(_ nodes: [Node], to j: inout JSONBytes) {
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
    }

    /// The end of the file after its nodes: the site and the version.
    static func appendClosing(nodesEmpty: Bool, site: String, version: Int, to j: inout JSONBytes) {
        j.raw(nodesEmpty ? "\n\n  ],\n  \"site\" : " : "\n  ],\n  \"site\" : ")
        j.string(site)
        j.raw(",\n  \"version\" : ")
        j.integer(version)
        j.raw("\n}\n")
    }
}
