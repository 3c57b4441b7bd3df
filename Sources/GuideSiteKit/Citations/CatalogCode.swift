/// One code of ethics as the catalog knows it: its id and its numbers.
public struct CatalogCode: Sendable, Hashable {
    /// The code id, e.g. "dentistes".
    public var id: String
    /// The article (or point) numbers, in the order of the code file.
    public var articleNumbers: [String]
    /// The section (division, chapter) numbers, in the order of the code file.
    public var sectionNumbers: [String]

    /// Creates a catalog code.
    public init(id: String, articleNumbers: [String], sectionNumbers: [String] = []) {
        self.id = id
        self.articleNumbers = articleNumbers
        self.sectionNumbers = sectionNumbers
    }
}
