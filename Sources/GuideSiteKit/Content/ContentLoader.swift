import Foundation

/// Everything read from the content folder, before any cross-checking.
public struct LoadedContent: Sendable {
    public var site: SiteConfiguration
    public var articles: [GuidanceArticle]
    public var recommendations: [Recommendation]
    public var codes: [EthicsCode]
    /// The content folder as diagnostics show it (e.g. `Content`), which source locations start with.
    public var folder: String = ""
}

/// Reads `site.yaml`, `articles/*.md`, `recommendations/*.yaml` and `codes/*.yaml`.
///
/// Every file is read once, in parallel; every problem is collected as a ``Diagnostic``
/// (the loader never stops at the first). Results are sorted, so the order of the disk never
/// shows in the output.
public struct ContentLoader: Sendable {
    /// The content folder.
    public var root: URL
    /// How paths are shown in diagnostics: relative to this folder when inside it.
    public var displayBase: URL

    public init(root: URL, displayBase: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.root = root.standardizedFileURL
        self.displayBase = displayBase.standardizedFileURL
    }

    /// Loads everything; throws only when the content folder itself is missing.
    public func load() throws -> (LoadedContent, [Diagnostic]) {
        try load(cache: nil)
    }

    /// Loads everything, taking from `cache` the articles whose file it has (see ``ArticleCache``).
    func load(cache: ArticleCache?) throws -> (LoadedContent, [Diagnostic]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GuideSiteError.missing(path: displayPath(root), what: "content folder")
        }
        var diagnostics: [Diagnostic] = []
        let site = loadSite(&diagnostics)
        let languages = site.languages

        // Recommendations and codes on another thread while the articles load: a code of a few
        // hundred articles is a large YAML file.
        let others = BackgroundValue { [self] () -> (recommendations: [Recommendation], codes: [EthicsCode], diagnostics: [Diagnostic]) in
            var diagnostics: [Diagnostic] = []
            var recommendations: [Recommendation] = []
            for url in listFiles(in: "recommendations", extensions: ["yaml", "yml"], diagnostics: &diagnostics) {
                if let r = loadRecommendation(url, languages: languages, defaultLanguage: site.language, &diagnostics) {
                    recommendations.append(r)
                }
            }
            let codeResults = listFiles(in: "codes", extensions: ["yaml", "yml"], diagnostics: &diagnostics).parallelMap(chunkSize: 1) { url in
                var local: [Diagnostic] = []
                let code = self.loadCode(url, languages: languages, defaultLanguage: site.language, cache: cache, &local)
                return (code, local)
            }
            var codes: [EthicsCode] = []
            for (code, local) in codeResults {
                diagnostics += local
                if let code { codes.append(code) }
            }
            return (recommendations, codes, diagnostics)
        }

