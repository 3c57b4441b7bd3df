/// One searchable unit: a page, or one section of a page (a heading with an anchor).
public struct SearchDocument: Sendable, Hashable {
    /// What kind of page a document comes from; the search page filters on it.
    public enum Kind: String, Sendable {
        case article, recommendation, provision, code, page
    }

    public var url: String  // site-relative, no leading slash, e.g. "articles/medias-sociaux/#consentement"
    public var title: String  // the page title
    public var section: String?  // the section heading, nil for the page itself
    public var kind: Kind
    public var language: SearchLanguage
    public var professions: [String]
    public var tags: [String]
    public var date: String?  // YYYY-MM-DD
    public var titleText: String  // weighted most
    public var headingsText: String  // weighted next
    public var summaryText: String
    public var bodyText: String
    public var citations: [String]  // provision numbers this document cites, e.g. ["3.09.10", "6.1.6"], and for a provision page its own number

    /// Creates a document; every text field defaults to empty.
    public init(
        url: String, title: String, section: String? = nil, kind: Kind, language: SearchLanguage,
        professions: [String] = [], tags: [String] = [], date: String? = nil,
        titleText: String = "", headingsText: String = "", summaryText: String = "", bodyText: String = "",
        citations: [String] = []
    ) {
        self.url = url
        self.title = title
        self.section = section
        self.kind = kind
        self.language = language
        self.professions = professions
        self.tags = tags
        self.date = date
        self.titleText = titleText
        self.headingsText = headingsText
        self.summaryText = summaryText
        self.bodyText = bodyText
        self.citations = citations
    }
}
