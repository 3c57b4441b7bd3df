import Foundation

/// What to build, from where, to where.
public struct BuildOptions: Sendable {
    public var content: URL
    /// The theme folder; nil: `Themes/<site.yaml theme or default>` next to the content folder.
    public var theme: URL?
    public var output: URL
    /// Overrides `base_url` of site.yaml (e.g. to serve under a sub-path).
    public var baseURL: String?
    public var includeDrafts: Bool
    /// Where paths in diagnostics are shown relative to.
    public var displayBase: URL
    /// Whether a build reuses what earlier builds made, kept in `.guidesite-cache/` next to the
    /// output folder: loaded and linked articles (the article cache, see ``ArticleCache``) and
    /// pages whose output is current (the render cache). Off, everything is made again and no
    /// cache is read or written. `prepare()` never uses them.
    public var usesCache = true
    /// The former name of ``usesCache``.
    @available(*, deprecated, renamed: "usesCache")
    public var reusesRenderedPages: Bool {
        get { usesCache }
        set { usesCache = newValue }
    }
    /// How long before a build an article file must have last changed for the article cache to
    /// trust its stamp instead of its bytes next time, in nanoseconds (``FileStamp``). Tests
    /// shorten it so as not to wait.
    var fileSettleMargin: Int64 = 2_000_000_000
    /// Called as each step of the build starts (from the building thread), for progress displays.
    public var progress: (@Sendable (BuildStep) -> Void)?
    /// Whether the process ends soon after the build (the command line): the linked site, the
    /// build's largest value, is then left for the process's end to take back instead of being
    /// freed object by object (tens of milliseconds of work on the other core while the caches
    /// are written). A long-running process (`serve`, tests) keeps the default, and frees it.
    public var processEndsAfterBuild = false
    /// Articles decoded by earlier builds of this process, kept between builds (`guidesite serve`);
    /// nil: each build decodes what it takes from the article cache.
    public var articleMemory: ArticleMemory?

    public init(content: URL, theme: URL? = nil, output: URL, baseURL: String? = nil, includeDrafts: Bool = false,
                displayBase: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.content = content
        self.theme = theme
        self.output = output
        self.baseURL = baseURL
        self.includeDrafts = includeDrafts
        self.displayBase = displayBase
    }
}

/// A step of the build, reported as it starts; `count` is how many items it works on, when known.
public enum BuildStep: Sendable, Equatable {
    case loading
    case assembling(files: Int)
    case rendering
    case indexing(documents: Int)
    /// Both at once: a rebuild that updates an output folder renders few pages, and makes the
    /// search index while it looks at the others.
    case renderingAndIndexing(documents: Int)
    case writing(files: Int)
}

/// What a build produced, and what it found wrong.
public struct BuildResult: Sendable {
    /// The site's files with their bytes (assets excluded), sorted by path. Only `prepare` (and so
    /// `guidesite check`) holds them; `build` streams each file to disk as it is made and leaves
    /// this empty: see `paths`.
    public var files: [OutputFile]
    /// Every file of the site (assets excluded), sorted by path.
    public var paths: [String] = []
    public var assets: [(path: String, url: URL)]
    public var diagnostics: [Diagnostic]
    public var pageCount: Int
    /// Whether the output folder was replaced.
    public var written = false
    /// How many files were written, left as they were, and removed.
    public var changes = OutputWriter.Changes()
    /// Pages rendered by this build.
    public var rendered: [String] = []
    /// Pages not rendered, and search index files not made, because the output already held
    /// them (incremental builds).
    public var kept: [String] = []
    /// What each page and search file was made from, by output path (a page's context hash, a
    /// search file's documents hash): the render cache of the next build.
    public var pageHashes: [String: UInt64] = [:]
    /// What the build took from the article cache and made again (nil without the cache).
    var articleCacheUse: ArticleCache.Use?
    /// Cache files written by the build, put in place once the output is.
    var stagedCaches: [StagedCacheFile] = []
    /// The layout of the `data/references.json` in the output after this build, to be kept once
    /// the output is in place when the build uses the cache; nil when the file was found current
    /// without being made (its layout then stays as it was).
    var referencesLayout: ReferencesLayout?