        let articleFiles = listStampedFiles(in: "articles", extensions: ["md", "markdown"], diagnostics: &diagnostics)
        var articleResults = articleFiles.parallelMap { file in
            var local: [Diagnostic] = []
            let article = if let cache {
                self.loadArticle(file, languages: languages, defaultLanguage: site.language, cache: cache, &local)
            } else {
                self.loadArticle(file.url, languages: languages, defaultLanguage: site.language, &local)
            }
            return (article, local)
        }
        // Moved out of the results, not copied: a copy is a retain of each of an article's strings.
        var articles: [GuidanceArticle] = []
        articles.reserveCapacity(articleResults.count)
        for i in articleResults.indices {
            diagnostics += articleResults[i].1
            if let article = articleResults[i].0.take() { articles.append(article) }
        }
        let (recommendations, codes, otherDiagnostics) = others.value
        diagnostics += otherDiagnostics
        let content = LoadedContent(site: site, articles: articles, recommendations: recommendations, codes: codes,
                                    folder: displayPath(root))
        return (content, diagnostics)
    }

    // MARK: Files

    func displayPath(_ url: URL) -> String {
        // As SourceLocation.displayPath(url.standardizedFileURL.path, relativeTo: displayBase),
        // without standardizing paths that are already standard (every listed file's is).
        displayPath(standardPath: Self.standardPath(url))
    }

    /// ``displayPath(_:)`` of a file whose path is standard.
    private func displayPath(standardPath path: String) -> String {
        let base = Self.standardPath(displayBase)
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The extension of a file name, as `URL.pathExtension` gives it: what follows the last dot,
    /// unless the dot starts the name or ends it.
    static func pathExtension(_ name: String) -> Substring {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex, name.index(after: dot) != name.endIndex else { return "" }
        return name[name.index(after: dot)...]
    }

    /// `url.standardizedFileURL.path`, taken as it is when it has nothing to standardize: an
    /// absolute path without `//`, `.` or `..` components.
    static func standardPath(_ url: URL) -> String {
        let path = url.path
        return isStandard(path) ? path : url.standardizedFileURL.path
    }

    /// Whether `path` is absolute, without `//`, `.` or `..` components, and without a final slash.
    static func isStandard(_ path: String) -> Bool {
        var previous: UInt8 = 0, dots = 0, standard = path.utf8.first == UInt8(ascii: "/")
        for byte in path.utf8 where standard {
            if byte == UInt8(ascii: "/") {
                standard = previous != UInt8(ascii: "/") && !(dots > 0 && dots < 3)
                dots = 0
            } else if byte == UInt8(ascii: ".") {
                dots = previous == UInt8(ascii: "/") || dots > 0 ? dots + 1 : 0
            } else {
                dots = 0
            }
            previous = byte
        }
        return standard && !(dots > 0 && dots < 3) && (path.utf8.count == 1 || previous != UInt8(ascii: "/"))
    }

    /// ``displayPath(_:)`` of the file at `path` (a listed file's, most often standard already).
    func displayPath(ofFile path: String) -> String {
        displayPath(standardPath: Self.isStandard(path) ? path : URL(fileURLWithPath: path).standardizedFileURL.path)
    }

    /// The regular files of a subfolder (recursively), sorted; links that leave the folder or loop are reported.
    func listFiles(in folder: String, extensions: Set<String>, diagnostics: inout [Diagnostic]) -> [URL] {
        listStampedFiles(in: folder, extensions: extensions, diagnostics: &diagnostics).map(\.url)
    }

    /// ``listFiles(in:extensions:diagnostics:)`` with each file's stamp, taken as the folder is listed.
    func listStampedFiles(in folder: String, extensions: Set<String>, diagnostics: inout [Diagnostic]) -> [ListedFile] {
        let directory = root.appendingPathComponent(folder, isDirectory: true)
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        var found: [(path: String, file: ListedFile)] = []
        var visited: Set<String> = []
        walk(directory, extensions: extensions, rootPrefix: root.resolvingSymlinksInPath().path + "/", into: &found, visited: &visited,
             diagnostics: &diagnostics)
        return found.sorted { $0.path < $1.path }.map(\.file)
    }

    /// Lists `directory`; `rootPrefix` is the content folder's real path and a slash.
    ///
    /// An entry's real path is the folder's real path and its name unless the entry is itself a
    /// symbolic link: only links, and entries of a folder that is not inside the content folder,
    /// need resolving to check that they stay inside.
    private func walk(_ directory: URL, extensions: Set<String>, rootPrefix: String, into found: inout [(path: String, file: ListedFile)], visited: inout Set<String>,
                      diagnostics: inout [Diagnostic]) {
        let real = directory.resolvingSymlinksInPath().path
        guard visited.insert(real).inserted else {
            diagnostics.append(.error("symbolic link loop: this folder was already read", at: SourceLocation(file: displayPath(directory))))
            return
        }
        let folderIsInside = real.hasPrefix(rootPrefix) || real + "/" == rootPrefix
        // Read with `readdir`, each entry stamped relative to the open folder (no path walked
        // again for each file), and closed before going down (a deep tree holds one folder open
        // at a time); names sorted, so that what is reported, and where, is the same on every
        // machine.
        let directoryPath = directory.path
        guard let folder = OpenFolder(directoryPath) else {
            // Foundation's words for why, as before the folder was read with `readdir`.
            var reason = String(cString: strerror(errno))
            do { _ = try FileManager.default.contentsOfDirectory(atPath: directoryPath) } catch { reason = error.localizedDescription }
            diagnostics.append(.error("cannot list folder: \(reason)", at: SourceLocation(file: displayPath(directory))))
            return
        }
        let descriptor = folder.descriptor
        var names: [String] = []
        folder.forEachEntry { name, _ in
            if !name.hasPrefix(".") { names.append(name) }  // hidden
        }
        names.sort()
        // Each entry: its own `stat` (a link's), then, for a link, its target's; or the error.
        var entries: [(name: String, info: stat, isLink: Bool, failure: Int32?)] = []
        entries.reserveCapacity(names.count)
        for name in names {
            var info = stat()
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                entries.append((name, info, false, errno))
                continue
            }
            let isLink = (info.st_mode & S_IFMT) == S_IFLNK
            let failure: Int32? = isLink && fstatat(descriptor, name, &info, 0) != 0 ? errno : nil
            entries.append((name, info, isLink, failure))
        }
        folder.close()
        // Paths are made as strings: a URL per file (made, then asked its path and extension)
        // cost more than listing the folder.
        for (name, info, isLink, failure) in entries {
            let path = directoryPath.hasSuffix("/") ? directoryPath + name : directoryPath + "/" + name
            if let failure {
                let message = isLink && failure == ELOOP ? "symbolic link loop: the link never reaches a file" : "broken symbolic link"
                diagnostics.append(.error(message, at: SourceLocation(file: displayPath(ofFile: path))))
                continue
            }
            let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
            let wanted = !isDirectory && extensions.contains(Self.pathExtension(name).lowercased())
            if !isDirectory, (info.st_mode & S_IFMT) != S_IFREG {
                if wanted {
                    diagnostics.append(.error("not a regular file (a pipe, a device or a socket): a content file must be a plain text file",
                                              at: SourceLocation(file: displayPath(ofFile: path))))
                }
                continue
            }
            if isLink || !folderIsInside,
               !URL(fileURLWithPath: path, isDirectory: isDirectory).resolvingSymlinksInPath().path.hasPrefix(rootPrefix) {
                diagnostics.append(.error("symbolic link points outside the content folder", at: SourceLocation(file: displayPath(ofFile: path))))
                continue
            }
            if isDirectory {
                walk(URL(fileURLWithPath: path, isDirectory: true), extensions: extensions, rootPrefix: rootPrefix, into: &found,
                     visited: &visited, diagnostics: &diagnostics)
            } else if wanted {
                found.append((path, ListedFile(path: path, stamp: FileStamp(info))))
            }
        }
    }

    /// A file's base name and language: from its name (`x.en.md`), overridden by a `lang:` field,
    /// which must be one of the site's languages.
    func documentLanguage(_ url: URL, _ mapping: YAMLMapping, _ reader: inout YAMLReader, what: String,
                          languages: [String], defaultLanguage: String) -> (String, String) {
        var (baseName, language) = splitLanguage(url, languages: languages, defaultLanguage: defaultLanguage, &reader.diagnostics)
        if let lang = reader.string(mapping, "lang", what: what) {
            if languages.contains(lang) {
                language = lang
            } else {
                reader.diagnostics.append(.error("language '\(lang)' is not one of the site's languages (\(languages.joined(separator: ", ")))",
                                                 at: reader.location(of: mapping["lang"])))
            }
        }
        return (baseName, language)
    }

    /// `medias-sociaux.en.md` → (`medias-sociaux`, `en`); the language suffix must be a site language.
    func splitLanguage(_ url: URL, languages: [String], defaultLanguage: String, _ diagnostics: inout [Diagnostic]) -> (String, String) {
        let stem = url.deletingPathExtension().lastPathComponent
        guard let dot = stem.lastIndex(of: ".") else { return (stem, defaultLanguage) }
        let suffix = String(stem[stem.index(after: dot)...])
        let base = String(stem[..<dot])
        if languages.contains(suffix) { return (base, suffix) }
        if suffix.count == 2, suffix.allSatisfy({ $0.isLetter && $0.isLowercase }) {
            diagnostics.append(.error("language '\(suffix)' in the file name is not one of the site's languages (\(languages.joined(separator: ", ")))",
                                      at: SourceLocation(file: displayPath(url))))
        }
        return (stem, defaultLanguage)
    }

    // MARK: site.yaml

    static let siteKeys: Set<String> = ["title", "description", "base_url", "language", "languages", "regulator",
                                        "theme", "navigation", "unsafe_html", "citations", "language_paths"]

    func loadSite(_ diagnostics: inout [Diagnostic]) -> SiteConfiguration {
        let url = root.appendingPathComponent("site.yaml")
        let path = displayPath(url)
        var fallback = SiteConfiguration(title: "Guide")
        guard FileManager.default.fileExists(atPath: url.path) else {
            diagnostics.append(.error("missing site configuration 'site.yaml' in the content folder", at: SourceLocation(file: path)))
            return fallback
        }
        guard let file = SourceFile.read(url: url, displayPath: path, diagnostics: &diagnostics) else { return fallback }
        var reader = YAMLReader(file: path)
        defer { diagnostics += reader.diagnostics }
        guard let mapping = reader.mapping(reader.compose(file.text), what: "site.yaml") else { return fallback }
        reader.rejectDuplicateKeys(mapping)
        reader.warnUnknownKeys(mapping, known: Self.siteKeys, what: "site.yaml")
        let what = "site.yaml"
        let language = reader.string(mapping, "language", what: what) ?? "fr"
        var languages = reader.stringList(mapping, "languages", what: what)
        if languages.isEmpty { languages = [language] }
        if languages.first != language {
            languages.removeAll { $0 == language }
            languages.insert(language, at: 0)
        }
        for code in languages where !(code.count >= 2 && code.count <= 3 && code.allSatisfy { $0.isASCII && $0.isLowercase }) {
            reader.diagnostics.append(.error("language '\(code)' must be a lower-case ISO 639 code such as 'fr' or 'en'",
                                             at: reader.location(of: mapping["languages"] ?? mapping["language"])))
        }
        var translated: [String: [String: String]] = [:]
        var texts: [String: String] = [:]
        for key in ["title", "description", "regulator"] {
            let (main, others) = reader.translatedString(mapping, key, required: key == "title", what: what, languages: languages)
            texts[key] = main
            if !others.isEmpty { translated[key] = others }
        }
        let title = texts["title"] ?? "Guide"
        var languagePaths: [String: String] = [:]
        if let node = mapping["language_paths"], let paths = reader.mapping(node, what: "'language_paths'") {
            for (key, value) in paths.pairs {
                guard let lang = key.string, let folder = value.string else { continue }
                if !languages.contains(lang) || lang == language {
                    reader.diagnostics.append(.error("language_paths: '\(lang)' is not one of the site's other languages (\(languages.dropFirst().joined(separator: ", ")))",
                                                     at: reader.location(of: key)))
                } else if !Slug.isValid(folder) {
                    reader.diagnostics.append(.error("language_paths: the folder of '\(lang)' must be lower-case letters, digits and hyphens, like '\(lang)'",
                                                     at: reader.location(of: value)))
                } else if let other = languagePaths.first(where: { $0.value == folder })?.key {
                    reader.diagnostics.append(.error("language_paths: '\(lang)' and '\(other)' have the same folder '\(folder)'",
                                                     at: reader.location(of: value)))
                } else {
                    languagePaths[lang] = folder
                }
            }
        }
        var navigation: [SiteConfiguration.NavigationLink] = []
        for item in reader.mappingList(mapping, "navigation", what: what) {
            reader.warnUnknownKeys(item, known: ["title", "url", "lang"], what: "a navigation entry")
            if let t = reader.string(item, "title", required: true, what: "a navigation entry"),
               let u = reader.string(item, "url", required: true, what: "a navigation entry") {
                if !HTMLEscaping.isSafeURL(u) {
                    reader.diagnostics.append(.error("navigation URL '\(u)' uses a forbidden scheme", at: reader.location(of: item["url"])))
                    continue
                }
                navigation.append(.init(title: t, url: u, language: reader.string(item, "lang", what: what)))
            }
        }
        var words = SiteConfiguration.CitationWords.standard
        if let node = mapping["citations"] {
            if let citations = reader.mapping(node, what: "'citations'") {
                reader.warnUnknownKeys(citations, known: ["article_words", "section_words", "recommendation_words", "this_code_words"],
                                       what: "'citations'")
                if citations["article_words"] != nil { words.articleWords = reader.stringList(citations, "article_words", what: what) }
                if citations["section_words"] != nil { words.sectionWords = reader.stringList(citations, "section_words", what: what) }
                if citations["recommendation_words"] != nil {
                    words.recommendationWords = reader.stringList(citations, "recommendation_words", what: what)
                }
                if citations["this_code_words"] != nil { words.thisCodeWords = reader.stringList(citations, "this_code_words", what: what) }
            }
        }
        let theme = reader.string(mapping, "theme", what: what)
        if let theme, !Slug.isValid(theme) && !theme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            reader.diagnostics.append(.error("theme '\(theme)' must be the name of a folder under Themes/, without '/' or '..'",
                                             at: reader.location(of: mapping["theme"])))
        }
        let baseURL = reader.string(mapping, "base_url", what: what) ?? "/"
        if let scheme = HTMLEscaping.scheme(of: baseURL), scheme != "http" && scheme != "https" {
            reader.diagnostics.append(.error("base_url must be an http or https address", at: reader.location(of: mapping["base_url"])))
        }
        fallback = SiteConfiguration(
            title: title,
            description: texts["description"] ?? "",
            baseURL: baseURL,
            language: language,
            languages: languages,
            regulator: texts["regulator"] ?? "",
            theme: theme.flatMap { $0.contains("/") || $0.contains("..") ? nil : $0 },
            navigation: navigation,
            unsafeHTML: reader.bool(mapping, "unsafe_html") ?? false,
            citationWords: words)
        fallback.languagePaths = languagePaths
        fallback.translatedTexts = translated
        return fallback
    }

    // MARK: Articles

    static let articleKeys: Set<String> = ["title", "date", "updated", "summary", "tags", "professions", "code", "lang",
                                           "draft", "slug", "translation_key"]

    func loadArticle(_ url: URL, languages: [String], defaultLanguage: String, _ diagnostics: inout [Diagnostic]) -> GuidanceArticle? {
        guard let file = SourceFile.read(url: url, displayPath: displayPath(url), diagnostics: &diagnostics) else { return nil }
        return loadArticle(file, url: url, languages: languages, defaultLanguage: defaultLanguage, &diagnostics)
    }

    /// Loads an article through the article cache: a file whose bytes (and path, and site
    /// languages) the cache knows is not parsed again, its body is cut from the bytes where it
    /// started before. Files that reading would refuse are loaded the plain way, which reports why.
    /// Loads an article through the article cache: a file whose stamp is the one recorded is not
    /// read (its body is read only if it must be linked again: ``ArticleCache/UnreadBody``); the
    /// front matter of a file whose bytes the cache knows is not parsed again.
    func loadArticle(_ listed: ListedFile, languages: [String], defaultLanguage: String, cache: ArticleCache,
                     _ diagnostics: inout [Diagnostic]) -> GuidanceArticle? {
        let path = displayPath(ofFile: listed.path)
        let stampKey = ArticleCacheKeys.stamp(path: path, languages: languages, defaultLanguage: defaultLanguage, stamp: listed.stamp)
        let stampedKey = cache.loadKey(stamped: stampKey)
        if let key = stampedKey, let hit = cache.loadedArticle(key) {
            if let article = hit.article, let offset = hit.bodyOffset {
                cache.noteLoadKey(key, forFile: path)
                cache.noteUnreadBody(ArticleCache.UnreadBody(file: listed.path, path: path, offset: offset, loadKey: key, languages: languages,
                                                             defaultLanguage: defaultLanguage), forFile: path)
                diagnostics += hit.diagnostics
                return article
            }
            if hit.article == nil {
                cache.noteLoadKey(key, forFile: path)
                diagnostics += hit.diagnostics
                return nil
            }
        }
        let url = listed.url
        guard let (bytes, readStamp) = Self.readFileAndStamp(listed.path, limit: SourceFile.maximumSize) else {
            return loadArticle(url, languages: languages, defaultLanguage: defaultLanguage, &diagnostics)
        }
        let key = bytes.withUnsafeBytes { ArticleCacheKeys.load(path: path, languages: languages, defaultLanguage: defaultLanguage, bytes: $0) }
        cache.noteLoadKey(key, forFile: path)
        // The stamp stands for these bytes only if the file read is the one listed; a file whose
        // stamp is already recorded with this key (one read anyway: its body is not the end of
        // its bytes) is not recorded again.
        if readStamp == listed.stamp, stampedKey != key { cache.recordStamp(listed.stamp, key: stampKey, loadKey: key) }
        if let hit = cache.loadedArticle(key) {
            guard var article = hit.article else {
                diagnostics += hit.diagnostics
                return nil
            }
            if let offset = hit.bodyOffset, offset >= 0, offset <= bytes.count {
                article.body = String(decoding: bytes[offset...], as: UTF8.self)
                diagnostics += hit.diagnostics
                return article
            }
            var ignored: [Diagnostic] = []
            if let file = SourceFile.decode(Data(bytes), displayPath: path, diagnostics: &ignored),
               case let .success(front) = FrontMatter.split(file.text) {
                article.body = front.body
                diagnostics += hit.diagnostics
                return article
            }
        }
        var problems: [Diagnostic] = []
        var article: GuidanceArticle?
        var bodyOffset: Int?
        if let file = SourceFile.decode(Data(bytes), displayPath: path, diagnostics: &problems) {
            article = loadArticle(file, url: url, languages: languages, defaultLanguage: defaultLanguage, &problems)
            // The body is the end of the text; when the text is the file's bytes as they are
            // (no byte-order mark, no CR), a hit can take it from the bytes without decoding the rest.
            let length = file.text.utf8.count
            if let article, length == bytes.count, !bytes.contains(0x0D) {
                bodyOffset = length - article.body.utf8.count
            }
        }
        cache.recordLoaded(key, article: article, bodyOffset: bodyOffset, diagnostics: problems)
        diagnostics += problems
        return article
    }

    /// The bytes of a regular file of at most `limit` bytes; nil when it is larger, not a regular
    /// file, or cannot be read.
    static func readFile(_ path: String, limit: Int) -> [UInt8]? {
        readFileAndStamp(path, limit: limit)?.bytes
    }

    /// ``readFile(_:limit:)``, with the stamp of the file opened, taken before reading it.
    static func readFileAndStamp(_ path: String, limit: Int) -> (bytes: [UInt8], stamp: FileStamp)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)  // never waits on a pipe put in its place
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size >= 0, info.st_size <= limit else { return nil }
        let size = Int(info.st_size)
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            while count <= size {
                let n = read(descriptor, base + count, size + 1 - count)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    complete = n == 0 && count == size
                    return
                }
                count += n
            }
        }
        return complete ? (bytes, FileStamp(info)) : nil  // nil too when the file grew while read
    }

    /// Loads an article from its file's text.
    func loadArticle(_ file: SourceFile, url: URL, languages: [String], defaultLanguage: String,
                     _ diagnostics: inout [Diagnostic]) -> GuidanceArticle? {
        let path = file.path
        let fileLocation = SourceLocation(file: path)
        if file.text.allSatisfy(\.isWhitespace) {
            diagnostics.append(.error("empty article: it needs a front matter with at least 'title' and 'date'", at: fileLocation))
            return nil
        }
        let front: FrontMatter
        switch FrontMatter.split(file.text) {
        case let .success(f): front = f
        case .failure(.missing):
            diagnostics.append(.error("missing front matter: the file must start with a line '---', then 'title:' and 'date:', then a line '---'", at: fileLocation))
            return nil
        case .failure(.unterminated):
            diagnostics.append(.error("unterminated front matter: no closing '---' line after the opening one", at: fileLocation))
            return nil
        }
        var reader = YAMLReader(file: path, lineOffset: front.yamlLineOffset)
        defer { diagnostics += reader.diagnostics }
        let node = front.yaml.allSatisfy(\.isWhitespace) ? nil : reader.compose(front.yaml)
        if node == nil, !reader.diagnostics.isEmpty { return nil }
        guard let mapping = reader.mapping(node, what: "front matter") else { return nil }
        reader.rejectDuplicateKeys(mapping)
        reader.warnUnknownKeys(mapping, known: Self.articleKeys, what: "front matter")
        let what = "front matter"
        let title = reader.string(mapping, "title", required: true, what: what)
        let date = reader.date(mapping, "date", required: true, what: what)
        let updated = reader.date(mapping, "updated", what: what)
        if let date, let updated, updated < date {
            reader.diagnostics.append(.warning("'updated' (\(updated)) is before 'date' (\(date))", at: reader.location(of: mapping["updated"])))
        }
        let (baseName, language) = documentLanguage(url, mapping, &reader, what: what, languages: languages, defaultLanguage: defaultLanguage)
        var slug = Slug.make(baseName)
        if let explicit = reader.string(mapping, "slug", what: what) {
            if Slug.isValid(explicit) {
                slug = explicit
            } else {
                reader.diagnostics.append(.error("slug '\(explicit)' may only contain lower-case letters, digits and hyphens (try '\(Slug.make(explicit))')",
                                                 at: reader.location(of: mapping["slug"])))
            }
        }
        if slug.isEmpty {
            reader.diagnostics.append(.error("the file name gives an empty slug: name it with letters or digits", at: fileLocation))
        }
        let translationKey = reader.string(mapping, "translation_key", what: what) ?? Slug.make(baseName)
        let tags = Self.pageNames(mapping, "tags", what: what, noun: "tag", &reader)
        let professions = Self.pageNames(mapping, "professions", what: what, noun: "profession", &reader)
        guard let title, let date, !slug.isEmpty else { return nil }
        var article = GuidanceArticle(
            location: fileLocation, slug: slug, title: title, date: date, updated: updated,
            summary: reader.string(mapping, "summary", what: what) ?? "",
            tags: tags,
            professions: professions,
            codeID: reader.string(mapping, "code", what: what),
            language: language,
            isDraft: reader.bool(mapping, "draft") ?? false,
            translationKey: translationKey,
            body: front.body,
            bodyLineOffset: front.bodyLineOffset)
        if let node = mapping["code"] { article.codeLocation = reader.location(of: node) }
        return article
    }

    /// Tags or professions: each names a page, so each needs a letter or digit for its address.
    static func pageNames(_ mapping: YAMLMapping, _ key: String, what: String, noun: String, _ reader: inout YAMLReader) -> [String] {
        var names: [String] = []
        let items: [Node]
        if case let .sequence(sequence)? = mapping[key] { items = Array(sequence) } else { items = mapping[key].map { [$0] } ?? [] }
        let values = reader.stringList(mapping, key, what: what)
        for (index, value) in values.enumerated() {
            let name = value.trimmingWhitespace()
            if name.isEmpty { continue }
            if Slug.make(name).isEmpty {
                reader.diagnostics.append(.error("\(noun) '\(name)' has no letter or digit to make its page address from",
                                                 at: reader.location(of: index < items.count ? items[index] : mapping[key])))
                continue
            }
            names.append(name)
        }
        return names
    }

    // MARK: Recommendations

    static let recommendationKeys: Set<String> = ["number", "title", "summary", "body", "do", "dont", "codes", "lang"]

    func loadRecommendation(_ url: URL, languages: [String], defaultLanguage: String, _ diagnostics: inout [Diagnostic]) -> Recommendation? {
        let what = "the recommendation"
        guard var document = openDocument(url, kind: "recommendation", known: Self.recommendationKeys, what: what,
                                          languages: languages, defaultLanguage: defaultLanguage, &diagnostics) else { return nil }
        defer { diagnostics += document.reader.diagnostics }
        let (path, mapping, language) = (document.path, document.mapping, document.language)
        let number = document.reader.int(mapping, "number", required: true, what: what)
        if let number, !(1...99).contains(number) {
            document.reader.diagnostics.append(.error("recommendation number must be between 1 and 99, not \(number)", at: document.reader.location(of: mapping["number"])))
        }
        let title = document.reader.string(mapping, "title", required: true, what: what)
        let body = document.reader.string(mapping, "body", what: what) ?? ""
        let dos = markdownList(mapping, "do", &document.reader)
        let donts = markdownList(mapping, "dont", &document.reader)
        var related: [ProvisionReference] = []
        if let codesNode = mapping["codes"] {
            let items: [Node] = {
                if case let .sequence(s) = codesNode { return Array(s) }
                return [codesNode]
            }()
            for item in items {
                let text = item.string ?? ""
                let parts = text.split(separator: " ", maxSplits: 1).map { String($0).trimmingWhitespace() }
                if parts.count == 2 {
                    related.append(ProvisionReference(codeID: parts[0], number: parts[1], location: document.reader.location(of: item)))
                } else {
                    document.reader.diagnostics.append(.error("a related provision is written '<code> <article>', e.g. 'dentistes 3.09.10', not '\(text)'",
                                                     at: document.reader.location(of: item)))
                }
            }
        }
        guard let number, let title else { return nil }
        return Recommendation(
            location: SourceLocation(file: path), number: number, title: title,
            summary: document.reader.string(mapping, "summary", what: what) ?? "",
            body: document.reader.markdownField(mapping["body"], text: body),
            dos: dos, donts: donts, relatedProvisions: related, language: language)
    }

    /// A YAML content file opened for reading: its reader, top-level mapping and language.
    struct YAMLDocument {
        var reader: YAMLReader
        var path: String
        var mapping: YAMLMapping
        var baseName: String
        var language: String
    }

    /// Reads a recommendation or code file up to its top-level mapping: checks duplicate and unknown
    /// keys and settles its language (file suffix, then `lang:`). Problems go to `diagnostics`
    /// when nothing is returned, else to the returned reader.
    /// With `bytes`, the file's bytes as read already, which the document is made of.
    func openDocument(_ url: URL, bytes: [UInt8]? = nil, kind: String, known: Set<String>, what: String, languages: [String],
                      defaultLanguage: String, _ diagnostics: inout [Diagnostic]) -> YAMLDocument? {
        let path = displayPath(url)
        let read = if let bytes {
            SourceFile.decode(Data(bytes), displayPath: path, diagnostics: &diagnostics)
        } else {
            SourceFile.read(url: url, displayPath: path, diagnostics: &diagnostics)
        }
        guard let file = read else { return nil }
        var reader = YAMLReader(file: path)
        guard let node = reader.compose(file.text) else {
            if reader.diagnostics.isEmpty { reader.diagnostics.append(.error("empty \(kind) file", at: SourceLocation(file: path))) }
            diagnostics += reader.diagnostics
            return nil
        }
        guard let mapping = reader.mapping(node, what: "a \(kind) file") else {
            diagnostics += reader.diagnostics
            return nil
        }
        reader.rejectDuplicateKeys(mapping)
        reader.warnUnknownKeys(mapping, known: known, what: what)
        let (baseName, language) = documentLanguage(url, mapping, &reader, what: what, languages: languages, defaultLanguage: defaultLanguage)
        return YAMLDocument(reader: reader, path: path, mapping: mapping, baseName: baseName, language: language)
    }

    private func markdownList(_ mapping: YAMLMapping, _ key: String, _ reader: inout YAMLReader) -> [MarkdownField] {
        guard let node = mapping[key] else { return [] }
        guard case let .sequence(sequence) = node else {
            reader.diagnostics.append(.error("field '\(key)' must be a list", at: reader.location(of: node)))
            return []
        }
        var out: [MarkdownField] = []
        for item in sequence {
            if case let .scalar(s) = item {
                out.append(reader.markdownField(item, text: s.string))
            } else {
                reader.diagnostics.append(.error("each item of '\(key)' must be text", at: reader.location(of: item)))
            }
        }
        return out
    }

    // MARK: Codes

    static let codeKeys: Set<String> = ["id", "title", "short_title", "citation", "aliases", "profession", "source_url",
                                        "article_words", "sections", "articles", "lang"]

    /// Loads a code through the article cache: a file whose bytes (and path, and site languages)
    /// the cache knows is not parsed again (a code of a few hundred articles is a large YAML
    /// file). Files that reading would refuse are loaded the plain way, which reports why.
    func loadCode(_ url: URL, languages: [String], defaultLanguage: String, cache: ArticleCache?,
                  _ diagnostics: inout [Diagnostic]) -> EthicsCode? {
        guard let cache, let bytes = Self.readFile(url.path, limit: SourceFile.maximumSize) else {
            return loadCode(url, languages: languages, defaultLanguage: defaultLanguage, &diagnostics)
        }
        let key = bytes.withUnsafeBytes {
            ArticleCacheKeys.loadCode(path: displayPath(url), languages: languages, defaultLanguage: defaultLanguage, bytes: $0)
        }
        if let hit = cache.loadedCode(key) {
            diagnostics += hit.diagnostics
            return hit.code
        }
        var problems: [Diagnostic] = []
        let code = loadCode(url, bytes: bytes, languages: languages, defaultLanguage: defaultLanguage, &problems)
        cache.recordCode(key, code: code, diagnostics: problems)
        diagnostics += problems
        return code
    }

    func loadCode(_ url: URL, bytes: [UInt8]? = nil, languages: [String], defaultLanguage: String,
                  _ diagnostics: inout [Diagnostic]) -> EthicsCode? {
        let what = "the code"
        guard var document = openDocument(url, bytes: bytes, kind: "code", known: Self.codeKeys, what: what,
                                          languages: languages, defaultLanguage: defaultLanguage, &diagnostics) else { return nil }
        defer { diagnostics += document.reader.diagnostics }
        let (path, mapping, language, baseName) = (document.path, document.mapping, document.language, document.baseName)
        let id = document.reader.string(mapping, "id", what: what) ?? baseName
        if !Slug.isValid(id) {
            document.reader.diagnostics.append(.error("code id '\(id)' may only contain lower-case letters, digits and hyphens",
                                             at: document.reader.location(of: mapping["id"] ?? mapping.node)))
        }
        let title = document.reader.string(mapping, "title", required: true, what: what)
        let sourceURL = document.reader.string(mapping, "source_url", what: what)
        if let sourceURL, !(sourceURL.hasPrefix("https://") || sourceURL.hasPrefix("http://")) {
            document.reader.diagnostics.append(.error("source_url must be an http or https address", at: document.reader.location(of: mapping["source_url"])))
        }
        var sections: [EthicsCode.Section] = []
        var sectionNumbers: Set<String> = []
        for item in document.reader.mappingList(mapping, "sections", what: what) {
            document.reader.warnUnknownKeys(item, known: ["number", "title"], what: "a section")
            guard let number = document.reader.string(item, "number", required: true, what: "a section"),
                  let title = document.reader.string(item, "title", required: true, what: "a section") else { continue }
            if !sectionNumbers.insert(number).inserted {
                document.reader.diagnostics.append(.error("duplicate section \(number) in code '\(id)'", at: document.reader.location(of: item["number"])))
                continue
            }
            sections.append(.init(number: number, title: title, location: document.reader.location(of: item.node)))
        }
        var articles: [EthicsCode.Article] = []
        var articleNumbers: Set<String> = []
        for item in document.reader.mappingList(mapping, "articles", what: what) {
            document.reader.warnUnknownKeys(item, known: ["number", "title", "text", "section"], what: "an article")
            guard let number = document.reader.string(item, "number", required: true, what: "an article") else { continue }
            if !Self.isProvisionNumber(number) {
                document.reader.diagnostics.append(.error("article number '\(number)' must be digits separated by dots, such as '20' or '3.09.10'",
                                                 at: document.reader.location(of: item["number"])))
                continue
            }
            if !articleNumbers.insert(number).inserted {
                document.reader.diagnostics.append(.error("duplicate article \(number) in code '\(id)'", at: document.reader.location(of: item["number"])))
                continue
            }
            let section = document.reader.string(item, "section", what: "an article")
            if let section, !sectionNumbers.contains(section) {
                document.reader.diagnostics.append(.error("article \(number) names section \(section), which code '\(id)' does not have",
                                                 at: document.reader.location(of: item["section"])))
            }
            articles.append(.init(
                number: number,
                title: document.reader.string(item, "title", what: "an article") ?? "",
                text: document.reader.markdownField(item["text"], text: document.reader.string(item, "text", what: "an article") ?? ""),
                section: section,
                location: document.reader.location(of: item.node)))
        }
        guard let title, Slug.isValid(id) else { return nil }
        return EthicsCode(
            location: SourceLocation(file: path), id: id, title: title,
            shortTitle: document.reader.string(mapping, "short_title", what: what) ?? title,
            citation: document.reader.string(mapping, "citation", what: what) ?? "",
            aliases: document.reader.stringList(mapping, "aliases", what: what),
            profession: document.reader.string(mapping, "profession", what: what) ?? "",
            sourceURL: sourceURL,
            articleWords: document.reader.stringList(mapping, "article_words", what: what),
            sections: sections, articles: articles, language: language)
    }

    /// `20`, `3.09.10`, `6.1.6`: digits separated by single dots.
    static func isProvisionNumber(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}

import Yams
