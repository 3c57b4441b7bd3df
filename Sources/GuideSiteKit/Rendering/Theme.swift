import Foundation
import Yams

/// A theme: Mustache templates, interface text per language, and assets to copy.
///
/// Loading checks what a Mustache engine would otherwise let pass silently: every page template
/// guidesite needs must exist, and every partial or parent a template names must exist too.
public struct Theme: Sendable {
    /// The templates guidesite renders pages with; a theme must provide each.
    public static let pageTemplates = [
        "home", "article", "articles", "recommendation", "recommendations", "code", "codes", "provision",
        "tag", "tags", "profession", "professions", "correspondence", "search", "not-found",
    ]

    public var folder: URL
    public var library: TemplateLibrary
    /// Interface strings by language (`cited_in` → `Cité dans`), with month names.
    public var locales: [String: Locale]
    /// Files under `assets/`, as (path relative to the theme's assets folder, file URL), sorted.
    public var assets: [(path: String, url: URL)]

    /// Interface text of one language.
    public struct Locale: Sendable {
        public var strings: [String: String]
        public var months: [String]
        /// `{day} {month} {year}` or `{month} {day}, {year}`.
        public var dateFormat: String
        /// How the first day of a month is written (`1er` in French).
        public var firstDay: String?

        /// A date as a person of this language writes it: `23 novembre 2026`, `November 23, 2026`.
        public func format(_ date: ContentDate) -> String {
            let month = months.indices.contains(date.month - 1) ? months[date.month - 1] : String(date.month)
            let day = date.day == 1 ? (firstDay ?? "1") : String(date.day)
            // Each placeholder is replaced wherever it is, in one pass (this runs for every card of every list).
            var out = ""
            var rest = dateFormat[...]
            while let open = rest.firstIndex(of: "{") {
                out += rest[..<open]
                let tail = rest[open...]
                if tail.hasPrefix("{day}") {
                    out += day
                    rest = tail.dropFirst(5)
                } else if tail.hasPrefix("{month}") {
                    out += month
                    rest = tail.dropFirst(7)
                } else if tail.hasPrefix("{year}") {
                    out += String(date.year)
                    rest = tail.dropFirst(6)
                } else {
                    out += "{"
                    rest = tail.dropFirst()
                }
            }
            return out + rest
        }

        public subscript(_ key: String) -> String { strings[key] ?? key }
    }

