/// One link to another article, as the linker resolved it: the file's base name it looked up
/// in the table of article paths, and the page it found there (nil when there was none).
///
/// A linked document keeps its lookups so that the article cache can reuse it after articles
/// are added, removed or renamed: the document is still right if every name it looked up
/// resolves as before, whatever else the table holds.
public struct ArticleLookup: Sendable, Hashable {
    /// The base name of the linked file (`autre-article` for `autre-article.md`).
    public var name: String
    /// The page the name resolved to; nil when no article had that name.
    public var path: String?

    public init(name: String, path: String?) {
        self.name = name
        self.path = path
    }

    /// Whether every lookup resolves the same way in `articlePaths`.
    static func allHold(_ lookups: [ArticleLookup], in articlePaths: [String: String]) -> Bool {
        lookups.allSatisfy { articlePaths[$0.name] == $0.path }
    }
}
