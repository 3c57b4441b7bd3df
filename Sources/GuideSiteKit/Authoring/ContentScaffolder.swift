import Foundation
import Yams

/// Starts new content files for authors: an article, a recommendation or a code, with valid
/// fields, a slug folded from the French title and (for articles) the given date.
///
/// The date is a parameter, never read from the clock here, so that tests are deterministic:
/// the command-line tool passes today's date. Nothing is ever overwritten.
public struct ContentScaffolder: Sendable {
    /// The content folder (it holds `site.yaml`).
    public var content: URL
    /// Where paths in messages are shown relative to.
    public var displayBase: URL

    /// Slugs longer than this are cut at a hyphen: file names and addresses stay readable.
    public static let maximumSlugLength = 60

    public init(content: URL, displayBase: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.content = content.standardizedFileURL
        self.displayBase = displayBase.standardizedFileURL
    }

    // MARK: Planning

    /// The file that ``create(_:date:)`` would write, without writing anything.
    ///
    /// - Throws: ``AuthoringError`` for a bad title or code id, a file that exists, a code id
    ///   already used, or no recommendation number left.
    public func plan(_ item: NewContent, date: ContentDate) throws -> ScaffoldedFile {
        try checkContentFolder()
        let title = try Self.checkedTitle(item.title)
        let slug = Self.slug(for: title)
        switch item {
        case .article:
            guard !slug.isEmpty else { throw AuthoringError.emptySlug(title: title) }
            let file = ScaffoldedFile(relativePath: "articles/\(slug).md", text: ScaffoldTemplates.article(title: title, date: date))
            try checkFree(file.relativePath)
            return file
        case .recommendation:
            guard !slug.isEmpty else { throw AuthoringError.emptySlug(title: title) }
            let number = (existingRecommendationNumbers().max() ?? 0) + 1
            guard number <= 99 else { throw AuthoringError.noFreeRecommendationNumber }
            let prefix = number < 10 ? "0\(number)" : "\(number)"
            let file = ScaffoldedFile(relativePath: "recommendations/\(prefix)-\(slug).yaml",
                                      text: ScaffoldTemplates.recommendation(number: number, title: title))
            try checkFree(file.relativePath)
            return file
        case let .code(id, _):
            guard Slug.isValid(id) else { throw AuthoringError.invalidCodeID(id) }
            let file = ScaffoldedFile(relativePath: "codes/\(id).yaml", text: ScaffoldTemplates.code(id: id, title: title))
            try checkFree(file.relativePath)
            if let other = codeFiles().first(where: { $0.id == id }) {
                throw AuthoringError.duplicateCodeID(id: id, path: displayPath(other.url))
            }
            return file
        }
    }

    /// Writes the new file, creating its folder if needed.
    ///
    /// - Returns: the file's URL.
    /// - Throws: ``AuthoringError``; the file is never overwritten, even if it appears meanwhile.
    @discardableResult
    public func create(_ item: NewContent, date: ContentDate) throws -> URL {
        let file = try plan(item, date: date)
        let url = content.appendingPathComponent(file.relativePath)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.text.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            if FileManager.default.fileExists(atPath: url.path) {
                throw AuthoringError.alreadyExists(path: displayPath(url))
            }
            throw AuthoringError.io(.unwritable(path: displayPath(url), reason: error.localizedDescription))
        }
        return url
    }

    // MARK: Checks

    /// The title trimmed, or why it cannot be one.
    static func checkedTitle(_ title: String) throws -> String {
        let trimmed = title.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw AuthoringError.invalidTitle(reason: "it is empty") }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw AuthoringError.invalidTitle(reason: "it must be one line, without control characters")
        }
        return trimmed
    }

    /// The slug of a title, cut at a hyphen to ``maximumSlugLength`` characters.
    public static func slug(for title: String) -> String {
        let slug = Slug.make(title)
        guard slug.count > maximumSlugLength else { return slug }
        let cut = slug.prefix(maximumSlugLength)
        if let hyphen = cut.lastIndex(of: "-") { return String(cut[..<hyphen]) }
        return String(cut)
    }

    private func checkContentFolder() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: content.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AuthoringError.io(.missing(path: displayPath(content), what: "content folder"))
        }
    }

    private func checkFree(_ relativePath: String) throws {
        let url = content.appendingPathComponent(relativePath)
        // `fileExists` follows links: a dangling link is "free" to it, but not to us.
        if FileManager.default.fileExists(atPath: url.path)
            || (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil {
            throw AuthoringError.alreadyExists(path: displayPath(url))
        }
    }

    /// A path as the user sees it: relative to ``displayBase`` when inside it.
    public func displayPath(_ url: URL) -> String {
        SourceLocation.displayPath(url.standardizedFileURL.path, relativeTo: displayBase)
    }

    // MARK: What is there

    private func yamlFiles(in folder: String) -> [URL] {
        let directory = content.appendingPathComponent(folder, isDirectory: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
            .sorted().map { directory.appendingPathComponent($0) }
    }

    /// The top-level mapping of a YAML file, or nil if it cannot be read or parsed.
    private func topLevel(of url: URL) -> Node.Mapping? {
        guard let data = FileManager.default.contents(atPath: url.path),
              let text = String(data: data, encoding: .utf8),
              let node = try? Yams.compose(yaml: text) else { return nil }
        return node.mapping
    }

    /// The numbers of the recommendations already there: their `number:` field, or the digits
    /// their file name starts with when the file cannot be read.
    func existingRecommendationNumbers() -> [Int] {
        yamlFiles(in: "recommendations").compactMap { url in
            if let number = topLevel(of: url)?["number"]?.int { return number }
            return Int(url.lastPathComponent.prefix { $0.isASCII && $0.isNumber })
        }
    }

    /// The code files in the default language (no `.en` suffix) and the id each declares
    /// (its `id:` field, or its file name). Translations share their original's id.
    func codeFiles() -> [(url: URL, id: String)] {
        yamlFiles(in: "codes").compactMap { url in
            let stem = url.deletingPathExtension().lastPathComponent
            guard !stem.contains(".") else { return nil }
            return (url, topLevel(of: url)?["id"]?.string ?? stem)
        }
    }
}
