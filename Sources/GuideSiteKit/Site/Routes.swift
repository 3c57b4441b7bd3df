/// Where every page of one language lives in the output, as site-relative directory paths.
///
/// The default language is at the root; others in their folder (`en/articles/…`, see
/// ``SiteConfiguration/routes(for:)`` and `language_paths` in site.yaml).
/// Pages are folders with an `index.html`, so URLs end with `/`.
public struct Routes: Sendable, Hashable {
    public var language: String
    /// `""` for the default language, `"en/"` for English.
    public var prefix: String

    /// The routes of `language` under `prefix` (`""` or a folder ending with `/`).
    ///
    /// Sites get theirs from ``SiteConfiguration/routes(for:)``.
    public init(language: String, prefix: String) {
        self.language = language
        self.prefix = prefix
    }

    /// French folder names for French; English ones for every other language.
    private var english: Bool { language != "fr" }

    public var home: String { prefix }
    public var articles: String { prefix + "articles/" }
    public func article(_ slug: String) -> String { articles + "\(slug)/" }
    public var recommendations: String { prefix + (english ? "recommendations/" : "recommandations/") }
    public func recommendation(_ number: Int) -> String { recommendations + "\(number)/" }
    public var codes: String { prefix + "codes/" }
    public func code(_ id: String) -> String { codes + "\(id)/" }
    public func provision(code id: String, number: String) -> String { code(id) + "\(number)/" }
    public func section(code id: String, number: String) -> String { code(id) + "#section-\(Slug.make(number))" }
    public var tags: String { prefix + (english ? "tags/" : "etiquettes/") }
    public func tag(_ name: String) -> String { tags + "\(Slug.make(name))/" }
    public var professions: String { prefix + "professions/" }
    public func profession(_ name: String) -> String { professions + "\(Slug.make(name))/" }
    public var correspondence: String { prefix + (english ? "correspondence/" : "correspondances/") }
    public var search: String { prefix + (english ? "search/" : "recherche/") }
    public var feed: String { prefix + "feed.xml" }

    /// The link from the page at `page` to `target`, both site-relative, as a relative URL.
    ///
    /// Relative URLs keep the site working under any sub-path and from disk.
    public static func relative(from page: String, to target: String) -> String {
        let depth = page.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }
        let up = String(repeating: "../", count: depth)
        let url = up + target
        if url.isEmpty { return "./" }
        if url.hasPrefix("#") { return "./" + url }
        return url
    }

    /// The path to the site root from `page` (`../../`, or `./` at the root).
    public static func root(from page: String) -> String {
        relative(from: page, to: "")
    }
}
