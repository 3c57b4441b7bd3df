import Foundation
import Testing
@testable import GuideSiteKit

@Suite("Serving a folder safely")
struct ServedFolderTests {
    /// A served folder with a page, a nested page, a file and a secret file beside it.
    final class Tree {
        let folder: URL
        var site: URL { folder.appendingPathComponent("site") }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("guidesite-served-\(UUID().uuidString)")
            let fm = FileManager.default
            try fm.createDirectory(at: site.appendingPathComponent("articles/premier"), withIntermediateDirectories: true)
            try fm.createDirectory(at: site.appendingPathComponent("vide"), withIntermediateDirectories: true)
            try Data("<p>accueil</p>".utf8).write(to: site.appendingPathComponent("index.html"))
            try Data("<p>premier</p>".utf8).write(to: site.appendingPathComponent("articles/premier/index.html"))
            try Data("body{}".utf8).write(to: site.appendingPathComponent("site.css"))
            try Data("secret".utf8).write(to: folder.appendingPathComponent("secret.txt"))
            try fm.createSymbolicLink(at: site.appendingPathComponent("fuite.txt"), withDestinationURL: folder.appendingPathComponent("secret.txt"))
            try fm.createSymbolicLink(at: site.appendingPathComponent("dehors"), withDestinationURL: folder)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    @Test func foldersAnswerWithTheirIndex() throws {
        let tree = try Tree()
        let served = ServedFolder(root: tree.site)
        #expect(served.resolve("") == .file(served.root.appendingPathComponent("index.html"), relativePath: "index.html"))
        #expect(served.resolve("articles/premier/")
                == .file(served.root.appendingPathComponent("articles/premier/index.html"), relativePath: "articles/premier/index.html"))
        #expect(served.resolve("site.css") == .file(served.root.appendingPathComponent("site.css"), relativePath: "site.css"))
    }

    @Test func aFolderWithoutItsSlashIsRedirected() throws {
        let tree = try Tree()
        #expect(ServedFolder(root: tree.site).resolve("articles/premier") == .addSlash)
    }

    @Test func missingThingsAreNotFound() throws {
        let tree = try Tree()
        let served = ServedFolder(root: tree.site)
        #expect(served.resolve("nulle-part/") == .notFound)
        #expect(served.resolve("vide/") == .notFound, "a folder without index.html")
        #expect(served.resolve("site.css/") == .notFound, "a file asked for as a folder")
    }

    @Test(arguments: [
        "../secret.txt", "articles/../../secret.txt", "./index.html", "articles/./premier/", "..", "../",
        "a/b/../../../secret.txt", "..\\secret.txt", "site.css\0.html",
    ])
    func pathsThatLeaveTheFolderAreForbidden(_ path: String) throws {
        let tree = try Tree()
        #expect(ServedFolder(root: tree.site).resolve(path) == .forbidden)
    }

    @Test func symbolicLinksOutOfTheFolderAreForbidden() throws {
        let tree = try Tree()
        let served = ServedFolder(root: tree.site)
        #expect(served.resolve("fuite.txt") == .forbidden)
        #expect(served.resolve("dehors/secret.txt") == .forbidden)
    }

    @Test(arguments: [
        ("index.html", "text/html; charset=utf-8"), ("a/site.css", "text/css; charset=utf-8"),
        ("search/engine.js", "text/javascript; charset=utf-8"), ("x.mjs", "text/javascript; charset=utf-8"),
        ("data/references.json", "application/json"), ("feed.xml", "application/xml; charset=utf-8"),
        ("logo.svg", "image/svg+xml"), ("logo.PNG", "image/png"), ("photo.jpeg", "image/jpeg"),
        ("font.woff2", "font/woff2"), ("LISEZMOI", "application/octet-stream"), (".htaccess", "application/octet-stream"),
    ])
    func contentTypesFollowTheExtension(_ path: String, _ type: String) {
        #expect(MediaType.of(path: path) == type)
    }
}
