/// What is wrong with a citation or an explicit link target.
public enum CitationProblemKind: Sendable, Hashable {
    /// The chosen code has no such article (a typo must never pass silently).
    case unknownArticle(number: String, code: String)
    /// The chosen code has no such section.
    case unknownSection(number: String, code: String)
    /// The portal has no such recommendation.
    case unknownRecommendation(number: String)
    /// No code is named and none is the default, and several codes have the
    /// number; nothing is linked.
    case ambiguousNumber(number: String, candidates: [String])
    /// No code is named and none is the default, and no code has the number.
    case numberInNoCode(number: String)
    /// A range whose ends are reversed or in different codes.
    case invalidRange(from: String, to: String, reason: String)
    /// A code id (named, default or in a link) that the catalog does not have.
    case unknownCode(String)
    /// A `code:` or `rec:` link destination that does not follow the syntax.
    case malformedLinkTarget(destination: String)
}
