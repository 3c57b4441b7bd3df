/// How serious a citation problem is.
public enum CitationProblemSeverity: String, Sendable, Hashable {
    /// The build must fail.
    case error
    /// The build goes on; the author should look.
    case warning
}
