import Foundation
import Testing
@testable import GuideSiteKit

@Suite("Content loading")
struct ContentLoaderTests {
    func load(_ site: TemporarySite) throws -> (LoadedContent, [Diagnostic]) {
        try ContentLoader(root: site.content, displayBase: site.folder).load()
    }

    /// Listing (paths made as strings) picks files by extension whatever its case, skips hidden
    /// files and names without an extension, walks folders whatever their name, and gives paths
    /// that read the files and show relative to the display folder, even when the content
    /// folder is named with `..`.
    @Test func listsArticlesByExtensionAndShowsTheirPathsFromTheDisplayFolder() throws {
        let site = try TemporarySite()
        try site.write("articles/b.md", "x")
        try site.write("articles/a.MD", "x")
        try site.write("articles/c.markdown", "x")
        try site.write("articles/.cache.md", "x")
        try site.write("articles/notes.", "x")
        try site.write("articles/README", "x")
        try site.write("articles/dossier.md/d.md", "x")
        let detour = site.content.appendingPathComponent("articles/../articles/..", isDirectory: true)
        let loader = ContentLoader(root: detour, displayBase: site.folder)
        var diagnostics: [Diagnostic] = []
        let listed = loader.listStampedFiles(in: "articles", extensions: ["md", "markdown"], diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(listed.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["a.MD", "b.md", "c.markdown", "d.md"])
        #expect(listed.allSatisfy { FileManager.default.fileExists(atPath: $0.path) && $0.url.path == $0.path })
        #expect(listed.map { loader.displayPath(ofFile: $0.path) } == ["Content/articles/a.MD", "Content/articles/b.md",
                                                                      "Content/articles/c.markdown", "Content/articles/dossier.md/d.md"])
        #expect(ContentLoader.pathExtension("x.tar.gz") == "gz" && ContentLoader.pathExtension(".md") == ""
            && ContentLoader.pathExtension("x.") == "" && ContentLoader.pathExtension("x") == "")
    }

    @Test func loadsTheFixtureSite() throws {
        let site = try TemporarySite(fixture: "basic")
        let (content, diagnostics) = try load(site)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(content.site.title == "Portail d'essai")
        #expect(content.site.languages == ["fr", "en"])
        #expect(content.articles.map(\.slug).sorted() == ["brouillon", "premier", "second", "second"])
        #expect(content.articles.first { $0.language == "en" }?.translationKey == "second")
        #expect(content.recommendations.map(\.number).sorted() == [1, 2])
        let code = try #require(content.codes.first)
        #expect(code.articles.map(\.number) == ["3.06.03", "3.09.10"])
        let premier = try #require(content.articles.first { $0.slug == "premier" })
        #expect(premier.tags == ["médias sociaux", "confidentialité"])
        #expect(premier.codeID == "dentistes")
        #expect(premier.bodyLineOffset == 8)
    }

    /// Links inside the content folder are read as what they lead to: a linked article is an
    /// article (stamped as its target, which the article cache needs), a linked folder's articles
    /// are articles; nothing is reported.
    @Test func linksInsideTheContentFolderAreFollowed() throws {
        let site = try TemporarySite(fixture: "basic")
        try site.write("partage/lie.md", "---\ntitle: Lié\ndate: 2026-01-01\n---\nCorps\n")
        try site.write("partage/dossier/profond.md", "---\ntitle: Profond\ndate: 2026-01-02\n---\nCorps\n")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: site.content.appendingPathComponent("articles/lie.md").path, withDestinationPath: "../partage/lie.md")
        try fm.createSymbolicLink(atPath: site.content.appendingPathComponent("articles/dossier").path, withDestinationPath: "../partage/dossier")
        let (content, diagnostics) = try load(site)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(content.articles.map(\.slug).sorted() == ["brouillon", "lie", "premier", "profond", "second", "second"])
        let loader = ContentLoader(root: site.content, displayBase: site.folder)
        var listingDiagnostics: [Diagnostic] = []
        let linked = try #require(loader.listStampedFiles(in: "articles", extensions: ["md"], diagnostics: &listingDiagnostics)
            .first { $0.path.hasSuffix("/lie.md") })
        var target = stat()
        #expect(stat(site.content.appendingPathComponent("partage/lie.md").path, &target) == 0)
        #expect(linked.stamp == FileStamp(target), "the target's stamp, not the link's")
    }

    /// Each bad input and the exact diagnostic it must produce, at its place in the `.md` file.
    @Test(arguments: [
        ("---\ntitle: A\n", "Content/articles/x.md:1:1: error: unterminated front matter: no closing '---' line after the opening one"),
        ("Pas de front matter", "Content/articles/x.md:1:1: error: missing front matter: the file must start with a line '---', then 'title:' and 'date:', then a line '---'"),
        ("", "Content/articles/x.md:1:1: error: empty article: it needs a front matter with at least 'title' and 'date'"),
        ("---\ntitle: A\n---\n", "Content/articles/x.md:2:1: error: missing required field 'date' in front matter"),
        ("---\ntitle: A\ndate: 2026-02-30\n---\n", "Content/articles/x.md:3:7: error: field 'date' must be a date written YYYY-MM-DD, not '2026-02-30'"),
        ("---\ntitle: [a, b]\ndate: 2026-01-01\n---\n", "Content/articles/x.md:2:8: error: field 'title' must be text, not a list"),
        ("---\ntitle: A\ndate: 2026-01-01\ntags: {a: 1}\n---\n", "Content/articles/x.md:4:7: error: field 'tags' must be a list"),
        ("---\ntitle: A\ndate: 2026-01-01\ndraft: peut-être\n---\n", "Content/articles/x.md:4:8: error: field 'draft' must be true or false"),
        ("---\ntitle: A\ndate: 2026-01-01\nslug: ../../etc\n---\n", "Content/articles/x.md:4:7: error: slug '../../etc' may only contain lower-case letters, digits and hyphens (try 'etc')"),
        ("---\ntitle: \"A\ndate: 2026-01-01\n---\n", "Content/articles/x.md:4:1: error: invalid YAML: while scanning a quoted scalar found unexpected end of stream"),
        ("---\ntitle: A\ntitle: B\ndate: 2026-01-01\n---\n", "Content/articles/x.md:3:1: error: duplicate field 'title'"),
    ])
    func reportsBadArticles(text: String, expected: String) throws {
        let site = try TemporarySite(fixture: "basic")
        try site.write("articles/x.md", text)
        let (_, diagnostics) = try load(site)
        #expect(diagnostics.map(\.description).contains(expected), "\(diagnostics.map(\.description))")
    }

    @Test func warnsAboutUnknownFieldsWithAHint() throws {
        let site = try TemporarySite(fixture: "basic")
        try site.write("articles/x.md", "---\ntitle: A\ndate: 2026-01-01\nsumary: oups\n---\n")
        let (_, diagnostics) = try load(site)
        #expect(diagnostics.map(\.description) == ["Content/articles/x.md:4:1: warning: unknown field 'sumary' in front matter (did you mean 'summary'?)"]
            || diagnostics.map(\.description) == ["Content/articles/x.md:4:1: warning: unknown field 'sumary' in front matter (did you mean 'summary'?)"])
    }

    @Test func handlesBOMAndCRLF() throws {
        let site = try TemporarySite(fixture: "basic")
        try site.writeBytes("articles/x.md", [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: A\r\ndate: 2026-01-01\r\n---\r\nCorps\r\n".utf8))
        let (content, diagnostics) = try load(site)
        #expect(diagnostics.isEmpty)
        let article = try #require(content.articles.first { $0.slug == "x" })
        #expect(article.title == "A")
        #expect(article.body == "Corps\n")
    }

    @Test func reportsInvalidUTF8AtItsPlace() throws {
        let site = try TemporarySite(fixture: "basic")
        try site.writeBytes("articles/x.md", Array("---\ntitle: A\ndate: 2026-01-01\n---\nCaf".utf8) + [0xE9, 0x0A])
        let (_, diagnostics) = try load(site)
        #expect(diagnostics.map(\.description) == ["Content/articles/x.md:5:4: error: file is not valid UTF-8 text (save it as UTF-8)"])
    }

    @Test func reportsCodeErrors() throws {
        let site = try TemporarySite(fixture: "basic")
        try site.write("codes/autre.yaml", """
        id: autre
        title: "Autre"
        sections:
          - number: "1"
            title: "Un"
        articles:
          - number: "1.01"
            section: "1"
          - number: "1.01"
          - number: "1.a"
          - number: "2.01"
            section: "2"
        """)
        let (_, diagnostics) = try load(site)
        let messages = diagnostics.map(\.description)
        #expect(messages.contains("Content/codes/autre.yaml:9:15: error: duplicate article 1.01 in code 'autre'") || messages.contains { $0.hasSuffix("error: duplicate article 1.01 in code 'autre'") })
        #expect(messages.contains { $0.hasSuffix("error: article number '1.a' must be digits separated by dots, such as '20' or '3.09.10'") })
        #expect(messages.contains { $0.hasSuffix("error: article 2.01 names section 2, which code 'autre' does not have") })
    }

    @Test func reportsEveryProblemNotOnlyTheFirst() throws {
        let site = try TemporarySite(fixture: "basic")
        try site.write("articles/a.md", "---\ntitle: A\n---\n")
        try site.write("articles/b.md", "---\ndate: 2026-01-01\n---\n")
        try site.write("recommendations/03.yaml", "title: Sans numéro\n")
        let (_, diagnostics) = try load(site)
        #expect(diagnostics.errorCount == 3)
    }
}