    init(files: [OutputFile] = [], assets: [(path: String, url: URL)] = [], diagnostics: [Diagnostic], pageCount: Int = 0) {
        self.files = files
        self.assets = assets
        self.diagnostics = diagnostics
        self.pageCount = pageCount
    }
}

/// The build as named steps: load → assemble → render → (write).
///
/// `prepare` never touches the output folder (it is `guidesite check`); `build` writes only
/// when there is no error, so a failed build leaves the previous output untouched.
public struct SiteBuilder: Sendable {
    public var options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Loads, checks, links and renders everything, in memory.
    public func prepare() throws -> BuildResult {
        let (assembled, diagnostics) = try assemble()
        guard let assembled else { return BuildResult(diagnostics: diagnostics) }
        let files = CollectedFiles()
        var result = try emit(assembled, diagnostics: diagnostics, into: files, reusing: nil)
        result.files = files.sorted()
        return result
    }

    /// A site checked and linked, with the theme that renders it.
    struct Assembled {
        var site: AssembledSite
        var theme: Theme
        var themeURL: URL
    }

    /// Loads the content and the theme, checks and links everything; nil when there are errors.
    /// With `cache`, unchanged articles are taken from it and what is made is recorded in it.
    /// `loaded` is called once the content is loaded, before it is linked.
    func assemble(cache: ArticleCache? = nil, loaded whenLoaded: (LoadedContent) -> Void = { _ in }) throws -> (Assembled?, [Diagnostic]) {
        options.progress?(.loading)
        let (content, loadDiagnostics) = try ContentLoader(root: options.content, displayBase: options.displayBase).load(cache: cache)
        whenLoaded(content)
        var diagnostics = loadDiagnostics
        var loaded = content
        if let baseURL = options.baseURL {
            loaded.site.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        }
        let themeURL = options.theme ?? options.content.deletingLastPathComponent()
            .appendingPathComponent("Themes", isDirectory: true)
            .appendingPathComponent(loaded.site.theme ?? "default", isDirectory: true)
        guard FileManager.default.fileExists(atPath: themeURL.path) else {
            throw GuideSiteError.missing(path: themeURL.path, what: "theme folder")
        }
        let (theme, themeDiagnostics) = Theme.load(from: themeURL, displayBase: options.displayBase, languages: loaded.site.languages)
        diagnostics += themeDiagnostics
        var assembler = SiteAssembler(includeDrafts: options.includeDrafts, locales: theme?.locales ?? [:]) { directory, site in
            CitationEngine(directory: directory, site: site)
        }
        assembler.cache = cache
        options.progress?(.assembling(files: loaded.articles.count + loaded.recommendations.count + loaded.codes.count))
        let (site, assembleDiagnostics) = assembler.assemble(loaded)
        diagnostics += assembleDiagnostics
        guard let theme, !diagnostics.hasErrors else { return (nil, diagnostics.sorted()) }
        return (Assembled(site: site, theme: theme, themeURL: themeURL), diagnostics)
    }

