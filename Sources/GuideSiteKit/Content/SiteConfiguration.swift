/// The portal's settings, read from `Content/site.yaml`.
///
/// The key names are the authors' contract: `title`, `description`, `base_url`, `language`,
/// `languages`, `language_paths`, `regulator`, `theme`, `navigation`, `unsafe_html`, `citations`.
public struct SiteConfiguration: Sendable {
    public var title: String
    public var description: String
    /// The public address of the site, always ending with `/`.
    public var baseURL: String
    /// The default language (`fr`), served at the root.
    public var language: String
    /// Every language of the portal, the default first.
    public var languages: [String]
    public var regulator: String
    /// The theme's folder name under `Themes/`, if the site names one.
    public var theme: String?
    public var navigation: [NavigationLink]
    /// Whether raw HTML written in Markdown reaches the pages (off by default).
    public var unsafeHTML: Bool
    /// Words that introduce citations in running text (data, so a regulator can add its own).
    public var citationWords: CitationWords
    /// `title`, `description` and `regulator` in other languages than the default, by key then language.
    public var translatedTexts: [String: [String: String]] = [:]

    /// The site's title in `language` (the default language's when it has none).
    public func title(in language: String) -> String { translatedTexts["title"]?[language] ?? title }
    public func description(in language: String) -> String { translatedTexts["description"]?[language] ?? description }
    public func regulator(in language: String) -> String { translatedTexts["regulator"]?[language] ?? regulator }

    /// The folder of each language other than the default (`en` → `en/` unless `language_paths` says otherwise).
    public var languagePaths: [String: String] = [:]

    /// Where the pages of `language` live: the default language at the root, the others in their folder.
    public func routes(for language: String) -> Routes {
        Routes(language: language, prefix: language == self.language ? "" : (languagePaths[language] ?? language) + "/")
    }

    /// One entry of the header navigation.
    public struct NavigationLink: Sendable, Hashable {
        public var title: String
        /// A site path such as `/recommandations/`, or an absolute URL.
        public var url: String
        /// The language this entry belongs to (nil: the default language).
        public var language: String?
    }

    /// The words, per kind, that introduce a citation in running text.
    public struct CitationWords: Sendable, Hashable {
        public var articleWords: [String]
        public var sectionWords: [String]
        public var recommendationWords: [String]
        public var thisCodeWords: [String]

        public static let standard = CitationWords(
            articleWords: ["article", "articles", "art.", "section", "sections"],
            sectionWords: ["chapitre", "chapitres", "ch.", "chapter", "chapters", "division"],
            recommendationWords: ["recommandation", "recommandations", "recommendation", "recommendations"],
            thisCodeWords: ["ce code", "du présent code", "this code"])
    }

    public init(title: String, description: String = "", baseURL: String = "/", language: String = "fr",
                languages: [String] = ["fr"], regulator: String = "", theme: String? = nil,
                navigation: [NavigationLink] = [], unsafeHTML: Bool = false, citationWords: CitationWords = .standard) {
        self.title = title
        self.description = description
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.language = language
        self.languages = languages.isEmpty ? [language] : languages
        self.regulator = regulator
        self.theme = theme
        self.navigation = navigation
        self.unsafeHTML = unsafeHTML
        self.citationWords = citationWords
    }
}
