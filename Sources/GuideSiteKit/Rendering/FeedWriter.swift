/// Writes the Atom feed of one language's articles, newest first.
public struct FeedWriter: Sendable {
    public var site: AssembledSite

    public init(site: AssembledSite) { self.site = site }

    static func xml(_ s: String) -> String { HTMLEscaping.escape(s) }

    public func feed(for edition: Edition, limit: Int = 50) -> OutputFile {
        let base = site.site.baseURL
        let updated = edition.articles.map { $0.article.updated ?? $0.article.date }.max() ?? site.latestDate ?? ContentDate(year: 2000, month: 1, day: 1)
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(edition.language)\">\n"
        let language = edition.language
        out += "  <title>\(Self.xml(site.site.title(in: language)))</title>\n"
        let description = site.site.description(in: language)
        if !description.isEmpty { out += "  <subtitle>\(Self.xml(description))</subtitle>\n" }
        out += "  <id>\(Self.xml(base + edition.routes.home))</id>\n"
        out += "  <link rel=\"self\" href=\"\(Self.xml(base + edition.routes.feed))\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(Self.xml(base + edition.routes.home))\"/>\n"
        out += "  <updated>\(updated.timestamp)</updated>\n"
        let regulator = site.site.regulator(in: language)
        if !regulator.isEmpty { out += "  <author><name>\(Self.xml(regulator))</name></author>\n" }
        for entry in edition.articles.prefix(limit) {
            let url = base + entry.path
            out += "  <entry>\n"
            out += "    <title>\(Self.xml(entry.article.title))</title>\n"
            out += "    <id>\(Self.xml(url))</id>\n"
            out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(Self.xml(url))\"/>\n"
            out += "    <published>\(entry.article.date.timestamp)</published>\n"
            out += "    <updated>\((entry.article.updated ?? entry.article.date).timestamp)</updated>\n"
            if !entry.article.summary.isEmpty { out += "    <summary>\(Self.xml(entry.article.summary))</summary>\n" }
            for tag in entry.article.tags { out += "    <category term=\"\(Self.xml(tag))\"/>\n" }
            out += "  </entry>\n"
        }
        out += "</feed>\n"
        return OutputFile(path: edition.routes.feed, text: out)
    }
}

/// Writes `sitemap.xml`: every HTML page, with its translations as `hreflang` alternates.
public struct SitemapWriter: Sendable {
    public var site: AssembledSite

    public init(site: AssembledSite) { self.site = site }

    public func sitemap(pages: [String]) -> OutputFile {
        var alternatesByPath: [String: [String: String]] = [:]
        for (_, byLanguage) in site.translations where byLanguage.count > 1 {
            for (_, path) in byLanguage { alternatesByPath[path] = byLanguage }
        }
        var lastModified: [String: ContentDate] = [:]
        lastModified.reserveCapacity(site.editions.reduce(0) { $0 + $1.articles.count })
        for edition in site.editions {
            for i in edition.articles.indices { lastModified[edition.articles[i].path] = edition.articles[i].article.updated ?? edition.articles[i].article.date }
        }
        // Written into bytes: a portal's sitemap has tens of thousands of lines.
        var out: [UInt8] = []
        out.reserveCapacity(pages.count * 96 + 256)
        func raw(_ text: StaticString) {
            out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        // The base URL escaped once; a site path is escaped after it (escaping goes character by
        // character, so the two escaped one after the other are the whole URL escaped).
        var base: [UInt8] = []
        HTMLEscaping.escape(site.site.baseURL, into: &base)
        func url(_ path: String) {
            out += base
            HTMLEscaping.escape(path, into: &out)
        }
        raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        raw("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n")
        for page in pages.sorted() {
            raw("  <url>\n    <loc>")
            url(page)
            raw("</loc>\n")
            if let date = lastModified[page] {
                raw("    <lastmod>")
                out += date.description.utf8
                raw("</lastmod>\n")
            }
            if let alternates = alternatesByPath[page] {
                for lang in alternates.keys.sorted() {
                    raw("    <xhtml:link rel=\"alternate\" hreflang=\"")
                    out += lang.utf8
                    raw("\" href=\"")
                    url(alternates[lang] ?? "")
                    raw("\"/>\n")
                }
            }
            raw("  </url>\n")
        }
        raw("</urlset>\n")
        return OutputFile(path: "sitemap.xml", bytes: out)
    }
}