    /// Renders every page and writes the search index, feeds, sitemap and references into
    /// `sink`, file by file; with `cache`, pages whose output is current are not rendered and
    /// are listed in `kept`. With `cachingAnalyses`, search indexes reuse and stage analysis caches.
    /// `preloadedAnalyses` are the analysis caches' contents, read while the content loaded.
    func emit(_ assembled: Assembled, diagnostics: [Diagnostic], into sink: OutputSink, reusing cache: RenderCache?,
              cachingAnalyses: Bool = false, preloadedAnalyses: [SearchLanguage: SearchAnalysisCache.Preloaded] = [:]) throws -> BuildResult {
        let site = assembled.site, theme = assembled.theme
        var diagnostics = diagnostics
        let output = options.output
        var currentInOutput: (@Sendable (String, UInt64) -> Bool)?
        if let cache {
            let folder = output.path + "/"
            currentInOutput = { @Sendable path, hash in cache.isCurrent(path, hash: hash, inFolder: folder) }
        }
        let isCurrent = currentInOutput
        let analysisCaches: (@Sendable (SearchLanguage, SearchIndexWriter) -> SearchAnalysisCache)? = if cachingAnalyses {
            { @Sendable [content = options.content] language, writer in
                SearchAnalysisCache(output: output, content: content, language: language, writer: writer)
            }
        } else {
            nil
        }
        let locales = theme.locales
        // Pages, then the search index and the citation graph at the same time (each on every
        // core it can get); the feeds and sitemap after the pages. A rebuild that updates an
        // output folder makes all three at once: it renders few pages, and its index is mostly
        // kept or patched. A full build does not, since each of them fills both cores and
        // together they would only hold more memory at once.
        let overlapping = cache != nil
        // The feeds and the sitemap (which lists the pages) are made as soon as the pages are.
        let renderPages = { @Sendable () -> Result<(pages: PageRenderer.Pages, feeds: [OutputFile]), Error> in
            Result {
                let pages = try PageRenderer(theme: theme, site: site).render(reusing: isCurrent, into: sink)
                let htmlPaths = pages.hashes.keys.filter { $0.hasSuffix("index.html") }.map { String($0.dropLast("index.html".count)) }  // the sitemap sorts them
                return (pages, site.editions.map { FeedWriter(site: site).feed(for: $0) } + [SitemapWriter(site: site).sitemap(pages: htmlPaths)])
            }
        }
        let indexAndGraph = { @Sendable in
            inParallel({
                searchIndex(of: site, locales: locales, analysisCaches: analysisCaches, preloaded: preloadedAnalyses, announcing: !overlapping,
                            isCurrentGroup: { prefix, hash in
                    cache?.currentGroup(prefix: prefix, hash: hash, in: output)
                }, isCurrent: { path, hash in
                    isCurrent?(path, hash) ?? false
                })
            }, { () -> (hash: UInt64, layout: ReferencesLayout?, kept: Bool, failure: Error?) in
                // The citation graph is tens of megabytes on a large portal: written as soon as it
                // is made. With the cache, the runs of pages whose citations did not change are
                // spans of the file the last build wrote (``ReferencesLayout``), written from it
                // without being joined in memory.
                let made = ReferencesWriter(site: site).file(reusing: { isCurrent == nil ? nil : ReferencesLayout.previous(in: output) },
                                                             unless: { path, hash in isCurrent?(path, hash) ?? false })
                var failure: Error?
                if let file = made.file {
                    do {
                        if made.knownChanged, let session = sink as? OutputSession {
                            try session.add(changed: file)
                        } else {
                            try sink.add(OutputFile(path: file.path, bytes: file.bytes()))
                        }
                    } catch {
                        failure = error
                    }
                }
                // The file's bytes go here, not with the result: the index is still being made.
                return (made.hash, made.layout, made.file == nil, failure)
            })
        }
        let rendered: Result<(pages: PageRenderer.Pages, feeds: [OutputFile]), Error>
        let (search, references): (SearchIndex, (hash: UInt64, layout: ReferencesLayout?, kept: Bool, failure: Error?))
        if overlapping {
            options.progress?(.renderingAndIndexing(documents: Self.searchDocumentCount(of: site)))
            (rendered, (search, references)) = inParallel(renderPages, indexAndGraph)
        } else {
            options.progress?(.rendering)
            rendered = renderPages()
            if case let .failure(error) = rendered { throw error }  // nothing more to make
            (search, references) = indexAndGraph()
        }
        let pages: PageRenderer.Pages, feeds: [OutputFile]
        do {
            (pages, feeds) = try rendered.get()
        } catch {
            for staged in search.staged { staged.discard() }
            throw error
        }
        diagnostics += pages.diagnostics
        var paths = pages.rendered + pages.kept
        var hashes = pages.hashes
        diagnostics += search.diagnostics
        hashes.reserveCapacity(hashes.count + search.hashes.count + 1)
        hashes.merge(search.hashes) { page, _ in page }
        hashes[ReferencesWriter.path] = references.hash
        paths += search.kept
        let referencesKept = references.kept ? [ReferencesWriter.path] : []
        paths += [ReferencesWriter.path]
        let others = search.files + feeds
        do {
            if let failure = references.failure { throw failure }
            try sink.add(all: others)
        } catch {
            for staged in search.staged { staged.discard() }
            throw error
        }
        paths += others.map(\.path)
        var result = BuildResult(assets: theme.assets, diagnostics: diagnostics.sorted(), pageCount: pages.count)
        result.paths = paths.sorted()
        result.rendered = pages.rendered.sorted()
        result.kept = (pages.kept + search.kept + referencesKept).sorted()
        result.pageHashes = hashes
        result.stagedCaches = search.staged
        result.referencesLayout = references.layout
        return result
    }

