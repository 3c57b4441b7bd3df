/// The site's ``CitationFinding``: the citation scanner and resolver, fed with the site's own
/// vocabulary (site.yaml's citation words, each code's names and article words) and catalog.
public struct CitationEngine: CitationFinding {
    public var scanner: CitationScanner
    public var resolver: CitationResolver

    public init(directory: ProvisionDirectory, site: SiteConfiguration) {
        var names: [String: String] = [:]
        var extraArticleWords: [String] = []
        for id in directory.codes.keys.sorted() {
            guard let entry = directory.codes[id] else { continue }
            for code in entry.versions.keys.sorted().compactMap({ entry.versions[$0] }) {
                for name in [code.title, code.shortTitle] + code.aliases where !name.isEmpty {
                    names[name] = id
                }
                extraArticleWords += code.articleWords
            }
        }
        let words = site.citationWords
        var articleWords = words.articleWords
        for word in extraArticleWords where !articleWords.contains(word) { articleWords.append(word) }
        let vocabulary = CitationVocabulary(
            articleWords: articleWords, sectionWords: words.sectionWords,
            recommendationWords: words.recommendationWords, thisCodeWords: words.thisCodeWords, codeNames: names)
        scanner = CitationScanner(vocabulary: vocabulary)
        let catalog = ProvisionCatalog(
            codes: directory.codes.keys.sorted().compactMap { id in
                directory.codes[id].map { CatalogCode(id: id, articleNumbers: $0.articleNumbers, sectionNumbers: $0.sectionNumbers) }
            },
            recommendationNumbers: Set(directory.recommendations.keys))
        resolver = CitationResolver(catalog: catalog)
    }

    static func key(_ target: CitationTarget) -> ProvisionKey {
        switch target {
        case let .code(id): .code(id)
        case let .article(code, number): .article(code: code, number: number)
        case let .section(code, number): .section(code: code, number: number)
        case let .recommendation(n): .recommendation(n)
        }
    }

    public func resolveLink(_ destination: String, defaultCode: String?) -> LinkResolution? {
        guard let target = parseLinkTarget(destination) else { return nil }
        let resolution = resolver.resolve(target, byteRange: 0..<destination.utf8.count)
        if let problem = resolution.problems.first { return .problem(problem.message) }
        guard let first = resolution.targets.first else { return .problem("cannot resolve link '\(destination)'") }
        return .target(Self.key(first.target))
    }

    public func citations(in text: String, defaultCode: String?) -> [FoundCitation] {
        let matches = scanner.scan(text)
        guard !matches.isEmpty else { return [] }
        return matches.map { match in
            let resolution = resolver.resolve(match, defaultCode: defaultCode)
            return FoundCitation(
                range: match.byteRange,
                links: resolution.targets.compactMap { t in
                    t.linkByteRange.map { FoundCitation.LinkedSpan(range: $0, target: Self.key(t.target)) }
                },
                cited: resolution.targets.map { Self.key($0.target) },
                problems: resolution.problems.map {
                    FoundCitation.Problem(severity: $0.severity == .error ? .error : .warning, message: $0.message,
                                          offset: $0.byteRange.lowerBound)
                })
        }
    }
}
