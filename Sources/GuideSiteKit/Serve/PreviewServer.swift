import Foundation
import FlyingFox
import FlyingSocks

/// `guidesite serve`: builds the site into a temporary folder, serves it on a loopback address,
/// rebuilds when the content or theme changes, and makes open pages reload themselves.
///
/// - The output folder of `build` is never touched: builds go to `site-<n>` folders inside a
///   temporary folder, which ``stop()`` removes; two at most are kept, and each rebuild updates
///   the one not served (without the build cache, or when the second site cannot be cloned
///   from the first, each build makes a new folder).
/// - A failed build keeps the last good site served, with the diagnostics drawn over its pages
///   (or on a page of their own before any build has succeeded).
/// - Pages get `<script src="/__guidesite/reload.js">`, which long-polls `/__guidesite/events`.
///
/// Use: `let url = try await server.start()`, then `await server.stop()`.
public actor PreviewServer {
    /// What to build and where to listen.
    public nonisolated let options: ServeOptions
    /// The temporary folder holding the builds; it exists between ``start()`` and ``stop()``.
    public nonisolated let temporaryFolder: URL

    private let state = PreviewState()
    private let events: @Sendable (PreviewEvent) -> Void
    private var http: HTTPServer?
    private var httpTask: Task<Void, Never>?
    private var watchTask: Task<Void, Never>?
    private var buildCount = 0
    /// The articles the builds decoded from the article cache, kept from one build to the next.
    private let articleMemory = ArticleMemory()
    private var builtFolders: [URL] = []
    private var baseURL: String?

    /// Creates a server; nothing happens before ``start()``.
    ///
    /// - Parameters:
    ///   - options: what to build, where to listen, how often to look for changes.
    ///   - events: called (from any thread) as builds start and end, for the terminal.
    public init(options: ServeOptions, events: @escaping @Sendable (PreviewEvent) -> Void = { _ in }) {
        self.options = options
        self.events = events
        self.temporaryFolder = options.temporaryParent.standardizedFileURL
            .appendingPathComponent("guidesite-serve-\(UUID().uuidString.lowercased())", isDirectory: true)
    }

    /// Listens, builds the site once, then watches for changes.
    ///
    /// - Returns: the site's address, e.g. `http://127.0.0.1:8080/`.
    /// - Throws: ``ServeError`` when the address is not loopback, the port is taken or the temporary
    ///   folder cannot be made; nothing is left behind then. Content errors do not throw: they are served.
    @discardableResult
    public func start() async throws -> URL {
        if let baseURL, let url = URL(string: baseURL) { return url }   // already started
        guard ServeOptions.isLoopback(options.host) else { throw ServeError.notLoopback(host: options.host) }
        do {
            try FileManager.default.createDirectory(at: temporaryFolder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw ServeError.temporaryFolder(path: temporaryFolder.path, reason: error.localizedDescription)
        }
        let port: UInt16
        do {
            port = try await listen()
        } catch {
            try? FileManager.default.removeItem(at: temporaryFolder)
            throw error
        }
        let host = options.host == "localhost" ? "127.0.0.1" : options.host
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        let base = "http://\(authority)\(options.mountPath)"
        baseURL = base
        // Watched from before the first look: a file saved while the first build runs wakes the watch.
        let watcher = FolderWatcher(folders: options.watchedFolders)
        let initial = FolderSnapshot.take(of: options.watchedFolders)
        await rebuild(changed: [])
        let interval = options.pollInterval
        watchTask = Task { await self.watch(from: initial, with: watcher, every: interval) }
        let url = URL(string: base) ?? URL(fileURLWithPath: "/")
        events(.listening(url, watching: options.watchedFolders.map { displayPath($0.path) }))
        return url
    }

    /// Stops watching, answers waiting pages, closes the server and removes the temporary folder.
    ///
    /// A build in progress is finished first, so nothing writes into the folder as it goes.
    public func stop() async {
        watchTask?.cancel()
        await watchTask?.value
        watchTask = nil
        await state.stop()
        if let http { await http.stop(timeout: 0) }
        await httpTask?.value
        http = nil
        httpTask = nil
        try? FileManager.default.removeItem(at: temporaryFolder)
        baseURL = nil
    }

    /// What is served now.
    public func snapshot() async -> PreviewSnapshot {
        await state.snapshot
    }

    /// Waits until a build finishes after `generation` (or `timeout` passes): for tests and tools.
    public func waitForBuild(after generation: Int, timeout: Duration) async -> PreviewSnapshot {
        await state.waitForChange(after: generation, timeout: timeout)
    }

    // MARK: Listening

    /// Starts the HTTP server and returns the port it listens on.
    private func listen() async throws -> UInt16 {
        let host = options.host == "localhost" ? "127.0.0.1" : options.host
        let display = host.contains(":") ? "[\(host)]:\(options.port)" : "\(host):\(options.port)"
        let address: any SocketAddress
        do {
            address = host.contains(":") ? try sockaddr_in6.inet6(ip6: host, port: options.port)
                                         : try sockaddr_in.inet(ip4: host, port: options.port)
        } catch {
            throw ServeError.cannotListen(address: display, reason: "not an IP address")
        }
        let handler = PreviewHTTPHandler(state: state, responder: SiteResponder(mountPath: options.mountPath),
                                         longPollTimeout: options.longPollTimeout)
        // A handler may take as long as a long poll, and then some: the machine may be busy.
        let handlerTimeout = Double(options.longPollTimeout.components.seconds) + 60
        let config = HTTPServer.Configuration(address: address, timeout: handlerTimeout, logger: DisabledLogger.disabled)
        let server = HTTPServer(config: config, handler: handler)
        let failure = StartFailure()
        http = server
        httpTask = Task {
            do {
                try await server.run()
            } catch {
                await failure.set(error)
            }
        }
        let clock = ContinuousClock()
        // Binding fails at once (and ends the run, caught below); only a very busy machine takes long.
        let deadline = clock.now.advanced(by: .seconds(120))
        while clock.now < deadline {
            if await server.isListening, let bound = await server.listeningAddress {
                switch bound {
                case let .ip4(_, port), let .ip6(_, port): return port
                case .unix: break
                }
            }
            if let error = await failure.error {
                httpTask = nil
                http = nil
                throw ServeError.cannotListen(address: display, reason: Self.reason(error))
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        await server.stop()
        throw ServeError.cannotListen(address: display, reason: "the server did not start in time")
    }

    static func reason(_ error: any Error) -> String {
        if let socketError = error as? SocketError, case let .failed(_, errno, message) = socketError {
            return "\(message) (errno \(errno))"
        }
        return error.localizedDescription
    }

    // MARK: Building

    /// Looks at the watched folders when file events say they changed (`watcher`), or every
    /// `interval` without them; when they changed and then stay still for a moment, rebuilds.
    /// With events, the folders are also looked at after every ten quiet intervals, in case the
    /// file system gave no event for a change.
    private func watch(from initial: FolderSnapshot, with watcher: FolderWatcher?, every interval: Duration) async {
        var last = initial
        let folders = options.watchedFolders
        let settle = min(interval, .milliseconds(100))
        // Waits of at most 0.1 s, so that `stop()` does not wait long for the watch to end.
        let slice = min(interval, .milliseconds(100))
        var quiet = Duration.zero
        while !Task.isCancelled {
            var woken = false
            if let watcher {
                woken = await Self.wait(for: watcher, upTo: slice)
                if Task.isCancelled { return }
                if woken {
                    // An editor may save in several writes: wait until the events stop for
                    // 50 ms (a second at most).
                    for _ in 0..<20 {
                        guard await Self.wait(for: watcher, upTo: .milliseconds(50)) else { break }
                    }
                } else {
                    quiet += slice
                    if quiet < interval * 10 { continue }
                }
                quiet = .zero
            } else {
                do { try await Task.sleep(for: interval) } catch { return }
            }
            var current = FolderSnapshot.take(of: folders)
            guard current != last else { continue }
            if !woken {
                // A change no event told of: wait until two looks agree (a second at most).
                for _ in 0..<10 {
                    do { try await Task.sleep(for: settle) } catch { return }
                    let again = FolderSnapshot.take(of: folders)
                    if again == current { break }
                    current = again
                }
            }
            let changed = current.changes(since: last)
            last = current
            await rebuild(changed: changed.map(displayPath))
        }
    }

    /// Whether `watcher` saw a change within `timeout`, waited for on a thread of its own (the
    /// wait blocks, and the server's executor must not).
    private static func wait(for watcher: FolderWatcher, upTo timeout: Duration) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async { continuation.resume(returning: watcher.waitForChange(timeout: timeout)) }
        }
    }

    /// Builds into the folder not served (or a new `site-<n>` folder) and publishes the outcome.
    private func rebuild(changed: [String]) async {
        buildCount += 1
        var build = options.build
        build.baseURL = baseURL
        build.progress = nil
        build.articleMemory = articleMemory
        if !changed.isEmpty { events(.rebuilding(changed: changed)) }
        let clock = ContinuousClock()
        let start = clock.now
        // Two sites take turns: the one served, and the one the rebuild updates, with its own
        // caches (only the pages the edits since its last build affect are rendered). The second
        // site starts as a hard-link clone of the first. Neither build touches the site served:
        // an output folder's files are replaced, never written into (``OutputClone``).
        let served = builtFolders.last
        let folder: URL
        var fresh = true
        if build.usesCache, let other = builtFolders.first, other != served {
            folder = other
            fresh = false
        } else {
            folder = temporaryFolder.appendingPathComponent("site-\(buildCount)", isDirectory: true)
            if build.usesCache, let served, OutputClone.clone(served, to: folder) {
                RenderCache.adopt(from: served, for: folder)
                ReferencesLayout.adopt(from: served, for: folder)
            }
        }
        build.output = folder
        let outcome = await Self.run(SiteBuilder(options: build))
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        switch outcome {
        case let .success(result) where result.written:
            prune(keeping: folder)
            // Reported before it is published: whoever learns of the build from the server
            // (a page waiting to reload, a test) finds it reported already.
            events(.built(result, seconds: seconds))
            await state.publishSuccess(root: folder)
        case let .success(result):
            // A site updated in turn stays for the next build (a build with errors left it as it
            // was; one that failed while putting files in place left it part old, part new, with
            // no render cache, which the next build makes whole again); a new one goes.
            if fresh { forget(folder) }
            events(.failed(result.diagnostics, seconds: seconds))
            await state.publishFailure(result.diagnostics)
        case let .failure(error):
            if fresh { forget(folder) }
            let message = error.description.hasPrefix("error: ") ? String(error.description.dropFirst(7)) : error.description
            let diagnostics = [Diagnostic.error(message, at: nil)]
            events(.failed(diagnostics, seconds: seconds))
            await state.publishFailure(diagnostics)
        }
    }

    /// Removes a build's folder, its render cache and its references layout.
    private func forget(_ folder: URL) {
        try? FileManager.default.removeItem(at: folder)
        RenderCache.forget(folder)
        ReferencesLayout.forget(folder)
    }

    /// Makes `current` the site served last, after the one served before it; any other goes.
    private func prune(keeping current: URL) {
        builtFolders.removeAll { $0 == current }
        builtFolders.append(current)
        while builtFolders.count > 2 {
            forget(builtFolders.removeFirst())
        }
    }

    /// The queue builds run on, off the cooperative pool: a build blocks its thread for a while.
    private static let buildQueue = DispatchQueue(label: "guidesite.serve.build")

    private static func run(_ builder: SiteBuilder) async -> Result<BuildResult, GuideSiteError> {
        await withCheckedContinuation { continuation in
            buildQueue.async {
                do {
                    continuation.resume(returning: .success(try builder.build()))
                } catch let error as GuideSiteError {
                    continuation.resume(returning: .failure(error))
                } catch {
                    continuation.resume(returning: .failure(.unwritable(path: builder.options.output.path,
                                                                        reason: error.localizedDescription)))
                }
            }
        }
    }

    private func displayPath(_ path: String) -> String {
        SourceLocation.displayPath(path, relativeTo: options.build.displayBase)
    }
}

/// The error that ended the HTTP server's run, if any (it ends before listening when the port is taken).
private actor StartFailure {
    private(set) var error: (any Error)?
    func set(_ error: any Error) { self.error = error }
}

/// Adapts ``SiteResponder`` and the long-poll endpoint to FlyingFox.
struct PreviewHTTPHandler: HTTPHandler {
    let state: PreviewState
    let responder: SiteResponder
    let longPollTimeout: Duration

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let rawPath = request.target.path(percentEncoded: true)
        let served: ServedResponse
        if rawPath == PreviewAssets.prefix + "events", request.method == .GET || request.method == .HEAD {
            let since = request.query.first { $0.name == "since" }.flatMap { Int($0.value) } ?? -1
            let snapshot = await state.waitForChange(after: since, timeout: longPollTimeout)
            served = responder.respond(method: request.method.rawValue, rawPath: rawPath, snapshot: snapshot)
        } else {
            served = responder.respond(method: request.method.rawValue, rawPath: rawPath, snapshot: await state.snapshot)
        }
        var headers = HTTPHeaders()
        for (name, value) in served.headers { headers[HTTPHeader(name)] = value }
        if request.method == .HEAD {
            headers[.contentLength] = String(served.body.count)
            return HTTPResponse(statusCode: Self.status(served.status), headers: headers, body: Data())
        }
        return HTTPResponse(statusCode: Self.status(served.status), headers: headers, body: served.body)
    }

    static func status(_ code: Int) -> HTTPStatusCode {
        switch code {
        case 200: .ok
        case 301: .movedPermanently
        case 302: .found
        case 400: .badRequest
        case 403: .forbidden
        case 404: .notFound
        case 405: .methodNotAllowed
        case 500: .internalServerError
        case 503: .serviceUnavailable
        default: HTTPStatusCode(code, phrase: "Status \(code)")
        }
    }
}