    /// The search index of every edition, under `search/<language>/`. When
    /// `isCurrentGroup(folder, key)` lists the files (with their hashes) the output already holds
    /// for the same key (``searchInputKey(of:language:)``, or without it the documents' hash),
    /// they are kept as they are; otherwise the index is made, and a shard for which
    /// `isCurrent(path, hash)` holds is kept. `hashes` gives each file what it was made from, and
    /// each folder its key.
    /// With `analysisCaches`, a language's index reuses the analyses of the documents that did
    /// not change, and the new analyses are staged, to be put in place once the output is.
    func searchIndex(of site: AssembledSite, locales: [String: Theme.Locale],
                     analysisCaches: (@Sendable (SearchLanguage, SearchIndexWriter) -> SearchAnalysisCache)? = nil,
                     preloaded: [SearchLanguage: SearchAnalysisCache.Preloaded] = [:], announcing: Bool = true,
                     isCurrentGroup: @Sendable (String, UInt64) -> [(path: String, hash: UInt64)]?,
                     isCurrent: @escaping @Sendable (String, UInt64) -> Bool) -> SearchIndex {
        var diagnostics: [Diagnostic] = []
        for edition in site.editions where SearchLanguage(rawValue: edition.language) == nil {
            diagnostics.append(.warning("the pages in '\(edition.language)' are not searchable: search knows French (fr) and English (en)", at: nil))
        }
        let editions = site.editions.compactMap { edition in SearchLanguage(rawValue: edition.language).map { (edition, $0) } }
        if announcing { options.progress?(.indexing(documents: Self.searchDocumentCount(of: site))) }
        let made = editions.parallelMap(chunkSize: 1) { edition, language -> (index: SearchIndexWriter.IndexFiles, staged: StagedCacheFile?) in
            let folder = "search/\(language.rawValue)/"
            func keptIndex(_ kept: [(path: String, hash: UInt64)], group: UInt64) -> SearchIndexWriter.IndexFiles {
                var index = SearchIndexWriter.IndexFiles()
                for (path, hash) in kept { index.add(path, hash: hash, bytes: nil) }
                index.hashes[folder] = group
                return index
            }
            // What the documents are made from, when the article cache knows it: if that did not
            // change, the index is kept without even collecting the documents.
            let inputKey = Self.searchInputKey(of: edition, language: language)
            if let inputKey, let kept = isCurrentGroup(folder, inputKey) { return (keptIndex(kept, group: inputKey), nil) }
            let writer = SearchIndexWriter()
            let cache = analysisCaches?(language, writer)
            // Read on another thread since the build started, or now.
            // Taken from the preload, not copied: the index may patch them in place.
            var previous: SearchAnalyses?
            // An article whose link key the earlier analyses know is indexed from them: its
            // documents are not made again (they are a function of that key). The others' are made and hashed.
            var positions: [CacheKey: [Int]] = [:]
            if let cache {
                if let early = preloaded[language], early.cache == cache, let taken = early.analyses.take() {
                    previous = taken?.analyses
                    positions = taken?.articlePositions ?? [:]
                } else {
                    previous = cache.read()
                    positions = previous?.articlePositions() ?? [:]
                }
            }
            let earlier = positions
            let collector = SearchDocumentCollector(site: site, locale: locales[edition.language])
            @Sendable func made(_ document: SearchDocument, source: CacheKey?) -> SearchIndexWriter.IndexInput {
                .document(document, hash: document.stableHash, source: source)
            }
            var articleInputs = edition.articles.parallelMap(chunkSize: 64) { entry -> [SearchIndexWriter.IndexInput] in
                if let key = entry.linkKey, let positions = earlier[key] { return positions.map { .analysed($0) } }
                return collector.articleDocuments(entry, language: language).map { made($0, source: entry.linkKey) }
            }
            let others = collector.otherDocuments(for: edition, language: language).parallelMap(chunkSize: 64) { made($0, source: nil) }
            // Joined by moving each input, not copying it (see ``SearchIndexWriter/IndexInput/take(_:)``).
            var inputs: [SearchIndexWriter.IndexInput] = []
            inputs.reserveCapacity(articleInputs.reduce(others.count) { $0 + $1.count })
            for i in articleInputs.indices {
                for k in articleInputs[i].indices { inputs.append(.take(&articleInputs[i][k])) }
            }
            articleInputs = []
            inputs += others
            let group: UInt64
            if let inputKey {
                group = inputKey
            } else {
                // Without the article cache, every input is a document: the group is recorded under their hash.
                var hasher = StableHash()
                hasher.combine("search index \(SearchIndexWriter.formatVersion)")
                hasher.combine(language.rawValue)
                hasher.combine(UInt64(inputs.count))
                for i in inputs.indices {
                    switch inputs[i] {
                    case let .analysed(position): hasher.combine(previous?.hashes[position] ?? 0)
                    case let .document(_, hash, _): hasher.combine(hash)
                    }
                }
                group = hasher.value
                if let kept = isCurrentGroup(folder, group) { return (keptIndex(kept, group: group), nil) }
            }
            let entries = previous?.count ?? 0
            var (index, analyses) = writer.makeIndexFiles(inputs: consume inputs, language: language, reusing: consume previous) { path, hash in
                isCurrent("search/" + path, hash)
            }
            index.files = index.files.map { ("search/" + $0.path, $0.bytes) }
            index.kept = index.kept.map { "search/" + $0 }
            index.hashes = Dictionary(uniqueKeysWithValues: index.hashes.map { ("search/" + $0.key, $0.value) })
            index.hashes[folder] = group
            let reused = analyses.count - index.analysed
            // Written for the next build when worth it; then (tens of megabytes, and a string or
            // more per document) freed on an idle core.
            let staged = CacheRewrite.isWorthIt(missing: index.analysed, stale: max(0, entries - reused), entries: entries) ? cache?.stage(analyses) : nil
            releaseInBackground(consume analyses)
            return (index, staged)
        }
        var index = SearchIndex(diagnostics: diagnostics)
        for language in made {
            index.hashes.merge(language.index.hashes) { first, _ in first }
            index.files += language.index.files.map { OutputFile(path: $0.path, bytes: $0.bytes) }
            index.kept += language.index.kept
            if let staged = language.staged { index.staged.append(staged) }
        }
        return index
    }

