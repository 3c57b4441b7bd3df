import Foundation

/// Checks the loaded content as a whole, links every Markdown document and builds the
/// citation graph: load → **assemble** → render → write.
///
/// Per-document work (parsing, linking, rendering Markdown) runs on every core; checks across
/// files (duplicates, unknown codes) and the graph are made once, in order.
public struct SiteAssembler: Sendable {
    public var includeDrafts: Bool
    public var finderFactory: @Sendable (ProvisionDirectory, SiteConfiguration) -> any CitationFinding
    public var locales: [String: Theme.Locale]
    /// Linked articles of the last build, reused when nothing they depend on changed. Only for
    /// the site's own citation engine: a cached document is keyed by the codes and
    /// recommendations, not by the finder that `finderFactory` makes of them.
    var cache: ArticleCache?

    public init(includeDrafts: Bool = false, locales: [String: Theme.Locale] = [:],
                finderFactory: @escaping @Sendable (ProvisionDirectory, SiteConfiguration) -> any CitationFinding) {
        self.includeDrafts = includeDrafts
        self.locales = locales
        self.finderFactory = finderFactory
    }

    public func assemble(_ content: LoadedContent) -> (AssembledSite, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let site = content.site
        // Not filtered when there is nothing to leave out: a copy of every article is a retain
        // (and later a release) of each of its strings.
        let articles = includeDrafts || !content.articles.contains(where: \.isDraft) ? content.articles : content.articles.filter { !$0.isDraft }
        checkDuplicates(articles: articles, content: content, &diagnostics)

        let directory = ProvisionDirectory(codes: content.codes, recommendations: content.recommendations,
                                           defaultLanguage: site.language)
        // Loops over articles and entries read fields by index: a whole article or entry copied
        // out of its array costs a retain of each of its strings.
        for i in articles.indices {
            if let code = articles[i].codeID, directory.codes[code] == nil {
                diagnostics.append(.error("unknown code '\(code)' in field 'code' (known: \(directory.codes.keys.sorted().joined(separator: ", ")))",
                                          at: articles[i].codeLocation ?? articles[i].location))
            }
        }
        for r in content.recommendations {
            for ref in r.relatedProvisions {
                if let problem = directory.problem(with: .article(code: ref.codeID, number: ref.number)) {
                    diagnostics.append(.error(problem, at: ref.location))
                }
            }
        }
        let finder = finderFactory(directory, site)
        let routesFor: @Sendable (String) -> Routes = { site.routes(for: $0) }
        let parser = MarkdownParser()

        var editions: [Edition] = []
        var translations: [String: [String: String]] = [:]
        for language in site.languages {
            let routes = routesFor(language)
            let locale = locales[language]
            let articlePaths = Self.articlePaths(of: articles, language: language, site: site)
            let context = LinkContext(
                routes: routes, articlePaths: articlePaths, finder: finder,
                provisionPath: { directory.path(of: $0, from: language, routesFor: routesFor) },
                provisionLabel: { directory.label(of: $0, language: language, locale: locale) },
                allowsRawHTML: site.unsafeHTML)
            let renderer = HTMLRenderer(allowsRawHTML: site.unsafeHTML, frenchTypography: language == "fr")
            let environment = cache.map { _ in
                ArticleCacheKeys.linkEnvironment(site: site, directory: directory, locale: locale, language: language, routes: routes,
                                                 maximumDepth: parser.maximumDepth)
            }
            @Sendable func link(_ text: String, source: SourceLocation, indentation: Int = 0, page: String, code: String?,
                                prefix: String) -> (LinkedDocument, [Diagnostic]) {
                let parsed = parser.parse(text)
                var linker = ContentLinker(context: context, source: DocumentSource(start: source, indentation: indentation, text: text), page: page,
                                           defaultCode: code, anchorPrefix: prefix)
                let tree = linker.link(parsed.document)
                var diagnostics = linker.diagnostics
                if parsed.wasFlattened {
                    diagnostics.append(.warning("Markdown nested more than \(parser.maximumDepth) levels deep: the deepest part is shown as plain text", at: source))
                }
                return (LinkedDocument(html: renderer.render(tree), tableOfContents: linker.tableOfContents,
                                       sections: DocumentSection.split(tree, headings: linker.tableOfContents), occurrences: linker.occurrences,
                                       anchorReferences: linker.anchorReferences, articleLookups: linker.articleLookups), diagnostics)
            }

            // Articles, in parallel: the heavy part of any real portal.
            // Entries are made without diagnostics beside them, which most lack: an entry moved
            // out of a (entry, diagnostics) pair is copied, a retain of each of its strings.
            @Sendable func linkArticle(_ article: GuidanceArticle) -> (ArticleEntry, [Diagnostic]) {
                let path = routes.article(article.slug)
                let source = article.location.offset(lines: article.bodyLineOffset, column: 1)
                var key: CacheKey?
                if let cache, let environment, let loaded = cache.loadKey(forFile: article.location.file) {
                    key = ArticleCacheKeys.link(article: loaded, environment: environment, page: path, code: article.codeID,
                                                prefix: "cite", source: source, indentation: 0)
                }
                if let key, let (doc, d) = cache?.linkedDocument(key, articlePaths: articlePaths) {
                    return (ArticleEntry(article: article, path: path, body: doc,
                                         linkKey: ArticleCacheKeys.linkedBody(link: key, lookups: doc.articleLookups)), d)
                }
                var body = article.body
                if let unread = cache?.unreadBody(forFile: article.location.file) {
                    let read = unread.read()
                    guard let text = read.body else {
                        return (ArticleEntry(article: article, path: path, body: .empty, linkKey: nil), read.problem.map { [$0] } ?? [])
                    }
                    body = text
                }
                let (doc, d) = link(body, source: source, page: path, code: article.codeID, prefix: "cite")
                if let key { cache?.recordLinked(key, document: doc, diagnostics: d) }
                return (ArticleEntry(article: article, path: path, body: doc,
                                     linkKey: key.map { ArticleCacheKeys.linkedBody(link: $0, lookups: doc.articleLookups) }), d)
            }
            // Newest first, then by slug: sorted before linking, so that the linked entries (large
            // values) come out in order instead of being moved about by a sort.
            var own = articles.indices.filter { articles[$0].language == language }
            own.sort { a, b in
                if articles[a].date != articles[b].date { return articles[a].date > articles[b].date }
                if articles[a].slug != articles[b].slug { return articles[a].slug < articles[b].slug }
                return a < b
            }
            let linkProblems = LinkProblems()
            let entries = own.parallelMap { index -> ArticleEntry in
                let (entry, problems) = linkArticle(articles[index])
                if !problems.isEmpty { linkProblems.add(problems, of: index) }
                return entry
            }
            diagnostics += linkProblems.inArticleOrder

            var recs: [RecommendationEntry] = []
            for r in content.recommendations.filter({ $0.language == language }).sorted(by: { $0.number < $1.number }) {
                let path = routes.recommendation(r.number)
                var local: [Diagnostic] = []
                func field(_ f: MarkdownField, _ prefix: String) -> LinkedDocument {
                    let (doc, d) = link(f.text, source: f.location, indentation: f.indentation, page: path, code: nil, prefix: prefix)
                    local += d
                    return doc
                }
                let body = field(r.body, "cite")
                let dos = r.dos.enumerated().map { field($0.element, "cite-do\($0.offset + 1)") }
                let donts = r.donts.enumerated().map { field($0.element, "cite-dont\($0.offset + 1)") }
                diagnostics += local
                recs.append(RecommendationEntry(recommendation: r, path: path, body: body, dos: dos, donts: donts,
                                                related: r.relatedProvisions.map { .article(code: $0.codeID, number: $0.number) }))
            }

            var codes: [CodeEntry] = []
            for id in directory.codes.keys.sorted() {
                guard let code = directory.codes[id]?.versions[language] else { continue }
                // Each provision's summary on every core: a code has hundreds.
                let linked = code.articles.parallelMap(chunkSize: 16) { article -> (ProvisionEntry, [Diagnostic]) in
                    let key = ProvisionKey.article(code: id, number: article.number)
                    let path = routes.provision(code: id, number: article.number)
                    let (doc, d) = link(article.text.text, source: article.text.location, indentation: article.text.indentation, page: path, code: id, prefix: "cite")
                    return (ProvisionEntry(article: article, key: key, path: path, text: doc), d)
                }
                var provisions: [ProvisionEntry] = []
                provisions.reserveCapacity(linked.count)
                for (provision, d) in linked {
                    diagnostics += d
                    provisions.append(provision)
                }
                codes.append(CodeEntry(code: code, path: routes.code(id), provisions: provisions))
            }

            // Who cites each provision, in document order. The documents are cut in a run per
            // core, each run lists where its citations are by provision (document and place: no
            // citation is copied, which would cost a retain of each of its strings), and the runs'
            // lists are joined in order. Pages make the list of a provision they show from them.
            let documents = entries.map(\.body) + recs.flatMap { [$0.body] + $0.dos + $0.donts } + codes.flatMap { $0.provisions.map(\.text) }
            let cores = documents.count < 256 ? 1 : ProcessInfo.processInfo.activeProcessorCount
            let runs = (0..<cores).map { k in (documents.count * k / cores)..<(documents.count * (k + 1) / cores) }
            let places = runs.parallelMap(chunkSize: 1) { run -> [ProvisionKey: [CitationPlace]] in
                var places: [ProvisionKey: [CitationPlace]] = [:]
                for d in run {
                    let occurrences = documents[d].occurrences
                    for k in occurrences.indices {
                        places[occurrences[k].target, default: []].append(CitationPlace(document: Int32(d), occurrence: Int32(k)))
                    }
                }
                return places
            }
            var placesByKey = places.first ?? [:]
            for run in places.dropFirst() {
                for (key, list) in run { placesByKey[key, default: []] += list }
            }
            // Check links to other articles' headings now that every page has its anchors (the
            // first page at each path: a duplicate slug is an error of its own).
            let references = entries.flatMap(\.body.anchorReferences)
            if !references.isEmpty {
                let referenced = Set(references.map(\.page))
                var anchorsByPage: [String: Set<String>] = [:]
                for entry in entries where referenced.contains(entry.path) && anchorsByPage[entry.path] == nil {
                    anchorsByPage[entry.path] = Set(entry.body.tableOfContents.map(\.anchor))
                }
                for reference in references where !(anchorsByPage[reference.page]?.contains(reference.anchor) ?? true) {
                    diagnostics.append(.error("link to a missing heading '#\(reference.anchor)' of \(reference.page)", at: reference.location))
                }
            }

            for i in entries.indices {
                translations["article:\(entries[i].article.translationKey)", default: [:]][language] = entries[i].path
            }
            for r in recs { translations["rec:\(r.recommendation.number)", default: [:]][language] = r.path }
            for c in codes {
                translations["code:\(c.code.id)", default: [:]][language] = c.path
                for p in c.provisions { translations["provision:\(c.code.id)/\(p.article.number)", default: [:]][language] = p.path }
            }
            editions.append(Edition(language: language, routes: routes, articles: entries, recommendations: recs, codes: codes,
                                    documents: documents, citationPlaces: placesByKey,
                                    citingPages: documents.map { $0.occurrences.first?.page ?? "" }, linkEnvironment: environment))
        }
        let latest = articles.map { $0.updated ?? $0.date }.max()
        return (AssembledSite(site: site, editions: editions, directory: directory, translations: translations, latestDate: latest,
                              contentFolder: content.folder),
                diagnostics)
    }

