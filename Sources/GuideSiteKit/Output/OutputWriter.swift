import Foundation

/// Writes a built site so that the previous one survives any failure.
///
/// - A first build writes into a staging folder next to the output folder, renamed into place
///   once every file is written.
/// - A rebuild writes only the files whose bytes changed, each first under a temporary name in
///   its folder; once all are written they are renamed over the old ones and the files the site
///   no longer has are removed. If a write fails, the temporary files are removed and the
///   previous output is left as it was. Unchanged files keep their dates, which deployments
///   (rsync) and web caches rely on.
///
/// Files are written on every core.
public struct OutputWriter: Sendable {
    public var output: URL

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    /// Refuses output folders that would overwrite or swallow the user's sources.
    public static func checkSafe(output: URL, protecting sources: [URL], workingDirectory: URL) throws {
        let out = output.standardizedFileURL.resolvingSymlinksInPath().path
        let cwd = workingDirectory.standardizedFileURL.resolvingSymlinksInPath().path
        if out == "/" || out == FileManager.default.homeDirectoryForCurrentUser.standardizedFileURL.path
            || cwd == out || cwd.hasPrefix(out + "/") {
            throw GuideSiteError.unsafeOutput(path: output.path, reason: "it is the root, the home folder or the current folder (or one of its parents)")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isFolder), !isFolder.boolValue {
            throw GuideSiteError.unsafeOutput(path: output.path, reason: "it is a file, not a folder")
        }
        for source in sources {
            let src = source.standardizedFileURL.resolvingSymlinksInPath().path
            if src == out {
                throw GuideSiteError.unsafeOutput(path: output.path, reason: "it is the folder '\(source.lastPathComponent)' the site is built from")
            }
            if src.hasPrefix(out + "/") {
                throw GuideSiteError.unsafeOutput(path: output.path, reason: "it contains '\(source.lastPathComponent)', which the build would overwrite")
            }
            if out.hasPrefix(src + "/") {
                throw GuideSiteError.unsafeOutput(path: output.path, reason: "it is inside '\(source.lastPathComponent)', which it would pollute")
            }
        }
    }

    /// Whether a relative output path stays inside the output folder.
    public static func isContained(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains("..") && !path.contains("\0")
    }

