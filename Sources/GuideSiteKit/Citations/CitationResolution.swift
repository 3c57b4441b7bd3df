/// The outcome of resolving citations: the targets to link and the problems
/// to report.
public struct CitationResolution: Sendable, Hashable {
    /// The resolved targets, in text order.
    public var targets: [ResolvedCitationTarget]
    /// The problems, in text order.
    public var problems: [CitationProblem]

    /// Creates a resolution.
    public init(targets: [ResolvedCitationTarget] = [], problems: [CitationProblem] = []) {
        self.targets = targets
        self.problems = problems
    }

    /// Appends the targets and problems of `other`.
    public mutating func append(_ other: CitationResolution) {
        targets.append(contentsOf: other.targets)
        problems.append(contentsOf: other.problems)
    }
}
