import Foundation

/// What the preview server serves at one moment: the last good site and the last build's outcome.
public struct PreviewSnapshot: Sendable, Equatable {
    /// How many builds have finished, successful or not; pages reload when it changes.
    public var generation: Int
    /// The folder of the last successful build; nil until one succeeds.
    public var siteRoot: URL?
    /// The diagnostics of the last build if it failed; nil if it succeeded.
    public var failure: [Diagnostic]?
    /// Whether the server is shutting down (waiting clients are answered at once).
    public var isStopping: Bool

    public init(generation: Int = 0, siteRoot: URL? = nil, failure: [Diagnostic]? = nil, isStopping: Bool = false) {
        self.generation = generation
        self.siteRoot = siteRoot
        self.failure = failure
        self.isStopping = isStopping
    }

    /// `{"generation": 3, "ok": false, "errors": 2, "warnings": 0}`: what `/__guidesite/events` answers.
    public var json: String {
        let errors = failure?.errorCount ?? 0, warnings = failure?.warningCount ?? 0
        return "{\"generation\": \(generation), \"ok\": \(failure == nil && siteRoot != nil), \"errors\": \(errors), "
            + "\"warnings\": \(warnings), \"stopping\": \(isStopping)}\n"
    }
}
