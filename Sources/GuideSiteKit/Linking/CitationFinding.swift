/// Finds and resolves citations for the linker: the seam between Markdown and the citation engine.
public protocol CitationFinding: Sendable {
    /// The citations in one run of plain text, resolved against the site's codes and recommendations.
    /// - Parameters:
    ///   - text: text of one Markdown text node (never code, never link text).
    ///   - defaultCode: the citing document's `code` field.
    func citations(in text: String, defaultCode: String?) -> [FoundCitation]

    /// Resolves an explicit link destination such as `code:dentistes/3.09.10` or `rec:4`.
    /// - Returns: nil when the destination is not a provision link at all.
    func resolveLink(_ destination: String, defaultCode: String?) -> LinkResolution?
}

/// One citation found in a run of text: the spans that become links, and everything it cites.
public struct FoundCitation: Sendable, Hashable {
    /// A span of the text (UTF-8 byte offsets) that becomes a link to `target`.
    public struct LinkedSpan: Sendable, Hashable {
        public var range: Range<Int>
        public var target: ProvisionKey
        public init(range: Range<Int>, target: ProvisionKey) {
            self.range = range
            self.target = target
        }
    }

    /// A problem with the citation, at a byte offset of the text.
    public struct Problem: Sendable, Hashable {
        public var severity: Diagnostic.Severity
        public var message: String
        public var offset: Int
        public init(severity: Diagnostic.Severity, message: String, offset: Int) {
            self.severity = severity
            self.message = message
            self.offset = offset
        }
    }

    /// The whole citation's span (introducer through last number).
    public var range: Range<Int>
    public var links: [LinkedSpan]
    /// Every provision cited (a range cites each article in it).
    public var cited: [ProvisionKey]
    public var problems: [Problem]

    public init(range: Range<Int>, links: [LinkedSpan], cited: [ProvisionKey], problems: [Problem]) {
        self.range = range
        self.links = links
        self.cited = cited
        self.problems = problems
    }
}

/// What an explicit provision link resolves to.
public enum LinkResolution: Sendable, Hashable {
    case target(ProvisionKey)
    case problem(String)
}