    /// Loads a theme folder; problems are diagnostics (a missing template, a syntax error, a missing partial).
    public static func load(from folder: URL, displayBase: URL, languages: [String]) -> (Theme?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func display(_ url: URL) -> String {
            SourceLocation.displayPath(url.standardizedFileURL.path, relativeTo: displayBase)
        }
        let templatesFolder = folder.appendingPathComponent("templates", isDirectory: true)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: templatesFolder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.append(.error("theme has no 'templates' folder", at: SourceLocation(file: display(folder))))
            return (nil, diagnostics)
        }
        var templates: [String: Template] = [:]
        var texts: [String: (String, String)] = [:]  // name → (display path, text)
        for url in files(under: templatesFolder) where url.pathExtension == "mustache" {
            let relative = String(url.standardizedFileURL.path.dropFirst(templatesFolder.standardizedFileURL.path.count + 1))
            let name = String(relative.dropLast(".mustache".count))
            let path = display(url)
            guard let file = SourceFile.read(url: url, displayPath: path, diagnostics: &diagnostics) else { continue }
            do {
                templates[name] = try Template(file.text)
                texts[name] = (path, file.text)
            } catch {
                diagnostics.append(.error("template syntax error: \(error.message)",
                                          at: SourceLocation(file: path, line: error.line, column: error.column)))
            }
        }
        for name in pageTemplates where templates[name] == nil && texts[name] == nil {
            if !diagnostics.contains(where: { $0.location?.file.hasSuffix("/\(name).mustache") ?? false }) {
                diagnostics.append(.error("theme is missing the template '\(name).mustache'", at: SourceLocation(file: display(templatesFolder))))
            }
        }
        for (name, (path, text)) in texts.sorted(by: { $0.key < $1.key }) {
            for reference in partialReferences(in: text) where templates[reference.name] == nil {
                diagnostics.append(.error("template '\(name)' uses '\(reference.name)', which the theme does not have",
                                          at: SourceLocation(file: path, line: reference.line, column: reference.column)))
            }
        }
        var locales: [String: Locale] = [:]
        for language in languages {
            let url = folder.appendingPathComponent("locales/\(language).yaml")
            guard FileManager.default.fileExists(atPath: url.path) else {
                diagnostics.append(.error("theme has no interface text for language '\(language)' (locales/\(language).yaml)",
                                          at: SourceLocation(file: display(folder))))
                continue
            }
            if let locale = loadLocale(url, display: display(url), &diagnostics) { locales[language] = locale }
        }
        let assetsFolder = folder.appendingPathComponent("assets", isDirectory: true)
        let assetPrefix = assetsFolder.standardizedFileURL.path.count + 1
        let assets = files(under: assetsFolder).map { (String($0.standardizedFileURL.path.dropFirst(assetPrefix)), $0) }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        return (Theme(folder: folder, library: TemplateLibrary(templates: templates), locales: locales, assets: assets), diagnostics)
    }

    private static func loadLocale(_ url: URL, display: String, _ diagnostics: inout [Diagnostic]) -> Locale? {
        guard let file = SourceFile.read(url: url, displayPath: display, diagnostics: &diagnostics) else { return nil }
        var reader = YAMLReader(file: display)
        defer { diagnostics += reader.diagnostics }
        guard let mapping = reader.mapping(reader.compose(file.text), what: "a locale file") else { return nil }
        var strings: [String: String] = [:]
        for (key, value) in mapping.pairs {
            guard let name = key.string else { continue }
            if case let .scalar(s) = value { strings[name] = s.string }
        }
        let months = reader.stringList(mapping, "months", what: "the locale")
        if months.count != 12 {
            reader.diagnostics.append(.error("'months' must list the twelve month names", at: reader.location(of: mapping["months"] ?? mapping.node)))
        }
        return Locale(strings: strings, months: months, dateFormat: strings["date_format"] ?? "{day} {month} {year}",
                      firstDay: strings["first_day"])
    }

    /// Regular files under a folder, recursively, sorted by path; hidden files skipped.
    static func files(under folder: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles]) else { return [] }
        var out: [URL] = []
        for case let url as URL in enumerator {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { out.append(url) }
        }
        return out.sorted { $0.path < $1.path }
    }

    /// Every `{{>name}}` and `{{<name}}` of a template, with its line and column.
    static func partialReferences(in text: String) -> [(name: String, line: Int, column: Int)] {
        var out: [(String, Int, Int)] = []
        let bytes = Array(text.utf8)
        var line = 1, lineStart = 0, i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\n") {
                line += 1
                lineStart = i + 1
            } else if bytes[i] == UInt8(ascii: "{"), i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "{"),
                      bytes[i + 2] == UInt8(ascii: ">") || bytes[i + 2] == UInt8(ascii: "<") {
                var j = i + 3
                while j < bytes.count, bytes[j] != UInt8(ascii: "}") { j += 1 }
                let name = String(decoding: bytes[(i + 3)..<j], as: UTF8.self).trimmingCharacters(in: .whitespaces)
                if !name.isEmpty, !name.hasPrefix("*") { out.append((name, line, i - lineStart + 1)) }
                i = j
                continue
            }
            i += 1
        }
        return out
    }

    /// Renders a page template with a context, as UTF-8 bytes.
    public func render(_ template: String, _ context: TemplateObject) throws(TemplateRenderError) -> [UInt8] {
        try library.rendering(template, context)
    }
}
