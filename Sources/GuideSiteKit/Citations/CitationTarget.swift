/// A resolved destination of a citation or an explicit link.
public enum CitationTarget: Sendable, Hashable {
    /// A whole code.
    case code(String)
    /// An article (or point) of a code.
    case article(code: String, number: String)
    /// A section (division, chapter) of a code.
    case section(code: String, number: String)
    /// A recommendation of the portal.
    case recommendation(Int)
}
