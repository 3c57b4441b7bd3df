import Foundation

/// What `guidesite serve` builds and where it listens.
public struct ServeOptions: Sendable {
    /// The content, theme, drafts and display options of the builds; `output` is ignored (each
    /// build goes to a temporary folder) and `baseURL` only gives the mount path (`/guide/`).
    public var build: BuildOptions
    /// The address to listen on: a loopback address (`127.0.0.1`, `::1`) or `localhost`.
    public var host: String
    /// The port; 0 lets the system choose a free one (see ``PreviewServer/start()``'s result).
    public var port: UInt16
    /// How often the content and theme folders are checked for changes where there are no file
    /// events; with them (Linux), they are checked when an event comes, and after ten of these
    /// intervals without any.
    public var pollInterval: Duration
    /// Where the temporary folder is made (the system's temporary folder by default).
    public var temporaryParent: URL
    /// How long a page's long-poll request waits for a build before answering anyway.
    public var longPollTimeout: Duration

    public init(build: BuildOptions, host: String = "127.0.0.1", port: UInt16 = 8080,
                pollInterval: Duration = .milliseconds(300),
                temporaryParent: URL = FileManager.default.temporaryDirectory,
                longPollTimeout: Duration = .seconds(20)) {
        self.build = build
        self.host = host
        self.port = port
        self.pollInterval = pollInterval
        self.temporaryParent = temporaryParent
        self.longPollTimeout = longPollTimeout
    }

    /// Whether a host is one of this machine's loopback addresses, the only ones serve listens on.
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber) && (Int(part) ?? 256) <= 255
        }
    }

    /// The mount path: the path of `build.baseURL` (`/guide/`), or `/`.
    public var mountPath: String {
        guard let baseURL = build.baseURL, let url = URL(string: baseURL) else { return "/" }
        return SiteResponder.normalizedMount(url.path)
    }

    /// The folders watched for changes: the content folder and the theme folder
    /// (all of `Themes/` next to the content when no theme is given, since site.yaml picks one).
    public var watchedFolders: [URL] {
        let theme = build.theme ?? build.content.deletingLastPathComponent().appendingPathComponent("Themes", isDirectory: true)
        return [build.content, theme]
    }
}

/// Why the preview server could not start.
public enum ServeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The address is not a loopback address.
    case notLoopback(host: String)
    /// Binding or listening failed (the port is taken, for instance).
    case cannotListen(address: String, reason: String)
    /// The temporary folder could not be made.
    case temporaryFolder(path: String, reason: String)

    public var description: String {
        switch self {
        case let .notLoopback(host):
            "error: serve listens only on this machine (127.0.0.1, ::1 or localhost), not on '\(host)'"
        case let .cannotListen(address, reason):
            "error: cannot listen on \(address): \(reason)"
        case let .temporaryFolder(path, reason):
            "error: cannot make the temporary folder '\(path)': \(reason)"
        }
    }
}

/// What the preview server tells the terminal.
public enum PreviewEvent: Sendable {
    /// Files changed (paths as shown in diagnostics); a build starts.
    case rebuilding(changed: [String])
    /// A build succeeded; its site is now served.
    case built(BuildResult, seconds: Double)
    /// A build failed; the last good site stays served, with these diagnostics over it.
    case failed([Diagnostic], seconds: Double)
    /// The server listens at this address and watches these folders.
    case listening(URL, watching: [String])
}
