/// The destination of an explicit link written by an author, such as
/// `[art. 3.09.10](code:dentistes/3.09.10)`.
///
/// Syntax (scheme case-insensitive):
/// - `code:ID` — the code itself;
/// - `code:ID/NUMBER` or `code:ID/article/NUMBER` — an article (or point);
/// - `code:ID/section/NUMBER` — a section (division, chapter);
/// - `rec:NUMBER` — a recommendation; leading zeros are allowed (`rec:04`).
///
/// NUMBER is digits in dot-separated groups ("3.09.10", "20").
public enum ExplicitTarget: Sendable, Hashable {
    /// A whole code.
    case code(String)
    /// An article (or point) of a code.
    case article(code: String, number: String)
    /// A section of a code.
    case section(code: String, number: String)
    /// A recommendation.
    case recommendation(Int)
    /// A `code:` or `rec:` destination that does not follow the syntax.
    case malformed(String)
}
