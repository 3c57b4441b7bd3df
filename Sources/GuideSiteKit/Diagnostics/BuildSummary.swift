/// The one line every `build`, `check` and `serve` build ends with, in the wording people and
/// scripts already read: `built 120 pages (310 files) into Output in 0.84 s, 0 warnings, 0 errors`.
public enum BuildSummary {
    /// `1 warning`, `2 warnings`.
    static func count(_ n: Int, _ word: String) -> String {
        "\(n) \(word)\(n == 1 ? "" : "s")"
    }

    /// A build that wrote the site. `output` is omitted by `serve`, whose folder is temporary.
    /// `written`, when given and fewer than `files`, says how many files a rebuild changed.
    public static func built(pages: Int, files: Int, written: Int? = nil, output: String?, seconds: Double, warnings: Int) -> String {
        let into = output.map { " into \($0)" } ?? ""
        let changed = written.map { $0 < files ? ", \($0) changed" : "" } ?? ""
        return "built \(pages) pages (\(files) files\(changed))\(into) in \(formatSeconds(seconds)) s, \(count(warnings, "warning")), 0 errors"
    }

    /// A build stopped by content errors (the output was left untouched).
    public static func failed(errors: Int, warnings: Int) -> String {
        GuideSiteError.contentHasErrors(errors: errors, warnings: warnings).description
    }

    /// A failed build under `serve`, which keeps serving the last good site.
    public static func failedWhileServing(errors: Int, warnings: Int, seconds: Double) -> String {
        "error: the build failed with \(count(errors, "error")) and \(count(warnings, "warning")) in \(formatSeconds(seconds)) s; "
            + "still serving the last good site"
    }

    /// `guidesite check`.
    public static func checked(errors: Int, warnings: Int) -> String {
        "checked: \(count(errors, "error")), \(count(warnings, "warning"))"
    }

    /// Seconds with two decimals, `0.84`, whatever the locale.
    public static func formatSeconds(_ seconds: Double) -> String {
        let hundredths = Int((max(0, seconds) * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
