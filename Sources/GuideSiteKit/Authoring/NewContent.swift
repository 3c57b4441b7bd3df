/// A piece of content an author asks `guidesite new` to start.
public enum NewContent: Sendable, Equatable {
    /// A guidance article, `articles/<slug>.md`, in the site's default language.
    case article(title: String)
    /// A recommendation with the next free number, `recommendations/NN-<slug>.yaml`.
    case recommendation(title: String)
    /// A code of ethics, `codes/<id>.yaml`.
    case code(id: String, title: String)

    /// The title the author gave.
    public var title: String {
        switch self {
        case let .article(title), let .recommendation(title), let .code(_, title): title
        }
    }

    /// The content subfolder the file goes into.
    public var folder: String {
        switch self {
        case .article: "articles"
        case .recommendation: "recommendations"
        case .code: "codes"
        }
    }
}

/// A file `guidesite new` is about to write: where, under the content folder, and what.
public struct ScaffoldedFile: Sendable, Equatable {
    /// The path relative to the content folder, e.g. `articles/usage-des-courriels.md`.
    public var relativePath: String
    /// The whole text of the file.
    public var text: String

    public init(relativePath: String, text: String) {
        self.relativePath = relativePath
        self.text = text
    }
}

/// Why `guidesite new` wrote nothing. Each ends the command with exit status 2.
public enum AuthoringError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file exists: `new` never overwrites.
    case alreadyExists(path: String)
    /// The title is empty, spans several lines or holds control characters.
    case invalidTitle(reason: String)
    /// The title folds to an empty slug (`"???"`).
    case emptySlug(title: String)
    /// The code id is not a slug.
    case invalidCodeID(String)
    /// Another code file already has this id.
    case duplicateCodeID(id: String, path: String)
    /// Recommendations are numbered 1 to 99 and 99 is taken.
    case noFreeRecommendationNumber
    /// The content folder is missing or could not be written.
    case io(GuideSiteError)

    public var description: String {
        switch self {
        case let .alreadyExists(path):
            "error: '\(path)' already exists; guidesite new never overwrites a file (edit it, or choose another title)"
        case let .invalidTitle(reason):
            "error: invalid title: \(reason)"
        case let .emptySlug(title):
            "error: the title '\(title)' gives an empty file name: use letters or digits"
        case let .invalidCodeID(id):
            "error: code id '\(id)' may only contain lower-case letters, digits and hyphens (try '\(Slug.make(id))')"
        case let .duplicateCodeID(id, path):
            "error: code id '\(id)' is already used by '\(path)'"
        case .noFreeRecommendationNumber:
            "error: recommendations are numbered 1 to 99 and number 99 is already taken"
        case let .io(error):
            error.description
        }
    }
}
