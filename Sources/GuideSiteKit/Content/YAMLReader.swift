import Foundation
import Yams

/// Reads a YAML document node by node, reporting every problem at its `file:line:column`.
///
/// Front matter sits a few lines into its `.md` file: `lineOffset` moves YAML's line numbers
/// to the file's. Type errors, missing and unknown keys all become ``Diagnostic`` values.
struct YAMLReader {
    let file: String
    let lineOffset: Int
    var diagnostics: [Diagnostic] = []
    /// The lines of the text composed, to find where a block scalar's text starts.
    private var lines: [Substring] = []

    init(file: String, lineOffset: Int = 0) {
        self.file = file
        self.lineOffset = lineOffset
    }

    func location(of node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file, line: lineOffset + 1, column: 1) }
        return SourceLocation(file: file, line: mark.line + lineOffset, column: byteColumn(line: mark.line, column: mark.column))
    }

    /// libyaml counts columns in characters (code points); diagnostics count UTF-8 bytes, as cmark does.
    func byteColumn(line: Int, column: Int) -> Int {
        guard line >= 1, line <= lines.count, column > 1 else { return column }
        let scalars = lines[line - 1].unicodeScalars
        var bytes = 0
        var count = 0
        for scalar in scalars {
            if count == column - 1 { break }
            bytes += UTF8.width(scalar)
            count += 1
        }
        return bytes + (column - 1 - count) + 1
    }

    /// How plain scalars get their tags: only booleans (`true`, `no`…), the one implicit type
    /// the reader asks for (``bool(_:_:)``); every other value is read from its text. Each rule is
    /// a regular expression matched against every plain scalar: Yams' default seven cost more
    /// than parsing the YAML.
    static let resolver = Resolver.basic.appending(.bool)

    /// Parses YAML text into a node, or reports the syntax error at its place.
    mutating func compose(_ text: String) -> Node? {
        // Split on the UTF-8 bytes (by characters, it cost a fifth of composing); a text with a
        // carriage return (only one given directly: loading makes line feeds) by characters.
        lines = text.containsUTF8Byte(0x0D) ? text.split(separator: "\n", omittingEmptySubsequences: false)
            : text.linesSplitAtLineFeeds()
        do {
            // The encoding given: its default reads the process environment on every call.
            return try Yams.compose(yaml: text, Self.resolver, .default, .utf8)
        } catch let YamlError.duplicatedKeysInMapping(duplicates, _) {
            for key in duplicates.sorted() {
                let line = Self.lineOfRepeatedKey(key, in: text)
                diagnostics.append(.error("duplicate field '\(key)'", at: SourceLocation(file: file, line: line + lineOffset, column: 1)))
            }
            return nil
        } catch let error as YamlError {
            diagnostics.append(.error(Self.describe(error), at: Self.mark(of: error).map {
                SourceLocation(file: file, line: $0.line + lineOffset, column: byteColumn(line: $0.line, column: $0.column))
            } ?? SourceLocation(file: file, line: lineOffset + 1)))
            return nil
        } catch {
            diagnostics.append(.error("invalid YAML: \(error)", at: SourceLocation(file: file, line: lineOffset + 1)))
            return nil
        }
    }

    /// The line (from 1) where `key:` appears for the second time, or 1.
    static func lineOfRepeatedKey(_ key: String, in text: String) -> Int {
        var seen = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix(key), trimmed.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":") {
                seen += 1
                if seen == 2 { return index + 1 }
            }
        }
        return 1
    }

    private static func mark(of error: YamlError) -> Mark? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return mark
        default:
            return nil
        }
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, _, _), let .parser(context, problem, _, _), let .composer(context, problem, _, _):
            let detail = context.map { "\($0.text) " } ?? ""
            return "invalid YAML: \(detail)\(problem)".replacingOccurrences(of: "  ", with: " ")
        default:
            return "invalid YAML: \(error)"
        }
    }

    /// The top-level mapping, or an error if the document is something else.
    mutating func mapping(_ node: Node?, what: String) -> YAMLMapping? {
        guard let node else {
            return YAMLMapping(pairs: [], node: nil)
        }
        guard case let .mapping(mapping) = node else {
            diagnostics.append(.error("\(what) must be a mapping of 'key: value' lines", at: location(of: node)))
            return nil
        }
        return YAMLMapping(pairs: Array(mapping), node: node)
    }

    /// Warns about keys that are not part of the format.
    mutating func warnUnknownKeys(_ mapping: YAMLMapping, known: Set<String>, what: String) {
        for (key, _) in mapping.pairs {
            guard let name = key.string else { continue }
            if !known.contains(name) {
                let hint = Self.closest(to: name, in: known).map { " (did you mean '\($0)'?)" } ?? ""
                diagnostics.append(.warning("unknown field '\(name)' in \(what)\(hint)", at: location(of: key)))
            }
        }
    }

    /// Reports keys that appear twice in one mapping (YAML forbids it; libyaml lets it pass).
    mutating func rejectDuplicateKeys(_ mapping: YAMLMapping) {
        var seen: Set<String> = []
        for (key, _) in mapping.pairs {
            guard let name = key.string else { continue }
            if !seen.insert(name).inserted {
                diagnostics.append(.error("duplicate field '\(name)'", at: location(of: key)))
            }
        }
    }

    private static func closest(to word: String, in candidates: Set<String>) -> String? {
        candidates
            .map { ($0, EditDistance.between(word, $0)) }
            .filter { $0.1 <= 2 }
            .min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    // MARK: Typed values

    /// A text that is either one string (the default language's) or a mapping by language
    /// (`title: { fr: "…", en: "…" }`); returns the default text and the others by language.
    mutating func translatedString(_ mapping: YAMLMapping, _ key: String, required: Bool = false, what: String,
                                   languages: [String]) -> (String?, [String: String]) {
        guard let node = mapping[key], case .mapping = node else {
            return (string(mapping, key, required: required, what: what), [:])
        }
        guard let texts = self.mapping(node, what: "'\(key)'") else { return (nil, [:]) }
        var byLanguage: [String: String] = [:]
        for (name, _) in texts.pairs {
            guard let lang = name.string else { continue }
            if !languages.contains(lang) {
                diagnostics.append(.error("'\(key)' has a text in '\(lang)', which is not one of the site's languages (\(languages.joined(separator: ", ")))",
                                          at: location(of: name)))
            } else if let text = string(texts, lang, required: true, what: "'\(key)'") {
                byLanguage[lang] = text
            }
        }
        guard let first = languages.first, let main = byLanguage.removeValue(forKey: first) else {
            if required { diagnostics.append(.error("'\(key)' needs a text in the site's language '\(languages.first ?? "fr")'", at: location(of: node))) }
            return (nil, byLanguage)
        }
        return (main, byLanguage)
    }

    mutating func string(_ mapping: YAMLMapping, _ key: String, required: Bool = false, what: String) -> String? {
        guard let node = mapping[key] else {
            if required { missing(key, in: mapping, what: what) }
            return nil
        }
        guard case let .scalar(scalar) = node else {
            diagnostics.append(.error("field '\(key)' must be text, not a \(Self.shape(of: node))", at: location(of: node)))
            return nil
        }
        if required && scalar.string.trimmingWhitespace().isEmpty {
            diagnostics.append(.error("field '\(key)' must not be empty", at: location(of: node)))
            return nil
        }
        return scalar.string
    }

    mutating func bool(_ mapping: YAMLMapping, _ key: String) -> Bool? {
        guard let node = mapping[key] else { return nil }
        if let value = node.bool, case .scalar = node { return value }
        diagnostics.append(.error("field '\(key)' must be true or false", at: location(of: node)))
        return nil
    }

    mutating func int(_ mapping: YAMLMapping, _ key: String, required: Bool = false, what: String) -> Int? {
        guard let node = mapping[key] else {
            if required { missing(key, in: mapping, what: what) }
            return nil
        }
        if case let .scalar(scalar) = node, let value = Int(scalar.string.trimmingWhitespace()) {
            return value
        }
        diagnostics.append(.error("field '\(key)' must be a whole number", at: location(of: node)))
        return nil
    }

    mutating func date(_ mapping: YAMLMapping, _ key: String, required: Bool = false, what: String) -> ContentDate? {
        guard let text = string(mapping, key, required: required, what: what) else { return nil }
        if let date = ContentDate(text) { return date }
        diagnostics.append(.error("field '\(key)' must be a date written YYYY-MM-DD, not '\(text)'",
                                  at: location(of: mapping[key])))
        return nil
    }

    /// A list of text; a single text value is accepted as a list of one.
    mutating func stringList(_ mapping: YAMLMapping, _ key: String, required: Bool = false, what: String) -> [String] {
        guard let node = mapping[key] else {
            if required { missing(key, in: mapping, what: what) }
            return []
        }
        return stringList(node, key: key)
    }

    mutating func stringList(_ node: Node, key: String) -> [String] {
        switch node {
        case let .scalar(scalar):
            return scalar.string.isEmpty ? [] : [scalar.string]
        case let .sequence(sequence):
            var values: [String] = []
            for item in sequence {
                if case let .scalar(scalar) = item {
                    values.append(scalar.string)
                } else {
                    diagnostics.append(.error("each item of '\(key)' must be text", at: location(of: item)))
                }
            }
            return values
        case .mapping, .alias:
            diagnostics.append(.error("field '\(key)' must be a list", at: location(of: node)))
            return []
        }
    }

    /// A list of mappings, each handed to `body`.
    mutating func mappingList(_ mapping: YAMLMapping, _ key: String, what: String) -> [YAMLMapping] {
        guard let node = mapping[key] else { return [] }
        guard case let .sequence(sequence) = node else {
            diagnostics.append(.error("field '\(key)' must be a list", at: location(of: node)))
            return []
        }
        var out: [YAMLMapping] = []
        for item in sequence {
            if case let .mapping(m) = item {
                out.append(YAMLMapping(pairs: Array(m), node: item))
            } else {
                diagnostics.append(.error("each item of '\(key)' must be a mapping of 'key: value' lines", at: location(of: item)))
            }
        }
        return out
    }

    mutating func missing(_ key: String, in mapping: YAMLMapping, what: String) {
        diagnostics.append(.error("missing required field '\(key)' in \(what)", at: location(of: mapping.node)))
    }

    /// The Markdown of a scalar with the place its text starts: inside the quotes of a quoted
    /// scalar, on the line after the indicator of a block scalar (`|`, `>`), whose lines share
    /// one indentation.
    func markdownField(_ node: Node?, text: String) -> MarkdownField {
        guard let node else { return MarkdownField(text: text, location: location(of: nil)) }
        let loc = location(of: node)
        guard case let .scalar(scalar) = node else { return MarkdownField(text: text, location: loc) }
        switch scalar.style {
        case .literal, .folded:
            // The first non-blank line after the indicator gives the indentation.
            var yamlLine = loc.line - lineOffset + 1
            while yamlLine <= lines.count, lines[yamlLine - 1].allSatisfy(\.isWhitespace) { yamlLine += 1 }
            let indentation = yamlLine <= lines.count ? lines[yamlLine - 1].prefix { $0 == " " }.count : 0
            return MarkdownField(text: text, location: SourceLocation(file: file, line: loc.line + 1, column: indentation + 1),
                                 indentation: indentation)
        case .singleQuoted, .doubleQuoted:
            return MarkdownField(text: text, location: SourceLocation(file: file, line: loc.line, column: loc.column + 1))
        default:
            return MarkdownField(text: text, location: loc)
        }
    }

    static func shape(of node: Node) -> String {
        switch node {
        case .scalar: "text"
        case .mapping: "mapping"
        case .sequence: "list"
        case .alias: "alias"
        }
    }
}

/// The key/value pairs of one YAML mapping, in file order.
struct YAMLMapping {
    var pairs: [(Node, Node)]
    var node: Node?

    subscript(key: String) -> Node? {
        pairs.first { $0.0.string == key }?.1
    }
}
