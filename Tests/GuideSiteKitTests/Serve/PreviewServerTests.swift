import Foundation
import Testing
@testable import GuideSiteKit

@Suite("guidesite serve, over a real socket")
struct PreviewServerTests {
    /// A server on a free port over a copy of the basic fixture, checking for changes every 50 ms.
    func makeServer(_ site: TemporarySite, host: String = "127.0.0.1", port: UInt16 = 0) -> PreviewServer {
        PreviewServer(options: ServeOptions(build: site.options, host: host, port: port, pollInterval: .milliseconds(50),
                                            temporaryParent: site.folder, longPollTimeout: .seconds(5)))
    }

    @Test func servesRebuildsReloadsShowsErrorsAndLeavesNothingBehind() async throws {
        let site = try TemporarySite(fixture: "basic")
        let server = makeServer(site)
        let base = try await server.start()
        do {
            try await exercise(server, at: base, site: site)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
        #expect(!FileManager.default.fileExists(atPath: server.temporaryFolder.path), "the temporary folder is removed")
        #expect(!site.exists(""), "Output/ is never written")
        await #expect(throws: (any Error).self, "nothing listens any more") {
            _ = try await HTTPTestClient.get(base)
        }
    }

    func exercise(_ server: PreviewServer, at base: URL, site: TemporarySite) async throws {
        let port = try #require(base.port.map(UInt16.init))
        #expect(base.absoluteString == "http://127.0.0.1:\(port)/")
        #expect(FileManager.default.fileExists(atPath: server.temporaryFolder.path))

        // Pages, folders, assets and the 404 page.
        let home = try await HTTPTestClient.get(base)
        #expect(home.status == 200)
        #expect(home.type == "text/html; charset=utf-8")
        #expect(home.text.contains("<script defer src=\"/__guidesite/reload.js?g=1\"></script>"))
        let article = try await HTTPTestClient.get(try #require(URL(string: "articles/premier/", relativeTo: base)))
        #expect(article.status == 200, "a folder URL is answered with its index.html")
        #expect(article.text.contains("Premier article"))
        // (FoundationNetworking drops the slash of a relative Location, so this one is checked raw.)
        let slashless = try await HTTPTestClient.raw(port: port, target: "/articles/premier")
        #expect(slashless.status == 301)
        #expect(slashless.text.contains("Location: /articles/premier/\r\n"))
        let css = try await HTTPTestClient.get(try #require(URL(string: "assets/css/site.css", relativeTo: base)))
        #expect(css.status == 200)
        #expect(css.type == "text/css; charset=utf-8")
        let script = try await HTTPTestClient.get(try #require(URL(string: "__guidesite/reload.js", relativeTo: base)))
        #expect(script.type == "text/javascript; charset=utf-8")
        let missing = try await HTTPTestClient.get(try #require(URL(string: "articles/absent/", relativeTo: base)))
        #expect(missing.status == 404)
        #expect(missing.text.contains("class=\"kind-not-found\""), "the site's own 404 page")

        // Nothing outside the served folder, however the path is written.
        for target in ["/../../../../../../etc/passwd", "/articles/../../Content/site.yaml", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                       "/..%2f..%2f..%2fetc%2fpasswd"] {
            let response = try await HTTPTestClient.raw(port: port, target: target)
            #expect(response.status == 403 || response.status == 404, "\(target) → \(response.status)")
            #expect(!response.text.contains("root:"), "\(target) leaked a file")
            #expect(!response.text.contains("base_url"), "\(target) leaked the content")
        }
        let encoded = try await HTTPTestClient.get(try #require(URL(string: "%2e%2e/%2e%2e/etc/passwd", relativeTo: base)))
        #expect(encoded.status == 403 || encoded.status == 404)

        // An edit: the waiting page hears of it, and the rebuilt page has the change.
        async let event = HTTPTestClient.waitForBuild(at: base, after: 1)
        try site.write("articles/premier.md", try fixtureArticle().replacingOccurrences(of: "Encore.", with: "Texte révisé pendant la prévisualisation."))
        let rebuilt = try await event
        #expect(rebuilt["generation"] as? Int == 2)
        #expect(rebuilt["ok"] as? Bool == true)
        let revised = try await HTTPTestClient.get(try #require(URL(string: "articles/premier/", relativeTo: base)))
        #expect(revised.text.contains("Texte révisé pendant la prévisualisation."))
        #expect(revised.text.contains("reload.js?g=2"))

        // An error: the last good page stays, with the errors over it.
        try site.write("articles/premier.md", try fixtureArticle().replacingOccurrences(of: "Encore.", with: "Voir l'article 3.09.99."))
        let failed = try await HTTPTestClient.waitForBuild(at: base, after: 2)
        #expect(failed["ok"] as? Bool == false)
        #expect(failed["errors"] as? Int == 1)
        let shown = try await HTTPTestClient.get(try #require(URL(string: "articles/premier/", relativeTo: base)))
        #expect(shown.text.contains("class=\"guidesite-errors\""))
        #expect(shown.text.contains("Content/articles/premier.md:17:"))
        #expect(shown.text.contains("unknown article 3.09.99 of code &#39;dentistes&#39;"))
        #expect(shown.text.contains("Texte révisé pendant la prévisualisation."), "the last good site is still served")

        // Fixed again: the panel goes away.
        try site.write("articles/premier.md", try fixtureArticle())
        let fixed = try await HTTPTestClient.waitForBuild(at: base, after: 3)
        #expect(fixed["ok"] as? Bool == true)
        let clean = try await HTTPTestClient.get(try #require(URL(string: "articles/premier/", relativeTo: base)))
        #expect(!clean.text.contains("guidesite-errors"))
        #expect(clean.text.contains("Encore."))
        let builds = try FileManager.default.contentsOfDirectory(atPath: server.temporaryFolder.path).filter { $0.hasPrefix("site-") }
        #expect(builds.count <= 2, "old builds are pruned: \(builds)")
    }

    /// A rebuild updates a hard-link clone of the served site: it renders only what the edit
    /// affects, and the site served until then is left exactly as it was. The next rebuild
    /// updates the first site in turn, with what both edits affect.
    @Test func aRebuildUpdatesACloneOfTheServedSite() async throws {
        let site = try TemporarySite(fixture: "basic")
        let results = BuiltResults()
        let server = PreviewServer(options: ServeOptions(build: site.options, host: "127.0.0.1", port: 0, pollInterval: .milliseconds(50),
                                                         temporaryParent: site.folder, longPollTimeout: .seconds(5))) { event in
            if case let .built(result, _) = event { results.append(result) }
        }
        let base = try await server.start()
        do {
            async let event = HTTPTestClient.waitForBuild(at: base, after: 1)
            try site.write("articles/premier.md", try fixtureArticle().replacingOccurrences(of: "Encore.", with: "Une révision."))
            _ = try await event
            let built = results.all
            try #require(built.count == 2)
            #expect(built[1].rendered.contains("articles/premier/index.html"))
            #expect(!built[1].kept.isEmpty, "the pages the edit does not reach are kept")
            #expect(built[1].rendered.count < built[0].rendered.count)
            let first = server.temporaryFolder.appendingPathComponent("site-1"), second = server.temporaryFolder.appendingPathComponent("site-2")
            let page = "articles/premier/index.html"
            #expect(try !String(contentsOf: first.appendingPathComponent(page), encoding: .utf8).contains("Une révision."), "the old site as it was")
            #expect(try String(contentsOf: second.appendingPathComponent(page), encoding: .utf8).contains("Une révision."))
            let kept = try #require(built[1].kept.first { !$0.hasPrefix("search/") })
            let inode = { (folder: URL) throws -> UInt64 in
                try #require((try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(kept).path))[.systemFileNumber] as? UInt64)
            }
            #expect(try inode(first) == inode(second), "a kept page is the same file in both sites")

            // The third build updates the first site (not served) in its turn: the pages of both
            // edits since its build are rendered, no other; the second site, served, stays.
            async let third = HTTPTestClient.waitForBuild(at: base, after: 2)
            try site.write("articles/second.md", try String(contentsOf: Repository.fixtures.appendingPathComponent("sites/basic/articles/second.md"), encoding: .utf8)
                .replacingOccurrences(of: "\n---\n", with: "\n---\nUn ajout en tête.\n\n"))
            _ = try await third
            let all = results.all
            try #require(all.count == 3)
            #expect(all[2].rendered.contains("articles/premier/index.html") && all[2].rendered.contains("articles/second/index.html"))
            #expect(all[2].rendered.count < all[0].rendered.count)
            #expect(await server.snapshot().siteRoot == first)
            let builds = try FileManager.default.contentsOfDirectory(atPath: server.temporaryFolder.path).filter { $0.hasPrefix("site-") }.sorted()
            #expect(builds == ["site-1", "site-2"])
            #expect(try String(contentsOf: first.appendingPathComponent("articles/second/index.html"), encoding: .utf8).contains("Un ajout en tête."))
            #expect(try !String(contentsOf: second.appendingPathComponent("articles/second/index.html"), encoding: .utf8).contains("Un ajout en tête."))
            #expect(try String(contentsOf: first.appendingPathComponent(page), encoding: .utf8).contains("Une révision."))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    func fixtureArticle() throws -> String {
        try String(contentsOf: Repository.fixtures.appendingPathComponent("sites/basic/articles/premier.md"), encoding: .utf8)
    }

    @Test func aSitePathFromTheBaseURLIsServedThereAndAtTheRoot() async throws {
        let site = try TemporarySite(fixture: "basic")
        var options = site.options
        options.baseURL = "https://essai.example.org/guide/"
        let server = PreviewServer(options: ServeOptions(build: options, port: 0, temporaryParent: site.folder))
        let base = try await server.start()
        do {
            try await checkMounted(at: base)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    func checkMounted(at base: URL) async throws {
        #expect(base.path == "/guide")
        #expect(base.absoluteString.hasSuffix("/guide/"))
        let mounted = try await HTTPTestClient.get(try #require(URL(string: "articles/premier/", relativeTo: base)))
        #expect(mounted.text.contains("Premier article"))
        let port = try #require(base.port)
        let rootless = try await HTTPTestClient.get(try #require(URL(string: "http://127.0.0.1:\(port)/articles/premier/")))
        #expect(rootless.text.contains("Premier article"))
        let notFound = try await HTTPTestClient.get(try #require(URL(string: "http://127.0.0.1:\(port)/guide/absent/")))
        #expect(notFound.status == 404)
        #expect(notFound.text.contains("href=\"/guide/"), "the 404 page links under the mount path")
    }

    @Test func aTakenPortIsAnErrorAndLeavesNothingBehind() async throws {
        let site = try TemporarySite(fixture: "basic")
        let first = makeServer(site)
        let base = try await first.start()
        let second = makeServer(site, port: UInt16(try #require(base.port)))
        await #expect(throws: ServeError.self) { try await second.start() }
        #expect(!FileManager.default.fileExists(atPath: second.temporaryFolder.path))
        await first.stop()
    }

    @Test func onlyLoopbackAddresses() async throws {
        let site = try TemporarySite(fixture: "basic")
        let server = makeServer(site, host: "0.0.0.0")
        await #expect(throws: ServeError.notLoopback(host: "0.0.0.0")) { try await server.start() }
        #expect(!FileManager.default.fileExists(atPath: server.temporaryFolder.path))
        #expect(ServeOptions.isLoopback("127.0.0.1"))
        #expect(ServeOptions.isLoopback("127.1.2.3"))
        #expect(ServeOptions.isLoopback("::1"))
        #expect(ServeOptions.isLoopback("localhost"))
        #expect(!ServeOptions.isLoopback("192.168.1.10"))
        #expect(!ServeOptions.isLoopback("127.0.0.256"))
        #expect(!ServeOptions.isLoopback("example.org"))
    }
}

/// The results of the builds a server reported, in order.
final class BuiltResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [BuildResult] = []
    func append(_ result: BuildResult) { lock.withLock { results.append(result) } }
    var all: [BuildResult] { lock.withLock { results } }
}
