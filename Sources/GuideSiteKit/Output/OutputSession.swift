import Foundation

/// One write of the site, file by file as the build makes them, put in place all together.
///
/// - Into a folder that does not exist yet, files go to a staging folder next to it, renamed
///   into place by ``commit()``.
/// - Into an existing output folder, a file whose bytes are already there is left alone (its
///   date too, which deployments and web caches rely on); a changed file is written under a
///   temporary name in its folder. ``commit()`` moves the old ones aside and the new ones into
///   their places, and removes the files the site no longer has.
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
    /// Where the old files that new ones replaced (or that were removed) were moved to (see
    /// ``commit(beforeChanging:)``), until ``freeReplacedFiles()`` removes them.
    private var replaced: Aside?
    private var unchanged = 0
    private var finished = false

    /// Starts a write into `output` (created if missing, with its parents).
    public convenience init(output: URL) throws {
        try self.init(output: output, listing: nil)
    }

    /// What ``OutputWriter/listContents(of:stamping:)`` found in an output folder: files, folders
    /// and each file's stamp.
    typealias Listing = (files: Set<String>, folders: [String], stamps: [String: OutputWriter.Stamp])

    /// The listing of `output` if it is a folder, nil otherwise: for ``init(output:listing:)``,
    /// made on another thread while the build runs.
    static func list(_ output: URL, stamping: Bool) -> Listing? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: output.standardizedFileURL.path, isDirectory: &isFolder), isFolder.boolValue else { return nil }
        return OutputWriter.listContents(of: output.standardizedFileURL, stamping: stamping)
    }

    /// Starts a write into `output`, given what it held when the build started (``list(_:)``),
    /// or nil to list it now.
    init(output: URL, listing: Listing?) throws {
        self.output = output.standardizedFileURL
        temporarySuffix = ".guidesite-tmp-\(ProcessInfo.processInfo.processIdentifier)"
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: self.output.path, isDirectory: &isFolder), isFolder.boolValue {
            let (files, folders, _) = listing ?? OutputWriter.listContents(of: self.output, stamping: false)
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
            lock.withLock { pending.append(path) }
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
            // (Every `add` has returned by now: the lists are read without the lock.)
            var aside = Aside(of: output)
            for path in pending {
                let target = base + path, temporary = target + temporarySuffix
                // An old file is swapped with the new one, then moved aside from the new one's
                // temporary name; where the swap is not possible, the new file is renamed over it.
                if existing.contains(path), aside.swap(temporary, target) { continue }
                guard rename(temporary, target) == 0 else {
                    let reason = String(cString: strerror(errno))
                    lock.withLock { replaced = aside }
                    finished = false
                    discard()
                    throw GuideSiteError.unwritable(path: target, reason: reason)
                }
            }
            for path in stale where !aside.moveAway(base + path) { try? fm.removeItem(atPath: base + path) }
            lock.withLock { replaced = aside }
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

    /// Where ``commit(beforeChanging:)`` moves the old files it replaces or removes: a folder next
    /// to the output folder (`.<output>.replaced.tmp-<pid>-<random>/`), made when first needed,
    /// removed by ``freeReplacedFiles()`` after the build.
    ///
    /// On ext4, a `rename` over an existing file frees the old file's blocks (tens of
    /// milliseconds for one of tens of megabytes, on disks mounted with `discard`) and first
    /// allocates and starts writing the new file's (`auto_da_alloc`); an `unlink` frees blocks
    /// too. Swapping the two files (`renameat2` with `RENAME_EXCHANGE`) does neither, and is as
    /// atomic as a `rename`: the path always holds the old file or the new one. The old file,
    /// now under the new one's temporary name, is renamed to a free name in the folder, and its
    /// blocks are freed while the build saves its caches. A build stopped before that leaves
    /// the folder to the next build, which removes it.
    struct Aside {
        let name: URL
        /// The folder, once made; "" when it cannot be used (not made, or on another file system).
        private(set) var folder: String?
        private var count = 0

        init(of output: URL) {
            name = OutputSession.replacedName(of: output)
            StagedCacheFile.removeAbandonedFiles(of: name, includingThisProcess: true)
        }

        /// Puts the file at `new` in place of the one at `old`, and the old one aside: false
        /// when it could not be swapped (nothing changed then).
        mutating func swap(_ new: String, _ old: String) -> Bool {
            guard usable, let exchange = Self.renameat2, exchange(AT_FDCWD, new, AT_FDCWD, old, Self.renameExchange) == 0 else { return false }
            // The old file is now at `new`, the temporary name: moved aside, or else removed.
            if !moveAway(new) { unlink(new) }
            return true
        }

        /// Moves the file at `path` aside; false when it could not be.
        mutating func moveAway(_ path: String) -> Bool {
            guard usable, let folder else { return false }
            guard rename(path, folder + "/\(count)") == 0 else {
                if errno == EXDEV { self.folder = "" }  // another file system: not tried again
                return false
            }
            count += 1
            return true
        }

        /// Whether the folder is there, made now if it is not yet.
        private mutating func makeFolder() -> Bool {
            if folder == nil {
                let made = StagedCacheFile.temporaryPath(of: name)
                folder = mkdir(made, 0o700) == 0 ? made : ""
            }
            return folder?.isEmpty == false
        }

        private var usable: Bool {
            mutating get { makeFolder() }
        }

        /// Removes the folder and what was moved to it.
        func remove() {
            guard let folder, !folder.isEmpty else { return }
            for k in 0..<count { unlink(folder + "/\(k)") }
            if rmdir(folder) != 0 { try? FileManager.default.removeItem(atPath: folder) }
        }

        /// glibc's `renameat2` (Linux 3.15, glibc 2.28), found when the program runs: Swift's
        /// Glibc module does not declare it. Nil elsewhere: files are then renamed over.
        private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        private static let renameat2: RenameAt2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }
        private static let renameExchange: UInt32 = 1 << 1
    }

    /// Frees the old files that ``commit(beforeChanging:)`` moved aside (their folder goes; a
    /// build stopped before that leaves it to the next one, which removes it).
    public func freeReplacedFiles() {
        lock.withLock {
            defer { replaced = nil }
            return replaced
        }?.remove()
    }

    /// What the folders of replaced files are named after.
    static func replacedName(of output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).replaced")
    }

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
        let made = try makeFolder(folder[...])
        lock.withLock {
            createdFolders.insert(folder)
            newFolders.formUnion(made)
        }
    }

    /// Makes `folder` (under the root) and its missing parents; gives those it made, so that
    /// `discard` can take them away. One `mkdir` when the parent is there (a site has a folder
    /// per page: checking each component first cost more than the folders). Another thread may
    /// make the same folder meanwhile: a folder already there is fine, anything else there is not.
    private func makeFolder(_ folder: Substring) throws -> [String] {
        let path = root + "/" + folder
        if mkdir(path, 0o777) == 0 { return [String(folder)] }
        var reason = errno
        if reason == ENOENT, let slash = folder.lastIndex(of: "/") {
            let parents = try makeFolder(folder[..<slash])
            if mkdir(path, 0o777) == 0 { return parents + [String(folder)] }
            reason = errno
        }
        var info = stat()
        if reason == EEXIST, stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return [] }
        throw GuideSiteError.unwritable(path: path, reason: String(cString: strerror(reason)))
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
