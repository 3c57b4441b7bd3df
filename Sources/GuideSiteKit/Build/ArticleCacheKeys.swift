/// The keys of the article cache: everything loading or linking an article reads, hashed.
///
/// A key must change whenever what its step would produce may change: when in doubt, a field
/// goes in. What is left out is left out because the step never reads it (see each function).
enum ArticleCacheKeys {
    /// The key of loading an article file: its bytes, the path diagnostics show it at (which
    /// holds its file name: base name and language suffix), and the site's languages, default
    /// first. `loadArticle` reads nothing else but constants of the program.
    static func load(path: String, languages: [String], defaultLanguage: String, bytes: UnsafeRawBufferPointer) -> CacheKey {
        fileLoad("load article", path: path, languages: languages, defaultLanguage: defaultLanguage, bytes: bytes)
    }

    /// The load key of a code file: as an article file's, under another name.
    static func loadCode(path: String, languages: [String], defaultLanguage: String, bytes: UnsafeRawBufferPointer) -> CacheKey {
        fileLoad("load code", path: path, languages: languages, defaultLanguage: defaultLanguage, bytes: bytes)
    }

    private static func fileLoad(_ name: String, path: String, languages: [String], defaultLanguage: String,
                                 bytes: UnsafeRawBufferPointer) -> CacheKey {
        var hasher = CacheKeyHasher(name)
        hasher.combine(path)
        hasher.combine(languages)
        hasher.combine(defaultLanguage)
        return hasher.finish(with: bytes)
    }

    /// The key of a file's stamp: its path as diagnostics show it, the site's languages (what
    /// the load key holds besides the bytes) and the stamp, which stands for the bytes.
    static func stamp(path: String, languages: [String], defaultLanguage: String, stamp: FileStamp) -> CacheKey {
        var hasher = CacheKeyHasher("stamped article file")
        hasher.combine(path)
        hasher.combine(languages)
        hasher.combine(defaultLanguage)
        for field in [stamp.device, stamp.inode, stamp.size, UInt64(bitPattern: stamp.modified), UInt64(bitPattern: stamp.changed)] {
            hasher.combine(field)
        }
        return hasher.finish()
    }

    /// The key of what linking any document of one language edition reads besides the document:
    /// the whole site configuration (after a `--base-url` override), the codes and
    /// recommendations as the citation engine, provision paths and labels see them, the theme's
    /// locale for that language, that language's routes, and the Markdown parser's depth limit.
    ///
    /// The table of article paths is left out (and with it whether drafts are built, which only
    /// adds to it): a document read from the cache is checked against it link by link
    /// (``ArticleLookup``), so that adding an article does not link every other article again.
    /// What a document's links resolved to is in its ``linkedBody(link:lookups:)`` key.
    static func linkEnvironment(site: SiteConfiguration, directory: ProvisionDirectory, locale: Theme.Locale?, language: String,
                                routes: Routes, maximumDepth: Int) -> CacheKey {
        var hasher = CacheKeyHasher("link environment")
        hasher.combine(language)
        hasher.combine(routes.language)
        hasher.combine(routes.prefix)
        hasher.combine(maximumDepth)
        hasher.combine(site: site)
        hasher.combine(directory: directory)
        if let locale {
            hasher.combine(true)
            hasher.combine(locale.strings)
            hasher.combine(locale.months)
            hasher.combine(locale.dateFormat)
            hasher.combine(locale.firstDay)
        } else {
            hasher.combine(false)
        }
        return hasher.finish()
    }

    /// The key of linking one article: its load key (its text and every field loaded from it),
    /// the edition's environment, and the arguments of the link: page, default code, anchor
    /// prefix, where the Markdown starts in the file and its indentation.
    static func link(article: CacheKey, environment: CacheKey, page: String, code: String?, prefix: String,
                     source: SourceLocation, indentation: Int) -> CacheKey {
        var hasher = CacheKeyHasher("link article")
        hasher.combine(article)
        hasher.combine(environment)
        hasher.combine(page)
        hasher.combine(code)
        hasher.combine(prefix)
        hasher.combine(source.file)
        hasher.combine(source.line)
        hasher.combine(source.column)
        hasher.combine(indentation)
        return hasher.finish()
    }

    /// The key of what linking produced (``ArticleEntry/linkKey``), which pages and search
    /// documents are keyed by: the link key, and where each link to another article led. A
    /// document that links to no article has its link key.
    static func linkedBody(link: CacheKey, lookups: [ArticleLookup]) -> CacheKey {
        guard !lookups.isEmpty else { return link }
        var hasher = CacheKeyHasher("linked article")
        hasher.combine(link)
        hasher.combine(lookups.count)
        for lookup in lookups {
            hasher.combine(lookup.name)
            hasher.combine(lookup.path)
        }
        return hasher.finish()
    }
}

extension CacheKeyHasher {
    /// Every field of the site configuration.
    mutating func combine(site: SiteConfiguration) {
        combine(site.title)
        combine(site.description)
        combine(site.baseURL)
        combine(site.language)
        combine(site.languages)
        combine(site.regulator)
        combine(site.theme)
        combine(site.navigation.count)
        for link in site.navigation {
            combine(link.title)
            combine(link.url)
            combine(link.language)
        }
        combine(site.unsafeHTML)
        let words = site.citationWords
        for list in [words.articleWords, words.sectionWords, words.recommendationWords, words.thisCodeWords] { combine(list) }
        combine(site.translatedTexts.count)
        for key in site.translatedTexts.keys.sorted() {
            combine(key)
            combine(site.translatedTexts[key] ?? [:])
        }
        combine(site.languagePaths)
    }

    /// The codes and recommendations, all but their Markdown texts (a provision's summary, a
    /// recommendation's body, do's and don'ts) and source locations: linking an article never
    /// reads those. The citation engine reads the codes' names, article words and numbers;
    /// provision paths read which languages each code and recommendation has; provision labels
    /// read article words, short titles, section titles and recommendation titles.
    mutating func combine(directory: ProvisionDirectory) {
        combine(directory.defaultLanguage)
        let ids = directory.codes.keys.sorted()
        combine(ids.count)
        for id in ids {
            guard let entry = directory.codes[id] else { continue }
            combine(id)
            combine(entry.articleNumbers)
            combine(entry.sectionNumbers)
            combine(code: entry.primary)
            let languages = entry.versions.keys.sorted()
            combine(languages.count)
            for language in languages {
                guard let code = entry.versions[language] else { continue }
                combine(language)
                combine(code: code)
            }
        }
        let numbers = directory.recommendations.keys.sorted()
        combine(numbers.count)
        for number in numbers {
            let versions = directory.recommendations[number] ?? [:]
            combine(number)
            combine(versions.count)
            for language in versions.keys.sorted() {
                guard let r = versions[language] else { continue }
                combine(language)
                combine(r.number)
                combine(r.language)
                combine(r.title)
                combine(r.summary)
                combine(r.relatedProvisions.count)
                for p in r.relatedProvisions {
                    combine(p.codeID)
                    combine(p.number)
                }
            }
        }
    }

    private mutating func combine(code: EthicsCode) {
        combine(code.id)
        combine(code.language)
        combine(code.title)
        combine(code.shortTitle)
        combine(code.citation)
        combine(code.aliases)
        combine(code.profession)
        combine(code.sourceURL)
        combine(code.articleWords)
        combine(code.sections.count)
        for section in code.sections {
            combine(section.number)
            combine(section.title)
        }
        combine(code.articles.count)
        for article in code.articles {
            combine(article.number)
            combine(article.title)
            combine(article.section)
        }
    }
}
