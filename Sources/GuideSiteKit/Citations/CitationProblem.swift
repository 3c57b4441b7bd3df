/// A problem found while resolving a citation, tied to the text it concerns.
public struct CitationProblem: Sendable, Hashable {
    /// What is wrong.
    public var kind: CitationProblemKind
    /// The UTF-8 byte range of the text concerned (a number, a range, a link
    /// destination).
    public var byteRange: Range<Int>

    /// Creates a problem.
    public init(kind: CitationProblemKind, byteRange: Range<Int>) {
        self.kind = kind
        self.byteRange = byteRange
    }

    /// Errors fail the build; an ambiguous number is only a warning.
    public var severity: CitationProblemSeverity {
        if case .ambiguousNumber = kind { return .warning }
        return .error
    }

    /// A compiler-style message in English, without the `file:line:column:
    /// error:` prefix.
    public var message: String {
        switch kind {
        case .unknownArticle(let number, let code):
            return "unknown article \(number) of code '\(code)'"
        case .unknownSection(let number, let code):
            return "unknown section \(number) of code '\(code)'"
        case .unknownRecommendation(let number):
            return "unknown recommendation \(number)"
        case .ambiguousNumber(let number, let candidates):
            let codes = candidates.map { "'\($0)'" }.joined(separator: ", ")
            return "ambiguous number \(number): it exists in codes \(codes); not linked "
                + "(name the code after the number or set 'code' in the front matter)"
        case .numberInNoCode(let number):
            return "number \(number) exists in no code"
        case .invalidRange(let from, let to, let reason):
            return "invalid range \(from) to \(to): \(reason)"
        case .unknownCode(let code):
            return "unknown code '\(code)'"
        case .malformedLinkTarget(let destination):
            return "malformed link target '\(destination)' "
                + "(expected code:ID, code:ID/NUMBER, code:ID/section/NUMBER or rec:NUMBER)"
        }
    }
}
