/// A Markdown document after linking: its HTML, headings, text and the citations it makes.
public struct LinkedDocument: Sendable {
    public var html: String {
        get { deferred?.html ?? storedHTML }
        set {
            undefer()
            storedHTML = newValue
        }
    }
    public var tableOfContents: [TableOfContentsEntry]
    /// What a reader sees, cut at each heading: for search.
    public var sections: [DocumentSection] {
        get { deferred?.sections ?? storedSections }
        set {
            undefer()
            storedSections = newValue
        }
    }
    public var occurrences: [CitationOccurrence] {
        didSet { occurrenceDigests = occurrences.map(\.digest) }
    }
    /// Each occurrence's ``CitationOccurrence/digest``, made once (a cached article's come from the cache).
    private(set) var occurrenceDigests: [UInt64]
    /// Links to headings of other pages, checked once every page is linked.
    public var anchorReferences: [AnchorReference]
    /// The other articles the document links to, as they resolved (``ArticleLookup``).
    public var articleLookups: [ArticleLookup]

    private var storedHTML: String
    private var storedSections: [DocumentSection]
    /// Where the HTML and sections are when they come from the article cache, not yet decoded.
    private var deferred: DeferredLinkedText?

    public init(html: String, tableOfContents: [TableOfContentsEntry], sections: [DocumentSection], occurrences: [CitationOccurrence],
                anchorReferences: [AnchorReference], articleLookups: [ArticleLookup] = []) {
        self.init(html: html, tableOfContents: tableOfContents, sections: sections, occurrences: occurrences,
                  occurrenceDigests: occurrences.map(\.digest), anchorReferences: anchorReferences, articleLookups: articleLookups)
    }

    /// A document whose occurrences' digests are known (read from the article cache).
    init(html: String, tableOfContents: [TableOfContentsEntry], sections: [DocumentSection], occurrences: [CitationOccurrence],
         occurrenceDigests: [UInt64], anchorReferences: [AnchorReference], articleLookups: [ArticleLookup]) {
        storedHTML = html
        self.tableOfContents = tableOfContents
        storedSections = sections
        self.occurrences = occurrences
        self.occurrenceDigests = occurrenceDigests.count == occurrences.count ? occurrenceDigests : occurrences.map(\.digest)
        self.anchorReferences = anchorReferences
        self.articleLookups = articleLookups
    }

    /// How many sections have a heading (without decoding deferred texts).
    var headedSectionCount: Int {
        deferred?.headedSections ?? storedSections.reduce(0) { $0 + ($1.heading == nil ? 0 : 1) }
    }

    /// Takes the HTML and sections from `texts` when they are first read.
    mutating func `defer`(to texts: DeferredLinkedText) {
        deferred = texts
    }

    private mutating func undefer() {
        guard let deferred else { return }
        storedHTML = deferred.html
        storedSections = deferred.sections
        self.deferred = nil
    }

    public static let empty = LinkedDocument(html: "", tableOfContents: [], sections: [], occurrences: [], anchorReferences: [])

    /// All the text a reader sees, headings included.
    public var plainText: String {
        sections.map { s in s.heading.map { $0.title + "\n" + s.text } ?? s.text }.joined(separator: "\n")
    }
}

/// An article with its page.
public struct ArticleEntry: Sendable {
    public var article: GuidanceArticle
    public var path: String
    public var body: LinkedDocument
    /// The article cache's key of the linked article (its file, path, everything linking read
    /// and where its links to other articles led: ``ArticleCacheKeys/linkedBody(link:lookups:)``),
    /// when the build uses the cache: what its page and search documents are made from, besides
    /// its neighbours and translations.
    var linkKey: CacheKey?
}

/// A recommendation with its page.
public struct RecommendationEntry: Sendable {
    public var recommendation: Recommendation
    public var path: String
    public var body: LinkedDocument
    public var dos: [LinkedDocument]
    public var donts: [LinkedDocument]
    /// The related provisions listed in its `codes` field.
    public var related: [ProvisionKey]

    public var occurrences: [CitationOccurrence] {
        body.occurrences + dos.flatMap(\.occurrences) + donts.flatMap(\.occurrences)
    }
}

