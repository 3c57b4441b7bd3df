/// The language of a page and of its search index; each language has its own
/// stemmer, stop words and index directory (`search/fr/`, `search/en/`).
public enum SearchLanguage: String, Sendable, CaseIterable {
    case fr, en
}