    /// The table of article pages links in `language` are resolved with, by file base name and
    /// translation key: this language's pages, or the default language's where it has none.
    private static func articlePaths(of articles: [GuidanceArticle], language: String, site: SiteConfiguration) -> [String: String] {
        var articlePaths: [String: String] = [:]
        // This language's pages win over the default's.
        for lang in language == site.language ? [language] : [site.language, language] {
            let routes = site.routes(for: lang)
            for i in articles.indices where articles[i].language == lang {
                let path = routes.article(articles[i].slug)
                articlePaths[articles[i].slug] = path
                articlePaths[articles[i].translationKey] = path
            }
        }
        return articlePaths
    }

    private func checkDuplicates(articles: [GuidanceArticle], content: LoadedContent, _ diagnostics: inout [Diagnostic]) {
        // By index: an item handed out of its array is a copy, a retain of each of its strings.
        reportDuplicates(articles.count, key: { DuplicateKey(language: articles[$0].language, name: articles[$0].slug) },
                         location: { articles[$0].location }, what: { "slug '\(articles[$0].slug)'" }, &diagnostics)
        let recommendations = content.recommendations
        reportDuplicates(recommendations.count, key: { DuplicateKey(language: recommendations[$0].language, name: String(recommendations[$0].number)) },
                         location: { recommendations[$0].location }, what: { "recommendation number \(recommendations[$0].number)" }, &diagnostics)
        let codes = content.codes
        reportDuplicates(codes.count, key: { DuplicateKey(language: codes[$0].language, name: codes[$0].id) },
                         location: { codes[$0].location }, what: { "code id '\(codes[$0].id)'" }, &diagnostics)
    }

