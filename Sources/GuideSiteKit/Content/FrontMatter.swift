/// Splits a Markdown file into its YAML front matter and its body.
///
/// The front matter starts on the first line, which is exactly `---`, and ends at the next line
/// that is exactly `---` (or `...`). A `---` further down the body is a thematic break, not a
/// delimiter. Line numbers are kept so diagnostics point into the `.md` file.
public struct FrontMatter: Sendable, Equatable {
    /// The YAML text between the delimiters.
    public var yaml: String
    /// How many lines precede the YAML in the file (1: the opening `---`).
    public var yamlLineOffset: Int
    /// The Markdown after the closing delimiter.
    public var body: String
    /// How many lines precede the body in the file.
    public var bodyLineOffset: Int

    /// What can be wrong with a file's front matter.
    public enum Problem: Error, Equatable, Sendable {
        /// The file does not start with `---`.
        case missing
        /// No closing `---` line after the opening one.
        case unterminated
    }

    /// Splits `text` (LF line ends).
    public static func split(_ text: String) -> Result<FrontMatter, Problem> {
        let utf8 = text.utf8
        guard utf8.starts(with: "---".utf8) else { return .failure(.missing) }
        var index = utf8.index(utf8.startIndex, offsetBy: 3)
        // the opening line must be exactly '---' (trailing spaces tolerated)
        while index < utf8.endIndex, utf8[index] == UInt8(ascii: " ") || utf8[index] == UInt8(ascii: "\t") {
            index = utf8.index(after: index)
        }
        guard index < utf8.endIndex, utf8[index] == UInt8(ascii: "\n") else {
            return index == utf8.endIndex ? .failure(.unterminated) : .failure(.missing)
        }
        let yamlStart = utf8.index(after: index)
        var lineStart = yamlStart
        var line = 1  // lines before the current one
        while lineStart < utf8.endIndex {
            var lineEnd = lineStart
            while lineEnd < utf8.endIndex, utf8[lineEnd] != UInt8(ascii: "\n") { lineEnd = utf8.index(after: lineEnd) }
            let content = text[lineStart..<lineEnd]
            let trimmed = content.utf8.last == UInt8(ascii: " ") ? Substring(content.trimmingCharacters(in: .whitespaces)) : content
            if trimmed == "---" || trimmed == "..." {
                let yaml = String(text[yamlStart..<lineStart])
                let bodyStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
                return .success(FrontMatter(yaml: yaml, yamlLineOffset: 1, body: String(text[bodyStart...]),
                                            bodyLineOffset: line + 1))
            }
            line += 1
            lineStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
        }
        return .failure(.unterminated)
    }
}

import Foundation
