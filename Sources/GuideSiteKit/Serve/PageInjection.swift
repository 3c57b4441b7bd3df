import Foundation

/// Adds the preview's reload script, and the error panel after a failed build, to an HTML page
/// as it is served. Built files are never changed: this happens only on the way out.
public enum PageInjection {
    /// The page with `<script src="/__guidesite/reload.js?g=N">` before `</body>` and, when the
    /// last build failed, the error style sheet before `</head>` and the panel after `<body…>`.
    public static func inject(into html: String, generation: Int, failure: [Diagnostic]?) -> String {
        var page = html
        if let failure {
            let panel = BuildErrorPage.panel(failure, showingLastGoodSite: true)
            if let body = page.range(of: "<body", options: .caseInsensitive),
               let close = page[body.upperBound...].firstIndex(of: ">") {
                page.insert(contentsOf: "\n" + panel, at: page.index(after: close))
            } else {
                page = panel + page
            }
            if let head = page.range(of: "</head>", options: [.caseInsensitive, .backwards]) {
                page.insert(contentsOf: PreviewAssets.styleTag + "\n", at: head.lowerBound)
            } else {
                page = PreviewAssets.styleTag + "\n" + page
            }
        }
        let script = PreviewAssets.scriptTag(generation: generation)
        if let end = page.range(of: "</body>", options: [.caseInsensitive, .backwards]) {
            page.insert(contentsOf: script + "\n", at: end.lowerBound)
        } else {
            page += "\n" + script + "\n"
        }
        return page
    }
}
