import Foundation

/// One HTTP response of the preview server, independent of the HTTP library that sends it.
public struct ServedResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body as UTF-8 text (for tests and messages).
    public var text: String { String(decoding: body, as: UTF8.self) }

    static func text(_ status: Int, _ text: String, type: String = "text/plain; charset=utf-8") -> ServedResponse {
        ServedResponse(status: status, headers: ["Content-Type": type], body: Data(text.utf8))
    }
}

/// Answers the preview server's requests from a ``PreviewSnapshot``: the built files, the
/// reserved `/__guidesite/` files, redirects, the site's 404 page, the error page.
///
/// It is a pure function of the request and the snapshot (plus the files on disk), so every case
/// is tested without a socket. The long-poll endpoint, which waits, is the server's own.
public struct SiteResponder: Sendable {
    /// Where the site is mounted: `/`, or the path of `--base-url` such as `/guide/`.
    /// Root URLs without that prefix are served too.
    public var mountPath: String

    public init(mountPath: String = "/") {
        self.mountPath = Self.normalizedMount(mountPath)
    }

    /// `guide` → `/guide/`; empty → `/`.
    static func normalizedMount(_ path: String) -> String {
        let trimmed = path.split(separator: "/").joined(separator: "/")
        return trimmed.isEmpty ? "/" : "/" + trimmed + "/"
    }

    /// The response to a request.
    ///
    /// - Parameters:
    ///   - method: `GET` or `HEAD`; anything else is refused with 405.
    ///   - rawPath: the request target's path, still percent-encoded, without the query.
    ///   - snapshot: what the server serves now.
    public func respond(method: String, rawPath: String, snapshot: PreviewSnapshot) -> ServedResponse {
        guard method == "GET" || method == "HEAD" else {
            var response = ServedResponse.text(405, "405 method not allowed\n")
            response.headers["Allow"] = "GET, HEAD"
            return finish(response)
        }
        guard rawPath.hasPrefix("/"), let path = rawPath.removingPercentEncoding else {
            return finish(.text(400, "400 bad request\n"))
        }
        if path.hasPrefix(PreviewAssets.prefix) {
            return finish(reserved(String(path.dropFirst(PreviewAssets.prefix.count)), snapshot: snapshot))
        }
        guard let root = snapshot.siteRoot else {
            if let failure = snapshot.failure {
                return finish(.text(500, BuildErrorPage.page(failure, generation: snapshot.generation), type: MediaType.html))
            }
            var response = ServedResponse.text(503, BuildErrorPage.buildingPage(generation: snapshot.generation), type: MediaType.html)
            response.headers["Retry-After"] = "1"
            return finish(response)
        }
        let relative: String
        if mountPath != "/" && path == String(mountPath.dropLast()) {
            return finish(redirect(to: mountPath))
        } else if mountPath != "/" && path == "/" {
            return finish(redirect(to: mountPath))
        } else if path.hasPrefix(mountPath) {
            relative = String(path.dropFirst(mountPath.count))
        } else {
            relative = String(path.dropFirst())
        }
        let folder = ServedFolder(root: root)
        switch folder.resolve(relative) {
        case let .file(url, servedPath):
            guard let data = FileManager.default.contents(atPath: url.path) else {
                return finish(notFound(folder, snapshot: snapshot))
            }
            return finish(page(data, type: MediaType.of(path: servedPath), status: 200, snapshot: snapshot))
        case .addSlash:
            return finish(redirect(to: rawPath + "/"))
        case .forbidden:
            return finish(.text(403, "403 forbidden: this path leaves the site's folder\n"))
        case .notFound:
            return finish(notFound(folder, snapshot: snapshot))
        }
    }

    /// The files under `/__guidesite/`.
    func reserved(_ name: String, snapshot: PreviewSnapshot) -> ServedResponse {
        switch name {
        case "reload.js": .text(200, PreviewAssets.reloadScript, type: MediaType.javascript)
        case "overlay.css": .text(200, PreviewAssets.overlayStyle, type: MediaType.css)
        case "status", "events": .text(200, snapshot.json, type: MediaType.json)
        default: .text(404, "404 not found\n")
        }
    }

    /// A file's bytes, with the reload script (and error panel) added to HTML pages.
    func page(_ data: Data, type: String, status: Int, snapshot: PreviewSnapshot) -> ServedResponse {
        guard MediaType.isHTML(type) else {
            return ServedResponse(status: status, headers: ["Content-Type": type], body: data)
        }
        let html = PageInjection.inject(into: String(decoding: data, as: UTF8.self), generation: snapshot.generation,
                                        failure: snapshot.failure)
        return ServedResponse(status: status, headers: ["Content-Type": type], body: Data(html.utf8))
    }

    /// The site's own `404.html`, or a line of text if it has none.
    func notFound(_ folder: ServedFolder, snapshot: PreviewSnapshot) -> ServedResponse {
        if case let .file(url, _) = folder.resolve("404.html"), let data = FileManager.default.contents(atPath: url.path) {
            return page(data, type: MediaType.of(path: "404.html"), status: 404, snapshot: snapshot)
        }
        return .text(404, "404 not found\n")
    }

    func redirect(to location: String) -> ServedResponse {
        var response = ServedResponse.text(301, "moved to \(location)\n")
        response.headers["Location"] = location
        return response
    }

    /// Headers every response carries: the preview is never cached, and types are never sniffed.
    func finish(_ response: ServedResponse) -> ServedResponse {
        var response = response
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response
    }
}
