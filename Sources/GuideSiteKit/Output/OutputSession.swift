import Foundation

/// One write of the site, file by file as the build makes them, put in place all together.
///
/// - Into a folder that does not exist yet, files go to a staging folder next to it, renamed
///   into place by ``commit()``.
/// - Into an existing output folder, a file whose bytes are already there is left alone (its
///   date too, which deployments and web caches rely on); a changed file is written under a
///   temporary name in its folder. ``commit()`` renames them over the old ones and removes the
///   files the site no longer has.
///
/// Until `commit`, the previous output is untouched; ``discard()`` removes what was written.
/// Files are never held in memory longer than one `add`, so a build's peak memory does not grow
/// with the size of its output.
public final class OutputSession: OutputSink, @unchecked Sendable {
    /// How the files reach the output folder.
    enum Mode {
        /// A first build: everything into a staging folder.
        case fresh(staging: URL)
        /// A rebuild: changed files under temporary names; what the folder held before.
        case update(existing: Set<String>, folders: [String])
    }

    public let output: URL
    let mode: Mode
    /// Where files are written before `commit`.
    let root: String
    let temporarySuffix: String
    private let lock = NSLock()
    private var createdFolders: Set<String> = [""]
    /// Folders that did not exist before this write.
    private var newFolders: Set<String> = []
    private var added: Set<String> = []
    private var kept: Set<String> = []
    /// Update mode: paths written under their temporary name.
    private var pending: [String] = []
    /// Update mode: those of them written with at least ``largeFileSize`` bytes.
    private var pendingLarge: Set<String> = []
    /// Second names of the old files that large new ones replaced (see ``commit(beforeChanging:)``).
    private var replacedNames: [String] = []
    private var unchanged = 0
    private var finished = false

    /// Starts a write into `output` (created if missing, with its parents).
    public convenience init(output: URL) throws {
        try self.init(output: output, listing: nil)
    }

    /// What ``OutputWriter/listContents(of:)`` found in an output folder: files and folders.
    typealias Listing = (files: Set<String>, folders: [String])

