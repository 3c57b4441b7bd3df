import Foundation
import Testing
@testable import GuideSiteKit

@Suite("Answering preview requests")
struct ServeResponderTests {
    /// A built site: a home page, an article, a style sheet and a 404 page.
    final class Built {
        let site: URL

        init() throws {
            site = FileManager.default.temporaryDirectory.appendingPathComponent("guidesite-responder-\(UUID().uuidString)")
            let fm = FileManager.default
            try fm.createDirectory(at: site.appendingPathComponent("articles/premier"), withIntermediateDirectories: true)
            let page = "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<title>T</title>\n</head>\n<body class=\"kind-home\">\n<p>%@</p>\n</body>\n</html>\n"
            try Data(page.replacingOccurrences(of: "%@", with: "accueil").utf8).write(to: site.appendingPathComponent("index.html"))
            try Data(page.replacingOccurrences(of: "%@", with: "premier").utf8)
                .write(to: site.appendingPathComponent("articles/premier/index.html"))
            try Data(page.replacingOccurrences(of: "%@", with: "page introuvable").utf8).write(to: site.appendingPathComponent("404.html"))
            try Data("body{}".utf8).write(to: site.appendingPathComponent("site.css"))
        }

        var snapshot: PreviewSnapshot { PreviewSnapshot(generation: 3, siteRoot: site) }

        deinit { try? FileManager.default.removeItem(at: site) }
    }

    let responder = SiteResponder()

    @Test func pagesGetTheReloadScriptAndNoCache() throws {
        let built = try Built()
        let response = responder.respond(method: "GET", rawPath: "/", snapshot: built.snapshot)
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(response.headers["Cache-Control"] == "no-store")
        #expect(response.text.contains("<p>accueil</p>"))
        #expect(response.text.contains("<script defer src=\"/__guidesite/reload.js?g=3\"></script>\n</body>"))
        #expect(!response.text.contains("guidesite-errors"))
    }