    /// What a write changed.
    public struct Changes: Sendable, Hashable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
    }

    /// Writes the site: every file and asset, replacing what the output folder held.
    @discardableResult
    /// `keeping` lists files already in the output that stay as they are (pages the render cache
    /// found current): they are neither compared nor removed.
    public func write(_ files: [OutputFile], copying assets: [(path: String, url: URL)], keeping kept: [String] = []) throws -> Changes {
        for path in files.map(\.path) + assets.map({ "assets/" + $0.path }) where !Self.isContained(path) {
            throw GuideSiteError.unsafeOutput(path: path, reason: "the path leaves the output folder")
        }
        var all = files
        for asset in assets {
            guard let data = FileManager.default.contents(atPath: asset.url.path) else {
                throw GuideSiteError.unwritable(path: asset.url.path, reason: "the theme file could not be read")
            }
            all.append(OutputFile(path: "assets/" + asset.path, bytes: [UInt8](data)))
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: output.path, isDirectory: &isFolder), isFolder.boolValue {
            return try update(all, keeping: kept)
        }
        try fresh(all)
        return Changes(written: all.count)
    }

    /// A first build: a staging folder renamed into place.
    func fresh(_ files: [OutputFile]) throws {
        let fm = FileManager.default
        let parent = output.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(output.lastPathComponent).staging-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw GuideSiteError.unwritable(path: parent.path, reason: error.localizedDescription)
        }
        try? fm.removeItem(at: staging)
        do {
            try Self.createFolders(for: files.map(\.path), in: staging)
            let failures = files.parallelMap(chunkSize: 16) { file in
                Self.writeFile(file.bytes, to: staging.appendingPathComponent(file.path).path)
            }
            if let failure = failures.compactMap({ $0 }).first { throw failure }
            try fm.moveItem(at: staging, to: output)
        } catch {
            try? fm.removeItem(at: staging)
            throw Self.wrap(error, path: output.path)
        }
    }

    /// A rebuild: only changed files, all written before any is put in place.
    func update(_ files: [OutputFile], keeping kept: [String]) throws -> Changes {
        let fm = FileManager.default
        let (existing, folders) = Self.listContents(of: output)
        let suffix = ".guidesite-tmp-\(ProcessInfo.processInfo.processIdentifier)"
        let base = output.path + "/"
        // Which files changed: compared with what is there, on every core.
        let changed = files.parallelMap(chunkSize: 16) { file -> Bool in
            guard existing.contains(file.path),
                  let handle = FileHandle(forReadingAtPath: base + file.path) else { return true }
            defer { try? handle.close() }
            guard let old = try? handle.readToEnd() else { return true }
            return old.count != file.bytes.count || !old.elementsEqual(file.bytes)
        }
        let toWrite = zip(files, changed).filter(\.1).map(\.0)
        do {
            try Self.createFolders(for: toWrite.map(\.path), in: output)
        } catch {
            throw Self.wrap(error, path: output.path)
        }
        let failures = toWrite.parallelMap(chunkSize: 16) { file in
            Self.writeFile(file.bytes, to: base + file.path + suffix)
        }
        if let failure = failures.compactMap({ $0 }).first {
            for file in toWrite { try? fm.removeItem(atPath: base + file.path + suffix) }
            throw failure
        }
        for file in toWrite where rename(base + file.path + suffix, base + file.path) != 0 {
            let reason = String(cString: strerror(errno))
            for file in toWrite { try? fm.removeItem(atPath: base + file.path + suffix) }
            throw GuideSiteError.unwritable(path: base + file.path, reason: reason)
        }
        let current = Set(files.map(\.path)).union(kept)
        let stale = existing.subtracting(current).sorted()
        for path in stale { try? fm.removeItem(atPath: base + path) }
        Self.removeEmptyFolders(folders, in: output)
        return Changes(written: toWrite.count, unchanged: files.count - toWrite.count + kept.count, removed: stale.count)
    }

    /// Writes bytes to a new file; nil on success, the error otherwise.
    static func writeFile(_ bytes: [UInt8], to path: String) -> GuideSiteError? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return .unwritable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buffer -> Int in
                guard let start = buffer.baseAddress else { return 0 }
                return Glibc.write(fd, start + offset, buffer.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .unwritable(path: path, reason: String(cString: strerror(errno)))
            }
            offset += n
        }
        return nil
    }

    /// Creates the folders the files go in, each once.
    static func createFolders(for paths: [String], in root: URL) throws {
        var folders: Set<String> = [""]
        for path in paths {
            if let slash = path.lastIndex(of: "/") { folders.insert(String(path[..<slash])) }
        }
        for folder in folders.sorted() {
            try FileManager.default.createDirectory(at: folder.isEmpty ? root : root.appendingPathComponent(folder),
                                                    withIntermediateDirectories: true)
        }
    }

    /// The regular files and the folders under a folder, as relative paths, in one walk.
    static func listContents(of root: URL) -> (files: Set<String>, folders: [String]) {
        var files: Set<String> = []
        var folders: [String] = []
        let base = root.path + "/"
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return (files, folders) }
        while let relative = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: base + relative, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue { folders.append(relative) } else { files.insert(relative) }
        }
        return (files, folders)
    }

    /// Removes, deepest first, the folders that removed pages left empty.
    static func removeEmptyFolders(_ folders: [String], in root: URL) {
        let fm = FileManager.default
        for folder in folders.sorted(by: { $0.count > $1.count }) {
            let path = root.path + "/" + folder
            if (try? fm.contentsOfDirectory(atPath: path))?.isEmpty == true { try? fm.removeItem(atPath: path) }
        }
    }

    static func wrap(_ error: Error, path: String) -> GuideSiteError {
        (error as? GuideSiteError) ?? .unwritable(path: path, reason: error.localizedDescription)
    }
}