    /// The listing of `output` if it is a folder, nil otherwise: for ``init(output:listing:)``,
    /// made on another thread while the build runs.
    static func list(_ output: URL) -> Listing? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: output.standardizedFileURL.path, isDirectory: &isFolder), isFolder.boolValue else { return nil }
        return OutputWriter.listContents(of: output.standardizedFileURL)
    }

    /// Starts a write into `output`, given what it held when the build started (``list(_:)``),
    /// or nil to list it now.
    init(output: URL, listing: Listing?) throws {
        self.output = output.standardizedFileURL
        temporarySuffix = ".guidesite-tmp-\(ProcessInfo.processInfo.processIdentifier)"
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: self.output.path, isDirectory: &isFolder), isFolder.boolValue {
            let (files, folders) = listing ?? OutputWriter.listContents(of: self.output)
            mode = .update(existing: files, folders: folders)
            root = self.output.path
        } else {
            let parent = self.output.deletingLastPathComponent()
            let staging = parent.appendingPathComponent(".\(self.output.lastPathComponent).staging-\(ProcessInfo.processInfo.processIdentifier)",
                                                        isDirectory: true)
            do {
                try fm.createDirectory(at: parent, withIntermediateDirectories: true)
                try? fm.removeItem(at: staging)
                try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            } catch {
                throw GuideSiteError.unwritable(path: parent.path, reason: error.localizedDescription)
            }
            mode = .fresh(staging: staging)
            root = staging.path
        }
    }

    /// Whether the output folder was already there (a rebuild), rather than written afresh.
    public var updatesExistingOutput: Bool {
        if case .update = mode { return true }
        return false
    }

    deinit {
        if !finished { discard() }
        freeReplacedFiles()
    }

    /// Writes one file (to the staging folder or under a temporary name), unless the output
    /// already holds exactly these bytes.
    public func add(_ file: OutputFile) throws {
        try place(file.path, size: file.bytes.count, unlessHeld: { Self.holds($0, file.bytes) }) { OutputWriter.writeFile(file.bytes, to: $0) }
    }

    /// Writes a file made of pieces that is known to differ from the one the output holds at its
    /// path, if any (its maker compared their hashes): not compared again, byte by byte.
    func add(changed file: SplicedFile) throws {
        try place(file.path, size: file.count, unlessHeld: nil) { OutputWriter.writeFile(file, to: $0) }
    }

    /// Has `write` write the file `path` of the site (`size` bytes) where this write puts it (the
    /// staging folder, or a temporary name in the output folder), unless `held` says the output's
    /// file at that path already holds its bytes.
    private func place(_ path: String, size: Int, unlessHeld held: ((String) -> Bool)?, write: (String) -> GuideSiteError?) throws {
        guard OutputWriter.isContained(path) else {
            throw GuideSiteError.unsafeOutput(path: path, reason: "the path leaves the output folder")
        }
        lock.withLock { _ = added.insert(path) }
        let target = root + "/" + path
        switch mode {
        case .fresh:
            try createFolder(of: path)
            if let failure = write(target) { throw failure }
        case let .update(existing, _):
            if let held, existing.contains(path), held(target) {
                lock.withLock { unchanged += 1 }
                return
            }
            try createFolder(of: path)
            if let failure = write(target + temporarySuffix) { throw failure }
            lock.withLock {
                pending.append(path)
                if size >= Self.largeFileSize { pendingLarge.insert(path) }
            }
        }
    }

    /// Files already in the output that stay as they are (pages the render cache found current).
    public func keep(_ paths: [String]) {
        lock.withLock {
            kept.reserveCapacity(kept.count + paths.count)
            kept.formUnion(paths)
            unchanged += paths.count
        }
    }

    /// The paths of the files handed to this write so far, written or found already there.
    public var addedPaths: Set<String> { lock.withLock { added } }

    /// Puts every file in place and removes those the site no longer has. `beforeChanging` is
    /// called first when that changes the output folder (a file to write or to remove), and not
    /// at all when the folder already holds the site.
    @discardableResult
    public func commit(beforeChanging: () -> Void = {}) throws -> OutputWriter.Changes {
        let fm = FileManager.default
        finished = true
        switch mode {
        case let .fresh(staging):
            beforeChanging()
            do {
                try fm.moveItem(at: staging, to: output)
            } catch {
                try? fm.removeItem(at: staging)
                throw OutputWriter.wrap(error, path: output.path)
            }
            return OutputWriter.Changes(written: added.count)
        case let .update(existing, folders):
            let base = output.path + "/"
            var stale: [String] = []
            for path in existing where !added.contains(path) && !kept.contains(path) { stale.append(path) }
            stale.sort()
            if !pending.isEmpty || !stale.isEmpty { beforeChanging() }
            // A file's blocks are freed when its last name goes, which for a file of tens of
            // megabytes takes tens of milliseconds in `rename`. The old file of a large new one
            // keeps a second name next to the output folder until the new one is in place, and is
            // freed by ``freeReplacedFiles()``, which a build calls while it saves its caches.
            // (Every `add` has returned by now: the lists are read without the lock.)
            let replaced = Self.replacedName(of: output)
            StagedCacheFile.removeAbandonedFiles(of: replaced)
            for path in pendingLarge.sorted() {
                let name = StagedCacheFile.temporaryPath(of: replaced)
                if link(base + path, name) == 0 { replacedNames.append(name) }
            }
            for path in pending where rename(base + path + temporarySuffix, base + path) != 0 {
                let reason = String(cString: strerror(errno))
                finished = false
                discard()
                throw GuideSiteError.unwritable(path: base + path, reason: reason)
            }
            for path in stale { try? fm.removeItem(atPath: base + path) }
            // Only the folders that held a removed file can have become empty (and their parents).
            var emptied: Set<String> = []
            for path in stale {
                var folder = Substring(path)
                while let slash = folder.lastIndex(of: "/") {
                    folder = folder[..<slash]
                    guard emptied.insert(String(folder)).inserted else { break }
                }
            }
            OutputWriter.removeEmptyFolders(folders.filter(emptied.contains), in: output)
            return OutputWriter.Changes(written: pending.count, unchanged: unchanged, removed: stale.count)
        }
    }

    /// Frees the old files that ``commit(beforeChanging:)`` replaced by large new ones (their
    /// second names, `.<output>.replaced.tmp-<pid>-<random>` next to the output folder, go; a
    /// build stopped before that leaves them to the next one, which removes them).
    public func freeReplacedFiles() {
        let names = lock.withLock {
            defer { replacedNames = [] }
            return replacedNames
        }
        for name in names { unlink(name) }
    }

    /// What the second names of replaced files are made from.
    static func replacedName(of output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).replaced")
    }

    /// A written file of at least this size has its old file freed by ``freeReplacedFiles()``,
    /// not inside `rename`.
    static let largeFileSize = 1 << 20

    /// Removes what this write put on disk; the previous output stays as it was.
    public func discard() {
        finished = true
        let fm = FileManager.default
        switch mode {
        case let .fresh(staging):
            try? fm.removeItem(at: staging)
        case .update:
            let base = output.path + "/"
            for path in lock.withLock({ pending }) { try? fm.removeItem(atPath: base + path + temporarySuffix) }
            OutputWriter.removeEmptyFolders(Array(lock.withLock { newFolders }), in: output)
        }
    }

    /// Creates the folder a file goes in, once per folder.
    private func createFolder(of path: String) throws {
        guard let slash = path.lastIndex(of: "/") else { return }
        let folder = String(path[..<slash])
        if lock.withLock({ createdFolders.contains(folder) }) { return }
        // The folders this write brings into being, so that `discard` can take them away.
        var missing: [String] = []
        var prefix = folder[...]
        while !prefix.isEmpty, access(root + "/" + prefix, F_OK) != 0 {
            missing.append(String(prefix))
            prefix = prefix.lastIndex(of: "/").map { prefix[..<$0] } ?? ""
        }
        // Outermost first, one `mkdir` each (a site has a folder per page: FileManager's
        // checks of every component cost more than the folders). Another thread may make the
        // same folder meanwhile: a folder already there is fine, anything else there is not.
        for made in missing.reversed() {
            let path = root + "/" + made
            guard mkdir(path, 0o777) != 0 else { continue }
            let reason = errno
            var info = stat()
            if reason == EEXIST, stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { continue }
            throw GuideSiteError.unwritable(path: path, reason: String(cString: strerror(reason)))
        }
        lock.withLock {
            createdFolders.insert(folder)
            newFolders.formUnion(missing)
        }
    }

    /// Whether the file at `path` holds exactly `bytes`: read a block at a time, and given up at
    /// the first block that differs (a file of tens of megabytes that changed near its start is
    /// not read whole).
    static func holds(_ path: String, _ bytes: [UInt8]) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, Int(info.st_size) == bytes.count else { return false }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let blockSize = 1 << 18
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: min(blockSize, max(bytes.count, 1))) { block in
            bytes.withUnsafeBytes { expected in
                var offset = 0
                while offset < expected.count {
                    let n = read(descriptor, block.baseAddress, min(block.count, expected.count - offset))
                    if n < 0 && errno == EINTR { continue }
                    guard n > 0, let base = expected.baseAddress, let got = block.baseAddress,
                          memcmp(base + offset, got, n) == 0 else { return false }
                    offset += n
                }
                // Nothing more: the file did not grow since `stat`.
                return read(descriptor, block.baseAddress, 1) == 0
            }
        }
    }
}