    @Test func otherFilesAreServedAsTheyAre() throws {
        let built = try Built()
        let response = responder.respond(method: "GET", rawPath: "/site.css", snapshot: built.snapshot)
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "text/css; charset=utf-8")
        #expect(response.text == "body{}")
    }

    @Test func builtFilesAreNeverChanged() throws {
        let built = try Built()
        _ = responder.respond(method: "GET", rawPath: "/", snapshot: built.snapshot)
        let onDisk = try String(contentsOf: built.site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!onDisk.contains("__guidesite"))
    }

    @Test func foldersWithoutSlashAreRedirected() throws {
        let built = try Built()
        let response = responder.respond(method: "GET", rawPath: "/articles/premier", snapshot: built.snapshot)
        #expect(response.status == 301)
        #expect(response.headers["Location"] == "/articles/premier/")
    }

    @Test func missingPagesGetTheSites404Page() throws {
        let built = try Built()
        let response = responder.respond(method: "GET", rawPath: "/articles/absent/", snapshot: built.snapshot)
        #expect(response.status == 404)
        #expect(response.text.contains("page introuvable"))
        #expect(response.text.contains("/__guidesite/reload.js?g=3"))
    }

    @Test(arguments: ["/../secret", "/%2e%2e/%2e%2e/etc/passwd", "/articles/%2E%2E/%2E%2E/x", "/..%2f..%2fetc/passwd", "/a%5c..%5c..%5cx"])
    func traversalIsForbidden(_ rawPath: String) throws {
        let built = try Built()
        let response = responder.respond(method: "GET", rawPath: rawPath, snapshot: built.snapshot)
        #expect(response.status == 403)
    }

    @Test func percentEncodedNamesAreDecoded() throws {
        let built = try Built()
        try Data("é".utf8).write(to: built.site.appendingPathComponent("café.txt"))
        let response = responder.respond(method: "GET", rawPath: "/caf%C3%A9.txt", snapshot: built.snapshot)
        #expect(response.status == 200)
        #expect(response.text == "é")
    }

    @Test func onlyGetAndHeadAreAllowed() throws {
        let built = try Built()
        let response = responder.respond(method: "POST", rawPath: "/", snapshot: built.snapshot)
        #expect(response.status == 405)
        #expect(response.headers["Allow"] == "GET, HEAD")
        #expect(responder.respond(method: "HEAD", rawPath: "/", snapshot: built.snapshot).status == 200)
    }

    @Test func theReservedFilesAreServed() throws {
        let built = try Built()
        let script = responder.respond(method: "GET", rawPath: "/__guidesite/reload.js", snapshot: built.snapshot)
        #expect(script.status == 200)
        #expect(script.headers["Content-Type"] == "text/javascript; charset=utf-8")
        #expect(script.text.contains("/__guidesite/events?since="))
        let style = responder.respond(method: "GET", rawPath: "/__guidesite/overlay.css", snapshot: built.snapshot)
        #expect(style.headers["Content-Type"] == "text/css; charset=utf-8")
        let status = responder.respond(method: "GET", rawPath: "/__guidesite/status", snapshot: built.snapshot)
        #expect(status.headers["Content-Type"] == "application/json")
        let json = try JSONSerialization.jsonObject(with: status.body) as? [String: Any]
        #expect(json?["generation"] as? Int == 3)
        #expect(json?["ok"] as? Bool == true)
        #expect(responder.respond(method: "GET", rawPath: "/__guidesite/autre", snapshot: built.snapshot).status == 404)
    }

    @Test func aFailedBuildIsShownOverTheLastGoodPage() throws {
        let built = try Built()
        var snapshot = built.snapshot
        snapshot.failure = [.error("unknown article 3.09.99 of code 'dentistes'", at: SourceLocation(file: "Content/articles/x.md", line: 12, column: 5))]
        let response = responder.respond(method: "GET", rawPath: "/articles/premier/", snapshot: snapshot)
        #expect(response.status == 200)
        #expect(response.text.contains("<p>premier</p>"), "the last good page stays")
        #expect(response.text.contains("<link rel=\"stylesheet\" href=\"/__guidesite/overlay.css\">\n</head>"))
        #expect(response.text.contains("<body class=\"kind-home\">\n<section class=\"guidesite-errors\""))
        #expect(response.text.contains("<code class=\"location\">Content/articles/x.md:12:5</code>"))
        #expect(response.text.contains("unknown article 3.09.99 of code &#39;dentistes&#39;"))
        let style = responder.respond(method: "GET", rawPath: "/site.css", snapshot: snapshot)
        #expect(style.text == "body{}", "assets of the last good site are still served")
    }

    @Test func withoutAGoodBuildTheErrorsAreThePage() {
        let snapshot = PreviewSnapshot(generation: 1, siteRoot: nil, failure: [.error("field 'title' is missing", at: SourceLocation(file: "Content/articles/x.md"))])
        let response = responder.respond(method: "GET", rawPath: "/articles/x/", snapshot: snapshot)
        #expect(response.status == 500)
        #expect(response.text.contains("Aucune construction n’a encore réussi"))
        #expect(response.text.contains("Content/articles/x.md:1:1"))
        #expect(response.text.contains("script-src 'self'"))
        #expect(response.text.contains("/__guidesite/reload.js?g=1"))
    }

    @Test func beforeTheFirstBuildABuildingPageReloadsItself() {
        let response = responder.respond(method: "GET", rawPath: "/", snapshot: PreviewSnapshot())
        #expect(response.status == 503)
        #expect(response.text.contains("/__guidesite/reload.js?g=0"))
    }

    @Test func aMountedSiteIsServedUnderItsPathAndAtTheRoot() throws {
        let built = try Built()
        let mounted = SiteResponder(mountPath: "guide")
        #expect(mounted.mountPath == "/guide/")
        #expect(mounted.respond(method: "GET", rawPath: "/guide/articles/premier/", snapshot: built.snapshot).text.contains("<p>premier</p>"))
        #expect(mounted.respond(method: "GET", rawPath: "/articles/premier/", snapshot: built.snapshot).text.contains("<p>premier</p>"))
        #expect(mounted.respond(method: "GET", rawPath: "/", snapshot: built.snapshot).headers["Location"] == "/guide/")
        #expect(mounted.respond(method: "GET", rawPath: "/guide", snapshot: built.snapshot).headers["Location"] == "/guide/")
    }
}
