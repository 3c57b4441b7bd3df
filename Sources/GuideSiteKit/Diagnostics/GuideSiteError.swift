/// A problem that stops guidesite before or outside the content: usage, I/O, unsafe folders.
///
/// Content problems are ``Diagnostic`` values, collected and reported all at once;
/// a `GuideSiteError` is thrown and ends the command with exit status 2.
public enum GuideSiteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file or folder that must exist does not.
    case missing(path: String, what: String)
    /// Reading failed.
    case unreadable(path: String, reason: String)
    /// Writing failed.
    case unwritable(path: String, reason: String)
    /// The output folder would overwrite or contain the user's sources.
    case unsafeOutput(path: String, reason: String)
    /// The content has errors: they were reported as diagnostics.
    case contentHasErrors(errors: Int, warnings: Int)

    public var description: String {
        switch self {
        case let .missing(path, what): "error: \(what) not found at '\(path)'"
        case let .unreadable(path, reason): "error: cannot read '\(path)': \(reason)"
        case let .unwritable(path, reason): "error: cannot write '\(path)': \(reason)"
        case let .unsafeOutput(path, reason): "error: refusing to write the site into '\(path)': \(reason)"
        case let .contentHasErrors(errors, warnings):
            "error: the build failed with \(errors) error\(errors == 1 ? "" : "s") and \(warnings) warning\(warnings == 1 ? "" : "s"); the previous output was left untouched"
        }
    }
}