    /// A hash of everything the search documents of `edition` are made from, when the article
    /// cache gave the edition its link environment and every article its link key; nil otherwise.
    /// It holds the environment (site configuration, codes and recommendations as citations see
    /// them, the locale, routes), each article's link key (its file, path and links), and the
    /// Markdown texts of recommendations and provisions, which the environment leaves out, with
    /// where their links to articles led. The index writer's settings are constants of the program.
    static func searchInputKey(of edition: Edition, language: SearchLanguage) -> UInt64? {
        guard let environment = edition.linkEnvironment else { return nil }
        var hasher = StableHash()
        hasher.combine("search inputs 2, index format \(SearchIndexWriter.formatVersion)")
        hasher.combine(language.rawValue)
        hasher.combine(environment.high)
        hasher.combine(environment.low)
        hasher.combine(UInt64(edition.articles.count))
        for i in edition.articles.indices {
            guard let key = edition.articles[i].linkKey else { return nil }
            hasher.combine(key.high)
            hasher.combine(key.low)
        }
        func combine(_ field: MarkdownField) {
            hasher.combine(field.text)
            hasher.combine(UInt64(field.indentation))
        }
        func combine(_ lookups: [ArticleLookup]) {
            hasher.combine(UInt64(lookups.count))
            for lookup in lookups {
                hasher.combine(lookup.name)
                hasher.combine(lookup.path ?? "\u{0}none")
            }
        }
        hasher.combine(UInt64(edition.recommendations.count))
        for entry in edition.recommendations {
            let r = entry.recommendation
            hasher.combine(UInt64(r.number))
            combine(r.body)
            hasher.combine(UInt64(r.dos.count))
            r.dos.forEach(combine)
            hasher.combine(UInt64(r.donts.count))
            r.donts.forEach(combine)
            for document in [entry.body] + entry.dos + entry.donts { combine(document.articleLookups) }
        }
        hasher.combine(UInt64(edition.codes.count))
        for entry in edition.codes {
            hasher.combine(entry.code.id)
            hasher.combine(UInt64(entry.provisions.count))
            for provision in entry.provisions {
                hasher.combine(provision.article.number)
                combine(provision.article.text)
                combine(provision.text.articleLookups)
            }
        }
        return hasher.value
    }

