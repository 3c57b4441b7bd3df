/// The code named right after (or right before) a citation.
public enum NamedCode: Sendable, Hashable {
    /// A code of the portal, by id, named through the vocabulary's code names.
    case code(String)
    /// "ce code", "du présent code", "this code": the code of the current article.
    case thisCode
}
