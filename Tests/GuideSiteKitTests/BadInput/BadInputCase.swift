import Foundation
import Testing
@testable import GuideSiteKit

/// One case of the bad-input corpus: a folder `Tests/Fixtures/bad-inputs/<name>/` holding the files
/// that make the input bad, and `expected.txt`, which says what the build must answer.
///
/// `expected.txt` is `key: value` lines (`#` starts a comment):
///
/// | key | meaning |
/// | --- | --- |
/// | `about` | what the case is, in one line |
/// | `exit` | the exit status of `guidesite build`: 0 built, 1 content errors, 2 usage or I/O |
/// | `diagnostic` | a diagnostic line the build must print, exactly (repeatable) |
/// | `errors` | how many errors exactly (optional; catches a case that reports too much or twice) |
/// | `message` | for exit 2, the whole error line; `{SITE}` stands for the site's folder |
/// | `remove` | a path (relative to the site folder) removed before the build (repeatable) |
/// | `generate` | a generator of ``BadInputGenerators`` for inputs not worth committing (repeatable) |
/// | `output` | the output folder, relative to the site folder (default `Output`) |
/// | `content` | where the content folder is, relative to the site folder (default `Content`) |
/// | `page` | for exit 0, a file that must be in the output afterwards (repeatable) |
/// | `needs-fix` | the sources answer wrongly today: what is wrong; the case runs as a known issue |
///
/// The case's other files are laid over a copy of `bad-inputs/_base/` (a small valid site, with a
/// `Content/` folder) and a copy of `Themes/default` at `Themes/default`, so paths in diagnostics
/// read `Content/articles/x.md`, as an author sees them.
struct BadInputCase: CustomTestStringConvertible, Sendable {
    var name: String
    var folder: URL
    var about = ""
    var exit = 1
    var diagnostics: [String] = []
    var errors: Int?
    var message: String?
    var removals: [String] = []
    var generators: [String] = []
    var output = "Output"
    var content = "Content"
    var pages: [String] = []
    var needsFix: String?

    var testDescription: String { name }

    static let corpus = Repository.fixtures.appendingPathComponent("bad-inputs")

    /// Every case of the corpus, sorted by name (folders starting with `_` are shared parts).
    static func all() -> [BadInputCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return names.filter { !$0.hasPrefix("_") && !$0.hasPrefix(".") }.sorted().compactMap { name in
            try? BadInputCase(name: name)
        }
    }

    init(name: String) throws {
        self.name = name
        folder = Self.corpus.appendingPathComponent(name, isDirectory: true)
        let text = try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw ManifestError(message: "\(name)/expected.txt: '\(line)' is not 'key: value'")
            }
            let key = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "about": about = value
            case "exit": exit = Int(value) ?? -1
            case "diagnostic": diagnostics.append(value)
            case "errors": errors = Int(value)
            case "message": message = value
            case "remove": removals.append(value)
            case "generate": generators.append(value)
            case "output": output = value
            case "content": content = value
            case "page": pages.append(value)
            case "needs-fix": needsFix = value
            default: throw ManifestError(message: "\(name)/expected.txt: unknown key '\(key)'")
            }
        }
    }

    /// The files the case lays over the base site (everything but `expected.txt`), relative paths.
    func overlayFiles() -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey]) else { return [] }
        var out: [String] = []
        let prefix = folder.standardizedFileURL.path.count + 1
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            guard values?.isRegularFile == true || values?.isSymbolicLink == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(prefix))
            if relative != "expected.txt" { out.append(relative) }
        }
        return out.sorted()
    }
}

struct ManifestError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