    /// As many documents as SearchDocumentCollector makes for the searchable editions: an article
    /// and each of its sections, each recommendation, code and provision.
    static func searchDocumentCount(of site: AssembledSite) -> Int {
        site.editions.filter { SearchLanguage(rawValue: $0.language) != nil }.reduce(0) { count, edition in
            count + edition.articles.reduce(0) { $0 + 1 + $1.body.headedSectionCount }
                + edition.recommendations.count + edition.codes.reduce(0) { $0 + 1 + $1.provisions.count }
        }
    }

    /// What ``searchIndex(of:locales:analysisCaches:isCurrentGroup:isCurrent:)`` made.
    struct SearchIndex {
        var files: [OutputFile] = []
        var kept: [String] = []
        var hashes: [String: UInt64] = [:]
        /// The new analysis caches, under temporary names.
        var staged: [StagedCacheFile] = []
        /// Languages that could not be indexed.
        var diagnostics: [Diagnostic] = []
    }

    /// Builds and, if there is no error, replaces the output folder. Files are written as they
    /// are made (see ``OutputSession``) and put in place together at the end.
    ///
    /// - Returns: the result, with `written` false when errors kept the previous output in place.
    /// - Throws: ``GuideSiteError`` for I/O problems and unsafe output folders.
    public func build() throws -> BuildResult {
        let themes = options.theme ?? options.content.deletingLastPathComponent().appendingPathComponent("Themes")
        try OutputWriter.checkSafe(output: options.output, protecting: [options.content, themes],
                                   workingDirectory: options.displayBase)
        var articleCache = options.usesCache ? ArticleCache(output: options.output, content: options.content, settleMargin: options.fileSettleMargin,
                                                            memory: options.articleMemory) : nil
        defer { options.articleMemory?.endBuild() }
        // Read while the content loads.
        let outputListing = BackgroundValue { [output = options.output, stamping = options.usesCache] in
            OutputSession.list(output, stamping: stamping)
        }
        let storedRenderCache = options.usesCache ? BackgroundValue { [output = options.output] in RenderCache.readFile(of: output) } : nil
        var preloadedAnalyses: [SearchLanguage: SearchAnalysisCache.Preloaded] = [:]
        var (assembledOrNil, diagnostics) = try assemble(cache: articleCache) { content in
            // When the bytes of an article file are new to the cache (it changed, or is new), the
            // search index will most likely be made again: the analysis caches are read while the
            // content is linked. Otherwise (nothing changed, or only codes or recommendations)
            // they are read if needed.
            guard let articleCache, articleCache.use.loadedMisses > 0 else { return }
            for language in SearchLanguage.allCases {
                let cache = SearchAnalysisCache(output: options.output, content: options.content, language: language, writer: SearchIndexWriter())
                if FileManager.default.fileExists(atPath: cache.file.path) { preloadedAnalyses[language] = SearchAnalysisCache.Preloaded(cache) }
            }
        }
        // The only reference to the site from here on, so that it is freed where it is let go.
        guard let assembled = assembledOrNil else { return BuildResult(diagnostics: diagnostics) }
        assembledOrNil = nil
        // Written now and let go, so that its memory is free while rendering; put in place once the output is.
        let stagedArticles = articleCache?.stage()
        let articleCacheUse = articleCache?.use
        articleCache = nil
        var cache: RenderCache?
        if let storedRenderCache { cache = RenderCache(output: options.output, theme: assembled.themeURL, stored: storedRenderCache.value) }
        let session: OutputSession
        do {
            let listing = outputListing.value
            // Pages are found current from the stamps the listing read, not by a `stat` each.
            cache?.listedStamps = listing?.stamps
            session = try OutputSession(output: options.output, listing: listing)
        } catch {
            stagedArticles?.discard()
            throw error
        }
        var result: BuildResult
        var stagedCaches: [StagedCacheFile] = []
        var outputChanged = false
        do {
            // Pages can only be kept from an output folder that is there.
            result = try emit(assembled, diagnostics: diagnostics, into: session, reusing: session.updatesExistingOutput ? cache : nil,
                              cachingAnalyses: options.usesCache, preloadedAnalyses: preloadedAnalyses)
            stagedCaches = result.stagedCaches
            result.articleCacheUse = articleCacheUse
            if result.diagnostics.hasErrors {
                session.discard()
                stagedArticles?.discard()
                for staged in stagedCaches { staged.discard() }
                return result
            }
            options.progress?(.writing(files: result.paths.count + result.assets.count))
            try OutputWriter.copy(result.assets, into: session)
            session.keep(result.kept)
            // The render cache is stale while the output changes, and recorded again once written.
            result.changes = try session.commit(beforeChanging: {
                cache?.remove()
                outputChanged = true
            })
        } catch {
            session.discard()
            stagedArticles?.discard()
            for staged in stagedCaches { staged.discard() }
            throw OutputWriter.wrap(error, path: options.output.path)
        }
        result.written = true
        if options.processEndsAfterBuild {
            keepUntilProcessEnds(consume assembled)
        } else {
            releaseInBackground(consume assembled)
        }
        stagedArticles?.commit()
        for staged in stagedCaches { staged.commit() }
        // The render cache and the references layout written, and the replaced large files
        // freed, at the same time.
        let layout = options.usesCache ? result.referencesLayout : nil
        let (hashes, made, output, renderCache) = (result.pageHashes, session.addedPaths, options.output, cache)
        _ = inParallel({ [outputChanged] in
            // Written again unless the output and what its files were made from are as the cache has them.
            if var cache = renderCache, cache.record(hashes, made: made, in: output) || outputChanged {
                cache.save()
            }
        }, {
            layout?.save(for: output)
            session.freeReplacedFiles()
        })
        return result
    }
}