    /// What two items of one kind must not share: a language and a name in it.
    private struct DuplicateKey: Hashable {
        var language: String
        var name: String
    }

    /// Reports every item (of `count`, by index) whose key an earlier file (in path order)
    /// already has. An item is described only when it is a duplicate: a portal has thousands.
    private func reportDuplicates(_ count: Int, key: (Int) -> DuplicateKey, location: (Int) -> SourceLocation,
                                  what: (Int) -> String, _ diagnostics: inout [Diagnostic]) {
        let locations = (0..<count).map(location)
        let order = (0..<count).sorted { locations[$0] < locations[$1] || (locations[$0] == locations[$1] && $0 < $1) }
        var first: [DuplicateKey: Int] = [:]
        first.reserveCapacity(count)
        for i in order {
            let k = key(i)
            if let earlier = first[k] {
                diagnostics.append(.error("duplicate \(what(i)): \(locations[earlier].file) has it too", at: locations[i]))
            } else {
                first[k] = i
            }
        }
    }
}

/// The diagnostics of linking articles, noted from every core by article index.
private final class LinkProblems: @unchecked Sendable {
    private let lock = NSLock()
    private var problems: [(index: Int, diagnostics: [Diagnostic])] = []

    func add(_ diagnostics: [Diagnostic], of index: Int) {
        lock.withLock { problems.append((index, diagnostics)) }
    }

    /// Every diagnostic noted, in the order of the articles.
    var inArticleOrder: [Diagnostic] {
        lock.withLock { problems.sorted { $0.index < $1.index }.flatMap(\.diagnostics) }
    }
}
