/// The HTML that shows a failed build's diagnostics in the browser: a panel drawn over the last
/// good page, or a page of its own when no build has succeeded yet.
///
/// Every file name and message is HTML-escaped: diagnostics quote the author's text.
public enum BuildErrorPage {
    /// The panel: a heading with the counts, then one item per diagnostic (file:line:column, severity, message).
    public static func panel(_ diagnostics: [Diagnostic], showingLastGoodSite: Bool) -> String {
        let errors = diagnostics.errorCount, warnings = diagnostics.warningCount
        var html = "<section class=\"guidesite-errors\" role=\"alert\" aria-labelledby=\"guidesite-errors-title\">\n"
        html += "<h2 id=\"guidesite-errors-title\">La construction a échoué : \(errors) erreur\(errors > 1 ? "s" : ""), "
        html += "\(warnings) avertissement\(warnings > 1 ? "s" : "")</h2>\n"
        html += showingLastGoodSite
            ? "<p>La page affichée vient de la dernière construction réussie. Corrigez les fichiers ci-dessous : la page se rechargera d’elle-même.</p>\n"
            : "<p>Aucune construction n’a encore réussi. Corrigez les fichiers ci-dessous : la page se rechargera d’elle-même.</p>\n"
        html += "<ol>\n"
        for diagnostic in diagnostics {
            html += "<li class=\"\(diagnostic.severity.rawValue)\">"
            if let location = diagnostic.location {
                html += "<code class=\"location\">\(HTMLEscaping.escape(location.description))</code> "
            }
            html += "<span class=\"severity\">\(label(diagnostic.severity))</span> "
            html += "<span class=\"message\">\(HTMLEscaping.escape(diagnostic.message))</span></li>\n"
        }
        html += "</ol>\n</section>\n"
        return html
    }

    /// A whole page holding only the panel, with the same Content-Security-Policy as the site's pages.
    public static func page(_ diagnostics: [Diagnostic], generation: Int) -> String {
        standalone(title: "Erreurs de construction", body: panel(diagnostics, showingLastGoodSite: false), generation: generation)
    }

    /// The page shown while the first build runs; it reloads itself when the build ends.
    public static func buildingPage(generation: Int) -> String {
        standalone(title: "Construction en cours", body: "<p>Construction du site en cours…</p>\n", generation: generation)
    }

    static func standalone(title: String, body: String, generation: Int) -> String {
        """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'">
        <title>\(title) · guidesite</title>
        \(PreviewAssets.styleTag)
        </head>
        <body>
        \(body)\(PreviewAssets.scriptTag(generation: generation))
        </body>
        </html>

        """
    }

    static func label(_ severity: Diagnostic.Severity) -> String {
        switch severity {
        case .error: "erreur"
        case .warning: "avertissement"
        case .note: "note"
        }
    }
}
