/// A guidance article: one Markdown file under `Content/articles/`.
public struct GuidanceArticle: Sendable {
    /// Where the file is, for diagnostics.
    public var location: SourceLocation
    /// The URL name: the file name unless the front matter sets `slug`.
    public var slug: String
    public var title: String
    public var date: ContentDate
    public var updated: ContentDate?
    public var summary: String
    public var tags: [String]
    public var professions: [String]
    /// The code of ethics that bare citations in this article refer to.
    public var codeID: String?
    /// Where the `code` field is written, for diagnostics about it.
    public var codeLocation: SourceLocation?
    public var language: String
    public var isDraft: Bool
    /// Links translations of one text: the French file's slug unless set.
    public var translationKey: String
    /// The Markdown after the front matter.
    public var body: String
    /// Lines before the body in the file (to turn Markdown lines into file lines).
    public var bodyLineOffset: Int
}

/// A recommendation: one YAML file under `Content/recommendations/`.
public struct Recommendation: Sendable {
    public var location: SourceLocation
    public var number: Int
    public var title: String
    public var summary: String
    /// Markdown, with where it starts in the YAML file.
    public var body: MarkdownField
    public var dos: [MarkdownField]
    public var donts: [MarkdownField]
    /// Related provisions listed by the author (`dentistes 3.09.10`).
    public var relatedProvisions: [ProvisionReference]
    public var language: String
}

/// A piece of Markdown stored in a YAML field, with the place where its text starts.
public struct MarkdownField: Sendable {
    public var text: String
    public var location: SourceLocation
    /// Columns its lines after the first are indented by in the file (a YAML block scalar's).
    public var indentation: Int

    public init(text: String, location: SourceLocation, indentation: Int = 0) {
        self.text = text
        self.location = location
        self.indentation = indentation
    }
}

/// A reference to a provision written as data (`dentistes 3.09.10`), with where it was written.
public struct ProvisionReference: Sendable, Hashable {
    public var codeID: String
    public var number: String
    public var location: SourceLocation
}

/// A code of ethics: one YAML file under `Content/codes/`, article by article.
public struct EthicsCode: Sendable {
    public var location: SourceLocation
    public var id: String
    public var title: String
    public var shortTitle: String
    /// The official citation, e.g. `RLRQ, c. D-3, r. 4`.
    public var citation: String
    /// Other names authors use for this code in running text.
    public var aliases: [String]
    public var profession: String
    public var sourceURL: String?
    /// Extra words that introduce its articles (`point`, `règle`).
    public var articleWords: [String]
    public var sections: [Section]
    public var articles: [Article]
    public var language: String

    /// A division of a code (`3.09 Publicité`).
    public struct Section: Sendable {
        public var number: String
        public var title: String
        public var location: SourceLocation
    }

    /// One provision of a code.
    public struct Article: Sendable {
        public var number: String
        public var title: String
        /// A summary in Markdown (never the official text).
        public var text: MarkdownField
        public var section: String?
        public var location: SourceLocation
    }
}