/// A code with its page and the pages of its articles.
public struct CodeEntry: Sendable {
    public var code: EthicsCode
    public var path: String
    public var provisions: [ProvisionEntry]
}

/// A code article with its page.
public struct ProvisionEntry: Sendable {
    public var article: EthicsCode.Article
    public var key: ProvisionKey
    public var path: String
    public var text: LinkedDocument
}

/// Everything of one language, linked and cross-referenced, ready to render.
public struct Edition: Sendable {
    public var language: String
    public var routes: Routes
    /// Newest first.
    public var articles: [ArticleEntry]
    /// By number.
    public var recommendations: [RecommendationEntry]
    /// By id.
    public var codes: [CodeEntry]
    /// The edition's linked documents, in the order citations are listed: articles (in the
    /// order above), then each recommendation's body, do's and don'ts, then each provision's text.
    var documents: [LinkedDocument] = []
    /// Where the citations of each provision cited are, in that order: the document, and the
    /// citation among the document's occurrences. No citation is copied: ``citations(of:)``
    /// makes the list of one provision when a page shows it.
    var citationPlaces: [ProvisionKey: [CitationPlace]] = [:]
    /// The page of each document of ``documents`` (empty for a document that cites nothing).
    var citingPages: [String] = []

    /// Who cites what: every occurrence, by the provision cited, in page order. Made whole on
    /// each call: pages ask ``citations(of:)`` for one provision.
    public var citedBy: [ProvisionKey: [CitationOccurrence]] {
        citationPlaces.mapValues { $0.map { documents[Int($0.document)].occurrences[Int($0.occurrence)] } }
    }

    /// The occurrences that cite `key`, in page order.
    public func citations(of key: ProvisionKey) -> [CitationOccurrence] {
        (citationPlaces[key] ?? []).map { documents[Int($0.document)].occurrences[Int($0.occurrence)] }
    }

    /// How many occurrences cite `key`.
    public func citationCount(of key: ProvisionKey) -> Int {
        citationPlaces[key]?.count ?? 0
    }

    /// The ``CitationOccurrence/digest`` of each occurrence that cites `key`, in page order
    /// (made when its document was linked, or read from the article cache).
    func citationDigests(of key: ProvisionKey) -> [UInt64] {
        (citationPlaces[key] ?? []).map { documents[Int($0.document)].occurrenceDigests[Int($0.occurrence)] }
    }

    /// The document of each occurrence that cites `key` (an index of ``documents`` and
    /// ``citingPages``), in page order: a document's occurrences follow one another and share
    /// its page and source file.
    func citingDocuments(of key: ProvisionKey) -> [Int32] {
        (citationPlaces[key] ?? []).map(\.document)
    }

    /// The article cache's key of everything linking this edition read but the table of article
    /// paths (``ArticleCacheKeys/linkEnvironment``), when the build uses the cache: what every page
    /// of the edition is made from, besides its own data. Where links to articles led is in each
    /// article's ``ArticleEntry/linkKey``, and in the linked HTML of recommendations and provisions.
    var linkEnvironment: CacheKey?
}

/// Where a citation is: its document (an index of the edition's linked documents) and its
/// place among that document's occurrences.
struct CitationPlace: Sendable, Hashable {
    var document: Int32
    var occurrence: Int32
}

/// The whole site after loading and linking: what the renderer and the search indexer read.
public struct AssembledSite: Sendable {
    public var site: SiteConfiguration
    public var editions: [Edition]
    public var directory: ProvisionDirectory
    /// Translations: the site path of each page in each language, by a key shared across languages.
    public var translations: [String: [String: String]]
    /// The latest date in the content (the site's "now", so builds are reproducible).
    public var latestDate: ContentDate?
    /// The content folder as source locations show it.
    public var contentFolder: String = ""

    /// A source file's path inside the content folder (`articles/x.md`): the same wherever the build runs.
    public func contentPath(_ file: String) -> String {
        let prefix = contentFolder.hasSuffix("/") ? contentFolder : contentFolder + "/"
        return !contentFolder.isEmpty && file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
    }
}
