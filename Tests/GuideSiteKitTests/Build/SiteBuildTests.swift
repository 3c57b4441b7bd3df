import Foundation
import Testing
@testable import GuideSiteKit

@Suite("Building a site")
struct SiteBuildTests {
    @Test func writesEveryKindOfPage() throws {
        let site = try TemporarySite(fixture: "basic")
        let result = try site.build()
        #expect(result.written, "\(result.diagnostics)")
        for page in [
            "index.html", "articles/index.html", "articles/premier/index.html", "articles/second/index.html",
            "recommandations/index.html", "recommandations/1/index.html", "codes/index.html",
            "codes/dentistes/index.html", "codes/dentistes/3.09.10/index.html", "etiquettes/index.html",
            "etiquettes/medias-sociaux/index.html", "professions/index.html", "professions/dentistes/index.html",
            "correspondances/index.html", "recherche/index.html", "404.html", "sitemap.xml", "feed.xml",
            "en/feed.xml", "en/articles/second/index.html", "data/references.json", "assets/css/site.css",
        ] {
            #expect(site.exists(page), "missing \(page)")
        }
        #expect(!site.exists("articles/brouillon/index.html"), "drafts are left out")
    }

    @Test func articlePageHasItsParts() throws {
        let site = try TemporarySite(fixture: "basic")
        _ = try site.build()
        let html = try site.read("articles/premier/index.html")
        #expect(html.contains("<h2 id=\"contexte\">Contexte</h2>"))
        #expect(html.contains("<h2 id=\"contexte-2\">Contexte</h2>"))
        #expect(html.contains("href=\"../../articles/second/#details\""))
        #expect(html.contains("href=\"../../codes/dentistes/3.09.10/\""))
        #expect(html.contains("art. 3.09.10, Code des dentistes"), "empty link text is filled with the provision's name")
        #expect(html.contains("href=\"../../recommandations/2/\""))
        #expect(html.contains("10 janvier 2026"))
        #expect(html.contains("<html lang=\"fr\""))
    }

    @Test func provisionPageListsWhatCitesIt() throws {
        let site = try TemporarySite(fixture: "basic")
        _ = try site.build()
        let html = try site.read("codes/dentistes/3.09.10/index.html")
        #expect(html.contains("../../../articles/premier/#cite-"))
        #expect(html.contains("Premier article"))
        let references = try site.read("data/references.json")
        #expect(references.contains("\"to\" : \"dentistes/3.09.10\""))
    }

    @Test func buildsAreByteIdentical() throws {
        let first = try TemporarySite(fixture: "basic")
        let second = try TemporarySite(fixture: "basic")
        let a = try SiteBuilder(options: first.options).prepare()
        let b = try SiteBuilder(options: second.options).prepare()
        #expect(a.files.map(\.path) == b.files.map(\.path))
        #expect(a.files == b.files)
    }

    @Test func failedBuildKeepsThePreviousOutput() throws {
        let site = try TemporarySite(fixture: "basic")
        _ = try site.build()
        let before = try site.read("articles/premier/index.html")
        try site.write("articles/premier.md", "---\ntitle: Premier\ndate: 2026-01-10\ncode: dentistes\n---\nVoir [ceci](code:dentistes/3.09.99).\n")
        let result = try site.build()
        #expect(!result.written)
        #expect(result.diagnostics.map(\.description).contains("Content/articles/premier.md:6:6: error: unknown article 3.09.99 of code 'dentistes'"))
        #expect(try site.read("articles/premier/index.html") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.folder.path).filter { $0.hasPrefix(".") && $0 != ".guidesite-cache" }
        #expect(leftovers.isEmpty, "no staging folder is left behind")
    }

    @Test func newArticleAppearsEverywhere() throws {
        let site = try TemporarySite(fixture: "basic")
        try site.write("articles/nouveau.md", "---\ntitle: Nouveau texte\ndate: 2026-05-01\ntags: [inédit]\n---\nBonjour.\n")
        _ = try site.build()
        #expect(try site.read("index.html").contains("Nouveau texte"))
        #expect(try site.read("articles/index.html").contains("Nouveau texte"))
        #expect(try site.read("etiquettes/inedit/index.html").contains("Nouveau texte"))
        #expect(try site.read("feed.xml").contains("<title>Nouveau texte</title>"))
        #expect(try site.read("sitemap.xml").contains("https://essai.example.org/articles/nouveau/"))
    }

    @Test func refusesOutputThatWouldSwallowTheContent() throws {
        let site = try TemporarySite(fixture: "basic")
        var options = site.options
        options.output = site.content
        #expect(throws: GuideSiteError.self) { try SiteBuilder(options: options).build() }
        options.output = site.folder
        #expect(throws: GuideSiteError.self) { try SiteBuilder(options: options).build() }
    }

    @Test func reportsDuplicates() throws {
        let site = try TemporarySite(fixture: "basic")
        try site.write("articles/copie.md", "---\ntitle: Copie\ndate: 2026-01-01\nslug: premier\n---\n")
        try site.write("recommendations/09-copie.yaml", "number: 1\ntitle: Copie\n")
        let result = try SiteBuilder(options: site.options).prepare()
        let messages = result.diagnostics.map(\.description)
        #expect(messages.contains("Content/articles/premier.md:1:1: error: duplicate slug 'premier': Content/articles/copie.md has it too"))
        #expect(messages.contains("Content/recommendations/09-copie.yaml:1:1: error: duplicate recommendation number 1: Content/recommendations/01-informe.yaml has it too"))
    }

    @Test func escapesScriptInFrontMatter() throws {
        let site = try TemporarySite(fixture: "basic")
        try site.write("articles/xss.md", "---\ntitle: \"<script>alert(1)</script>\"\ndate: 2026-01-01\ntags: [\"\\\" onmouseover=\\\"x\"]\nsummary: \"<img src=x onerror=alert(1)>\"\n---\n[a](javascript:alert(1))\n")
        _ = try site.build()
        for path in ["articles/xss/index.html", "index.html", "feed.xml", "sitemap.xml", "articles/index.html"] {
            let text = try site.read(path)
            #expect(!text.contains("<script>alert"), "\(path)")
            #expect(!text.contains("<img src=x"), "\(path)")
            #expect(!text.contains("\" onmouseover=\"x"), "\(path)")
            #expect(!text.contains("href=\"javascript:"), "\(path)")
        }
    }
}
