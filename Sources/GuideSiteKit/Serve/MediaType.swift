/// The `Content-Type` of a served file, from its extension.
public enum MediaType {
    /// Types by lower-case extension; text types carry `charset=utf-8` (the build writes UTF-8).
    static let byExtension: [String: String] = [
        "html": "text/html; charset=utf-8",
        "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8",
        "json": "application/json",
        "xml": "application/xml; charset=utf-8",
        "txt": "text/plain; charset=utf-8",
        "svg": "image/svg+xml",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "avif": "image/avif",
        "ico": "image/x-icon",
        "woff": "font/woff",
        "woff2": "font/woff2",
        "pdf": "application/pdf",
        "map": "application/json",
        "webmanifest": "application/manifest+json",
    ]

    /// `text/html; charset=utf-8`.
    public static let html = "text/html; charset=utf-8"
    /// `text/javascript; charset=utf-8`.
    public static let javascript = "text/javascript; charset=utf-8"
    /// `text/css; charset=utf-8`.
    public static let css = "text/css; charset=utf-8"
    /// `application/json`.
    public static let json = "application/json"

    /// The type of a path such as `assets/css/site.css`; `application/octet-stream` when unknown.
    public static func of(path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "application/octet-stream" }
        let ext = name[name.index(after: dot)...].lowercased()
        return byExtension[ext] ?? "application/octet-stream"
    }

    /// Whether the type is an HTML page (which gets the reload script when served).
    public static func isHTML(_ type: String) -> Bool {
        type.hasPrefix("text/html")
    }
}
