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
    /// Whether a rebuild skips pages whose output is current (the render cache); off, every page is rendered.
    public var reusesRenderedPages = true
    /// Called as each step of the build starts (from the building thread), for progress displays.
    public var progress: (@Sendable (BuildStep) -> Void)?

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
    case writing(files: Int)
}

/// What a build produced, and what it found wrong.
public struct BuildResult: Sendable {
    /// Every file of the site (assets excluded), sorted by path.
    public var files: [OutputFile]
    public var assets: [(path: String, url: URL)]
    public var diagnostics: [Diagnostic]
    public var pageCount: Int
    /// Whether the output folder was replaced.
    public var written = false
    /// How many files were written, left as they were, and removed.
    public var changes = OutputWriter.Changes()
    /// Pages not rendered because the output already held them (incremental builds).
    public var kept: [String] = []
    /// Every page's context hash, by output path.
    public var pageHashes: [String: UInt64] = [:]
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
        try prepare(reusing: false).0
    }

    /// Prepares the build; with `reusing`, pages whose output is current (see ``RenderCache``)
    /// are not rendered and are listed in `kept`.
    func prepare(reusing: Bool) throws -> (BuildResult, RenderCache?) {
        options.progress?(.loading)
        let (content, loadDiagnostics) = try ContentLoader(root: options.content, displayBase: options.displayBase).load()
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
        let assembler = SiteAssembler(includeDrafts: options.includeDrafts, locales: theme?.locales ?? [:]) { directory, site in
            CitationEngine(directory: directory, site: site)
        }
        options.progress?(.assembling(files: loaded.articles.count + loaded.recommendations.count + loaded.codes.count))
        let (site, assembleDiagnostics) = assembler.assemble(loaded)
        diagnostics += assembleDiagnostics
        guard let theme, !diagnostics.hasErrors else {
            return (BuildResult(files: [], assets: [], diagnostics: diagnostics.sorted(), pageCount: 0), nil)
        }
        options.progress?(.rendering)
        var cache: RenderCache?
        var isFolder: ObjCBool = false
        if reusing, FileManager.default.fileExists(atPath: options.output.path, isDirectory: &isFolder), isFolder.boolValue {
            cache = RenderCache(output: options.output, theme: themeURL)
        }
        let output = options.output
        var isCurrent: (@Sendable (String, UInt64) -> Bool)?
        if let cache {
            isCurrent = { path, hash in cache.isCurrent(path, hash: hash, in: output) }
        }
        let pages = PageRenderer(theme: theme, site: site).render(reusing: isCurrent)
        diagnostics += pages.diagnostics
        var files = pages.files
        files += searchIndex(of: site, locales: theme.locales, diagnostics: &diagnostics)
        let htmlPaths = pages.hashes.keys.sorted().filter { $0.hasSuffix("index.html") }.map { String($0.dropLast("index.html".count)) }
        for edition in site.editions { files.append(FeedWriter(site: site).feed(for: edition)) }
        files.append(SitemapWriter(site: site).sitemap(pages: htmlPaths))
        files.append(ReferencesWriter(site: site).file())
        files.sort { $0.path < $1.path }
        var result = BuildResult(files: files, assets: theme.assets, diagnostics: diagnostics.sorted(), pageCount: pages.count)
        result.kept = pages.kept.sorted()
        result.pageHashes = pages.hashes
        if reusing && cache == nil { cache = RenderCache(output: options.output, theme: themeURL) }
        return (result, cache)
    }

    /// The search index files of every edition, under `search/<language>/`.
    func searchIndex(of site: AssembledSite, locales: [String: Theme.Locale], diagnostics: inout [Diagnostic]) -> [OutputFile] {
        let collected = site.editions.map { edition in
            (edition.language, SearchDocumentCollector(site: site, locale: locales[edition.language]).documents(for: edition))
        }
        options.progress?(.indexing(documents: collected.reduce(0) { $0 + $1.1.count }))
        for (language, _) in collected where SearchLanguage(rawValue: language) == nil {
            diagnostics.append(.warning("the pages in '\(language)' are not searchable: search knows French (fr) and English (en)", at: nil))
        }
        let indexed = collected.compactMap { language, documents in SearchLanguage(rawValue: language).map { ($0, documents) } }
        return indexed.parallelMap(chunkSize: 1) { language, documents in
            SearchIndexWriter().makeIndexFiles(documents: documents, language: language)
                .map { OutputFile(path: "search/" + $0.path, bytes: $0.bytes) }
        }.flatMap { $0 }
    }

    /// Builds and, if there is no error, replaces the output folder.
    ///
    /// - Returns: the result, with `written` false when errors kept the previous output in place.
    /// - Throws: ``GuideSiteError`` for I/O problems and unsafe output folders.
    public func build() throws -> BuildResult {
        let themes = options.theme ?? options.content.deletingLastPathComponent().appendingPathComponent("Themes")
        try OutputWriter.checkSafe(output: options.output, protecting: [options.content, themes],
                                   workingDirectory: options.displayBase)
        var (result, cache) = try prepare(reusing: options.reusesRenderedPages)
        if result.diagnostics.hasErrors { return result }
        options.progress?(.writing(files: result.files.count + result.assets.count))
        cache?.remove()  // stale while the output changes; recorded again once written
        result.changes = try OutputWriter(output: options.output).write(result.files, copying: result.assets, keeping: result.kept)
        result.written = true
        if var cache {
            cache.record(result.pageHashes, in: options.output)
            cache.save()
        }
        return result
    }
}
