/// Turns the pages of an edition into search documents: every article page and each of its
/// sections, every recommendation, code and code article.
///
/// Titles are the pages' own (from ``ProvisionDirectory/label(of:language:locale:)``), so a
/// result reads as the page it opens.
public struct SearchDocumentCollector: Sendable {
    public var site: AssembledSite
    public var locale: Theme.Locale?

    public init(site: AssembledSite, locale: Theme.Locale?) {
        self.site = site
        self.locale = locale
    }

    /// The documents of one edition; empty when its language has no search analysis.
    public func documents(for edition: Edition) -> [SearchDocument] {
        guard let language = SearchLanguage(rawValue: edition.language) else { return [] }
        var documents: [SearchDocument] = []
        for entry in edition.articles {
            documents += articleDocuments(entry, language: language)
        }
        return documents + otherDocuments(for: edition, language: language)
    }

    /// The documents of an edition's recommendations, codes and code articles, in that order.
    func otherDocuments(for edition: Edition, language: SearchLanguage) -> [SearchDocument] {
        var documents: [SearchDocument] = []
        for entry in edition.recommendations {
            let r = entry.recommendation
            let title = label(.recommendation(r.number), edition)
            let fields = [entry.body] + entry.dos + entry.donts
            documents.append(SearchDocument(
                url: entry.path, title: title, kind: .recommendation, language: language,
                titleText: title,
                headingsText: fields.flatMap(\.tableOfContents).map(\.title).joined(separator: "\n"),
                summaryText: r.summary,
                bodyText: fields.map(\.plainText).joined(separator: "\n"),
                citations: Self.numbers(entry.occurrences.map(\.target) + entry.related)))
        }
        for entry in edition.codes {
            let code = entry.code
            documents.append(SearchDocument(
                url: entry.path, title: code.title, kind: .code, language: language,
                professions: Self.nonEmpty(code.profession),
                titleText: code.title + "\n" + code.shortTitle,
                headingsText: code.sections.map { "\($0.number) \($0.title)" }.joined(separator: "\n"),
                summaryText: code.citation))
            for provision in entry.provisions {
                let title = label(provision.key, edition)
                let section = code.sections.first { $0.number == provision.article.section }
                documents.append(SearchDocument(
                    url: provision.path, title: title, kind: .provision, language: language,
                    professions: Self.nonEmpty(code.profession),
                    titleText: title + "\n" + provision.article.title,
                    headingsText: section.map { "\($0.number) \($0.title)" } ?? "",
                    bodyText: provision.text.plainText,
                    citations: [provision.article.number] + Self.numbers(provision.text.occurrences.map(\.target))))
            }
        }
        return documents
    }

    /// An article's page (title, summary, text before the first heading) and one document per section.
    func articleDocuments(_ entry: ArticleEntry, language: SearchLanguage) -> [SearchDocument] {
        let article = entry.article
        func document(url: String, section: DocumentSection?, body: String) -> SearchDocument {
            let anchor = section?.heading?.anchor
            let cited = entry.body.occurrences.filter { $0.section == anchor }.map(\.target)
            return SearchDocument(
                url: url, title: article.title, section: section?.heading?.title, kind: .article, language: language,
                professions: article.professions, tags: article.tags, date: article.date.description,
                titleText: section?.heading?.title ?? article.title,
                headingsText: section == nil ? entry.body.tableOfContents.map(\.title).joined(separator: "\n") : "",
                summaryText: section == nil ? article.summary : "",
                bodyText: body, citations: Self.numbers(cited))
        }
        var documents: [SearchDocument] = []
        let intro = entry.body.sections.first { $0.heading == nil }?.text ?? ""
        documents.append(document(url: entry.path, section: nil, body: intro))
        for section in entry.body.sections {
            guard let heading = section.heading else { continue }
            documents.append(document(url: entry.path + "#" + heading.anchor, section: section, body: section.text))
        }
        return documents
    }

    func label(_ key: ProvisionKey, _ edition: Edition) -> String {
        site.directory.label(of: key, language: edition.language, locale: locale)
    }

    /// The numbers of the code articles and sections cited, each once, in order of first citation.
    static func numbers(_ keys: [ProvisionKey]) -> [String] {
        var seen = Set<String>()
        var numbers: [String] = []
        for key in keys {
            switch key {
            case let .article(_, number), let .section(_, number):
                if seen.insert(number).inserted { numbers.append(number) }
            case .code, .recommendation:
                continue
            }
        }
        return numbers
    }

    static func nonEmpty(_ s: String) -> [String] { s.isEmpty ? [] : [s] }
}
