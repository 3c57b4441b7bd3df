extension SearchDocument {
    /// ``StableHash/combine(document:)`` of this document alone: its key in the search cache.
    var stableHash: UInt64 {
        var hasher = StableHash()
        hasher.combine(document: self)
        return hasher.value
    }
}

extension StableHash {
    /// Hashes every field of a search document, so that an index built from the same documents
    /// can be kept as it is (a test checks that every field counts).
    public mutating func combine(document: SearchDocument) {
        combine(document.url)
        combine(document.title)
        combine(document.section ?? "\u{0}none")
        combine(document.kind.rawValue)
        combine(document.language.rawValue)
        combine(list: document.professions)
        combine(list: document.tags)
        combine(document.date ?? "\u{0}none")
        combine(document.titleText)
        combine(document.headingsText)
        combine(document.summaryText)
        combine(document.bodyText)
        combine(list: document.citations)
    }

    /// The number of fields ``combine(document:)`` reads: checked against the type's fields.
    static let searchDocumentFieldCount = 13

    mutating func combine(list: [String]) {
        combine(UInt64(list.count))
        for item in list { combine(item) }
    }
}
