/// The site's ``CitationFinding``: explicit `code:`/`rec:` links checked against the
/// ``ProvisionDirectory``, and plain-text citations found by the citation scanner.
public struct CitationEngine: CitationFinding {
    public var directory: ProvisionDirectory

    public init(directory: ProvisionDirectory, site: SiteConfiguration) {
        self.directory = directory
    }

    public func resolveLink(_ destination: String, defaultCode: String?) -> LinkResolution? {
        guard let parsed = ExplicitLinkParser.parse(destination) else { return nil }
        switch parsed {
        case let .failure(error):
            return .problem(error.description)
        case let .success(key):
            if let problem = directory.problem(with: key) { return .problem(problem) }
            return .target(key)
        }
    }

    public func citations(in text: String, defaultCode: String?) -> [FoundCitation] {
        []
    }
}
