/// What a citation points at, decided by its introducer word.
public enum CitationKind: Sendable, Hashable {
    /// Articles (or points) of a code: "article 3.09.10", "points 6.1.6 et 12.1.4".
    case codeArticle
    /// Sections (divisions, chapters) of a code: "chapitre 6", "ch. 6".
    case codeSection
    /// Recommendations of the portal: "recommandation 4".
    case recommendation
}
