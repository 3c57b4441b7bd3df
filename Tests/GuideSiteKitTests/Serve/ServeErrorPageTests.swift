import Foundation
import Testing
@testable import GuideSiteKit

@Suite("Showing build errors in the browser")
struct ServeErrorPageTests {
    @Test func everythingFromTheContentIsEscaped() {
        let diagnostic = Diagnostic.error("unknown code '<script>alert(\"x\")</script>'",
                                          at: SourceLocation(file: "Content/articles/<b>.md", line: 3, column: 7))
        let html = BuildErrorPage.panel([diagnostic], showingLastGoodSite: true)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("unknown code &#39;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;"))
        #expect(html.contains("<code class=\"location\">Content/articles/&lt;b&gt;.md:3:7</code>"))
    }

    @Test func thePanelCountsErrorsAndWarnings() {
        let html = BuildErrorPage.panel([
            .error("a", at: nil), .error("b", at: nil), .warning("c", at: SourceLocation(file: "f.md")),
        ], showingLastGoodSite: false)
        #expect(html.contains("La construction a échoué : 2 erreurs, 1 avertissement"))
        #expect(html.contains("<li class=\"warning\"><code class=\"location\">f.md:1:1</code> <span class=\"severity\">avertissement</span>"))
        #expect(html.contains("<li class=\"error\"><span class=\"severity\">erreur</span> <span class=\"message\">a</span></li>"))
    }

    @Test func injectionWorksWithoutHeadOrBody() {
        let page = PageInjection.inject(into: "<p>fragment</p>", generation: 2, failure: [.error("x", at: nil)])
        #expect(page.hasPrefix(PreviewAssets.styleTag))
        #expect(page.contains("guidesite-errors"))
        #expect(page.hasSuffix(PreviewAssets.scriptTag(generation: 2) + "\n"))
    }

    @Test func theReloadScriptIsExternalAndTheStylesAreTooForTheCSP() {
        let page = BuildErrorPage.page([.error("x", at: nil)], generation: 4)
        #expect(!page.contains("<style"))
        #expect(!page.contains("style=\""))
        #expect(!page.contains("<script>"))
        #expect(page.contains("<script defer src=\"/__guidesite/reload.js?g=4\"></script>"))
    }
}
