/// Every provision of the site — codes, their sections and articles, recommendations — by key,
/// with its page and its name, in each language.
///
/// Codes and recommendations exist once per id or number; a language that has no version of
/// one links to the default language's page.
public struct ProvisionDirectory: Sendable {
    public struct CodeEntry: Sendable {
        /// The code, by language.
        public var versions: [String: EthicsCode]
        public var primary: EthicsCode
        public var articleNumbers: [String]
        public var sectionNumbers: [String]
    }

    public var codes: [String: CodeEntry]
    /// Recommendations by number, by language.
    public var recommendations: [Int: [String: Recommendation]]
    public var defaultLanguage: String

    public init(codes: [EthicsCode], recommendations: [Recommendation], defaultLanguage: String) {
        self.defaultLanguage = defaultLanguage
        var entries: [String: CodeEntry] = [:]
        // Default language first, then path order. A duplicate id is an error reported by the
        // assembler; its numbers still count here, so valid citations don't pile false errors on it.
        for code in codes.sorted(by: { ($0.id, $0.language == defaultLanguage ? 0 : 1, $0.location) < ($1.id, $1.language == defaultLanguage ? 0 : 1, $1.location) }) {
            if entries[code.id] == nil {
                entries[code.id] = CodeEntry(versions: [:], primary: code, articleNumbers: code.articles.map(\.number),
                                             sectionNumbers: code.sections.map(\.number))
            } else if entries[code.id]?.versions[code.language] != nil {
                for number in code.articles.map(\.number) where !(entries[code.id]?.articleNumbers.contains(number) ?? true) {
                    entries[code.id]?.articleNumbers.append(number)
                }
                for number in code.sections.map(\.number) where !(entries[code.id]?.sectionNumbers.contains(number) ?? true) {
                    entries[code.id]?.sectionNumbers.append(number)
                }
                continue
            }
            entries[code.id]?.versions[code.language] = code
        }
        self.codes = entries
        var recs: [Int: [String: Recommendation]] = [:]
        for r in recommendations { recs[r.number, default: [:]][r.language] = r }
        self.recommendations = recs
    }

    /// The code in `language`, or its default-language version.
    public func code(_ id: String, language: String) -> EthicsCode? {
        guard let entry = codes[id] else { return nil }
        return entry.versions[language] ?? entry.primary
    }

    public func recommendation(_ number: Int, language: String) -> Recommendation? {
        guard let versions = recommendations[number] else { return nil }
        return versions[language] ?? versions[defaultLanguage] ?? versions.values.first
    }

    /// Whether the provision exists.
    public func contains(_ key: ProvisionKey) -> Bool {
        switch key {
        case let .article(code, number): codes[code]?.articleNumbers.contains(number) ?? false
        case let .section(code, number): codes[code]?.sectionNumbers.contains(number) ?? false
        case let .code(code): codes[code] != nil
        case let .recommendation(n): recommendations[n] != nil
        }
    }

    /// Why a key does not resolve, in a compiler's words.
    public func problem(with key: ProvisionKey) -> String? {
        switch key {
        case let .article(code, number):
            guard let entry = codes[code] else { return "unknown code '\(code)'" }
            return entry.articleNumbers.contains(number) ? nil : "unknown article \(number) of code '\(code)'"
        case let .section(code, number):
            guard let entry = codes[code] else { return "unknown code '\(code)'" }
            return entry.sectionNumbers.contains(number) ? nil : "unknown section \(number) of code '\(code)'"
        case let .code(code):
            return codes[code] == nil ? "unknown code '\(code)'" : nil
        case let .recommendation(n):
            return recommendations[n] == nil ? "unknown recommendation \(n)" : nil
        }
    }

    /// The language whose page a link from `language` goes to: its own if it has that provision, else the default.
    public func pageLanguage(of key: ProvisionKey, from language: String) -> String {
        switch key {
        case let .article(code, _), let .section(code, _), let .code(code):
            return codes[code]?.versions[language] != nil ? language : (codes[code]?.primary.language ?? defaultLanguage)
        case let .recommendation(n):
            return recommendations[n]?[language] != nil ? language : defaultLanguage
        }
    }

    /// The site path of a provision's page, as linked from a text in `language`.
    public func path(of key: ProvisionKey, from language: String, routesFor: (String) -> Routes) -> String {
        let routes = routesFor(pageLanguage(of: key, from: language))
        switch key {
        case let .article(code, number): return routes.provision(code: code, number: number)
        case let .section(code, number): return routes.section(code: code, number: number)
        case let .code(code): return routes.code(code)
        case let .recommendation(n): return routes.recommendation(n)
        }
    }

    /// How a provision is named: `art. 3.09.10, Code de déontologie des dentistes`, `Recommandation 4 : …`.
    /// With `namingCode` false, code articles and sections are named without their code
    /// (`art. 3.09.10`), for lists grouped under the code's title.
    public func label(of key: ProvisionKey, language: String, locale: Theme.Locale?, namingCode: Bool = true) -> String {
        let word: (String, String) -> String = { key, fallback in locale?.strings[key] ?? fallback }
        switch key {
        case let .article(code, number):
            let c = self.code(code, language: language)
            let prefix = (c?.articleWords.first).map { "\($0) " } ?? word("article_abbreviation", "art.") + " "
            return namingCode ? "\(prefix)\(number), \(c?.shortTitle ?? code)" : "\(prefix)\(number)"
        case let .section(code, number):
            let c = self.code(code, language: language)
            let title = c?.sections.first { $0.number == number }?.title
            let named = "\(word("section", "section")) \(number)\(title.map { " (\($0))" } ?? "")"
            return namingCode ? "\(named), \(c?.shortTitle ?? code)" : named
        case let .code(code):
            return self.code(code, language: language)?.title ?? code
        case let .recommendation(n):
            let title = recommendation(n, language: language)?.title
            let separator = language == "fr" ? " : " : ": "
            return "\(word("recommendation", "Recommandation")) \(n)\(title.map { separator + $0 } ?? "")"
        }
    }
}
