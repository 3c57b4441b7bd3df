/// What the index writer reads of a document besides its analysis: its hash, where it sorts
/// (URL, section, title), its facets (kind, professions), and the article it was made from.
/// Kept with the analyses (``SearchAnalyses``), so that a rebuild indexes an unchanged article's
/// documents without making them again.
struct SearchDocumentStub: Sendable, Equatable {
    /// ``StableHash/combine(document:)`` of the document.
    var hash: UInt64
    var url: String
    /// The section heading; empty for the page itself.
    var section: String
    var title: String
    var kind: SearchDocument.Kind
    var professions: [String]
    /// The link key of the article the document was made from (``ArticleEntry/linkKey``); nil
    /// for any other document.
    var source: CacheKey?

    init(hash: UInt64, url: String, section: String, title: String, kind: SearchDocument.Kind, professions: [String], source: CacheKey?) {
        self.hash = hash
        self.url = url
        self.section = section
        self.title = title
        self.kind = kind
        self.professions = professions
        self.source = source
    }

    init(_ document: SearchDocument, hash: UInt64, source: CacheKey?) {
        self.init(hash: hash, url: document.url, section: document.section ?? "", title: document.title, kind: document.kind,
                  professions: document.professions, source: source)
    }

    /// Index order: by URL, then section, then title, then hash: two documents that this order
    /// does not tell apart are the same document.
    static func precedes(_ a: SearchDocumentStub, _ b: SearchDocumentStub) -> Bool {
        if a.url != b.url { return a.url < b.url }
        if a.section != b.section { return a.section < b.section }
        if a.title != b.title { return a.title < b.title }
        return a.hash < b.hash
    }
}
