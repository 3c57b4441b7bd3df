/// The machine-readable account of one `build` or `check`, for CI tools (`--diagnostics json`).
///
/// Written as one JSON object on standard output, keys in a fixed order, so that two runs over
/// the same content print the same bytes. The schema (version 1) is documented in `docs/cli.md`:
///
/// ```json
/// {
///   "version": 1,
///   "command": "build",
///   "status": 1,
///   "errors": 1,
///   "warnings": 0,
///   "pages": null,
///   "summary": "error: the build failed with 1 error and 0 warnings; …",
///   "diagnostics": [
///     {"file": "Content/articles/x.md", "line": 12, "column": 5, "severity": "error",
///      "message": "unknown article 3.09.99 of code 'dentistes'"}
///   ]
/// }
/// ```
///
/// `file`, `line` and `column` are `null` for a problem that belongs to no file; lines and
/// columns start at 1 (columns count UTF-8 bytes); `severity` is `error`, `warning` or `note`.
public struct DiagnosticReport: Sendable, Equatable {
    /// The schema's version; a change that removes or renames a key bumps it.
    public static let schemaVersion = 1

    /// `build` or `check`.
    public var command: String
    /// The exit status the command ends with: 0, 1 (content errors) or 2 (usage, I/O).
    public var status: Int32
    /// The pages written, for a build that wrote the site; nil otherwise.
    public var pages: Int?
    /// The summary line, as printed on standard error.
    public var summary: String
    /// Every diagnostic, in the order they are printed.
    public var diagnostics: [Diagnostic]

    /// Creates a report.
    public init(command: String, status: Int32, pages: Int? = nil, summary: String, diagnostics: [Diagnostic]) {
        self.command = command
        self.status = status
        self.pages = pages
        self.summary = summary
        self.diagnostics = diagnostics
    }

    /// The report as a JSON document, with a final newline.
    public var json: String {
        var out = "{\n"
        out += "  \"version\": \(Self.schemaVersion),\n"
        out += "  \"command\": \(Self.quote(command)),\n"
        out += "  \"status\": \(status),\n"
        out += "  \"errors\": \(diagnostics.errorCount),\n"
        out += "  \"warnings\": \(diagnostics.warningCount),\n"
        out += "  \"pages\": \(pages.map(String.init) ?? "null"),\n"
        out += "  \"summary\": \(Self.quote(summary)),\n"
        if diagnostics.isEmpty {
            out += "  \"diagnostics\": []\n"
        } else {
            out += "  \"diagnostics\": [\n"
            for (index, diagnostic) in diagnostics.enumerated() {
                out += "    " + Self.object(diagnostic) + (index == diagnostics.count - 1 ? "\n" : ",\n")
            }
            out += "  ]\n"
        }
        out += "}\n"
        return out
    }

    /// One diagnostic as a one-line JSON object.
    static func object(_ diagnostic: Diagnostic) -> String {
        let location = diagnostic.location
        return "{\"file\": \(location.map { quote($0.file) } ?? "null"), "
            + "\"line\": \(location.map { String($0.line) } ?? "null"), "
            + "\"column\": \(location.map { String($0.column) } ?? "null"), "
            + "\"severity\": \(quote(diagnostic.severity.rawValue)), "
            + "\"message\": \(quote(diagnostic.message))}"
    }

    /// A JSON string literal (through the search index's ``JSONText``, the one JSON escaper).
    static func quote(_ text: String) -> String {
        var json = JSONText()
        json.string(text)
        return json.text
    }
}
