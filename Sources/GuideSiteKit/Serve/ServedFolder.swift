import Foundation

/// A folder served over HTTP, and the one way request paths are turned into its files.
///
/// Nothing outside the folder is ever served: `..` and `.` segments, backslashes and NUL bytes
/// are refused before touching the disk, and the resolved file (symbolic links followed) must
/// still be inside the folder.
public struct ServedFolder: Sendable {
    /// The folder, with symbolic links resolved.
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// What a request path leads to.
    public enum Resolution: Sendable, Equatable {
        /// A regular file inside the folder.
        case file(URL, relativePath: String)
        /// A folder asked for without its final `/`: redirect to the path with it.
        case addSlash
        /// Nothing there.
        case notFound
        /// A path that tries to leave the folder.
        case forbidden
    }

    /// Resolves a decoded, site-relative request path (`articles/x/`, `assets/css/site.css`, `""`).
    ///
    /// Folders are answered with their `index.html`.
    public func resolve(_ relativePath: String) -> Resolution {
        if relativePath.contains("\0") || relativePath.contains("\\") { return .forbidden }
        let segments = relativePath.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return .forbidden }
        let clean = segments.joined(separator: "/")
        let wantsFolder = relativePath.isEmpty || relativePath.hasSuffix("/")
        var url = clean.isEmpty ? root : root.appendingPathComponent(clean)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return .notFound }
        var served = clean
        if isDirectory.boolValue {
            guard wantsFolder else { return .addSlash }
            url = url.appendingPathComponent("index.html")
            served = clean.isEmpty ? "index.html" : clean + "/index.html"
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                return .notFound
            }
        } else if wantsFolder {
            return .notFound
        }
        guard contains(url) else { return .forbidden }
        return .file(url, relativePath: served)
    }

    /// Whether a URL, once its links are resolved, is inside the folder.
    func contains(_ url: URL) -> Bool {
        let resolved = url.standardizedFileURL.resolvingSymlinksInPath().path
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return resolved.hasPrefix(base)
    }
}
