import Foundation

/// Writes a built site so that the previous one survives any failure (through an
/// ``OutputSession``), and checks output folders and paths for safety.
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
        // (NUL looked for in the bytes: `String.contains` of a string goes through Foundation.)
        !path.isEmpty && !path.hasPrefix("/") && !path.utf8.contains(0) && !path.split(separator: "/").contains("..")
    }

    /// What a write changed.
    public struct Changes: Sendable, Hashable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
    }

    /// Writes the site: every file and asset, replacing what the output folder held.
    ///
    /// `keeping` lists files already in the output that stay as they are (pages the render cache
    /// found current): they are neither compared nor removed.
    @discardableResult
    public func write(_ files: [OutputFile], copying assets: [(path: String, url: URL)], keeping kept: [String] = []) throws -> Changes {
        let session = try OutputSession(output: output)
        do {
            try session.add(all: files)
            try Self.copy(assets, into: session)
            session.keep(kept)
            return try session.commit()
        } catch {
            session.discard()
            throw Self.wrap(error, path: output.path)
        }
    }

    /// Adds the theme's assets to a write, under `assets/`.
    static func copy(_ assets: [(path: String, url: URL)], into sink: OutputSink) throws {
        for asset in assets {
            guard let data = FileManager.default.contents(atPath: asset.url.path) else {
                throw GuideSiteError.unwritable(path: asset.url.path, reason: "the theme file could not be read")
            }
            try sink.add(OutputFile(path: "assets/" + asset.path, bytes: [UInt8](data)))
        }
    }

    /// Writes bytes to a new file; nil on success, the error otherwise.
    static func writeFile(_ bytes: [UInt8], to path: String) -> GuideSiteError? {
        writeFile(to: path) { fd in bytes.withUnsafeBytes { writeAll($0, to: fd) } }
    }

    /// Writes a file piece by piece (made bytes and spans of an earlier file), creating or
    /// truncating it; nil on success.
    static func writeFile(_ file: SplicedFile, to path: String) -> GuideSiteError? {
        writeFile(to: path) { fd in
            var failure: Int32?
            file.forEachPiece { piece in
                if failure == nil { failure = writeAll(piece, to: fd) }
            }
            return failure
        }
    }

    /// Creates or truncates the file at `path` and has `write` fill it (returning the `errno` of
    /// a failure, or nil); nil on success.
    private static func writeFile(to path: String, _ write: (Int32) -> Int32?) -> GuideSiteError? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return .unwritable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        guard let failure = write(fd) else { return nil }
        return .unwritable(path: path, reason: String(cString: strerror(failure)))
    }

    /// Writes all of `bytes` to an open file, again after an interruption; nil on success, the
    /// `errno` of the failure otherwise.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            guard let start = bytes.baseAddress else { return nil }
            let n = Glibc.write(descriptor, start + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if n == 0 { return EIO }
            offset += n
        }
        return nil
    }

    /// The files and the folders under a folder, as relative paths, in one walk. Entries are
    /// told apart by the type `readdir` gives (no `stat` per file, unless the file system does
    /// not say); a symbolic link is listed as a file, never followed.
    static func listContents(of root: URL) -> (files: Set<String>, folders: [String]) {
        let listing = listContents(of: root, stamping: false)
        return (listing.files, listing.folders)
    }

    /// ``listContents(of:)``, and with `stamping` each file's size and date (as `stat` gives
    /// them, read relative to its folder while the folder is open: no path is walked again).
    static func listContents(of root: URL, stamping: Bool) -> (files: Set<String>, folders: [String], stamps: [String: Stamp]) {
        var files: Set<String> = []
        var folders: [String] = []
        var stamps: [String: Stamp] = [:]
        var pending = [""]
        while let relative = pending.popLast() {
            let path = relative.isEmpty ? root.path : root.path + "/" + relative
            guard let folder = OpenFolder(path) else { continue }
            let descriptor = folder.descriptor
            folder.forEachEntry { name, type in
                let child = relative.isEmpty ? name : relative + "/" + name
                var isFolder = type == Int32(DT_DIR)
                if type == Int32(DT_UNKNOWN) {
                    var info = stat()
                    isFolder = fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
                }
                if isFolder {
                    folders.append(child)
                    pending.append(child)
                } else {
                    files.insert(child)
                    var info = stat()
                    if stamping, fstatat(descriptor, name, &info, 0) == 0 { stamps[child] = Stamp(info) }
                }
            }
        }
        return (files, folders, stamps)
    }

    /// An output file's size and date of last change (nanoseconds), as the render cache keeps
    /// them (``FileStamp`` is a content file's, with more).
    struct Stamp: Sendable, Equatable {
        var size: Int64
        var modified: Int64

        init(size: Int64, modified: Int64) {
            self.size = size
            self.modified = modified
        }

        init(_ info: stat) {
            self.init(size: Int64(info.st_size), modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
        }
    }

    /// Removes, deepest first, the folders that removed pages left empty.
    static func removeEmptyFolders(_ folders: [String], in root: URL) {
        let fm = FileManager.default
        for folder in folders.sorted(by: { $0.utf8.count > $1.utf8.count }) {  // deepest first
            let path = root.path + "/" + folder
            if (try? fm.contentsOfDirectory(atPath: path))?.isEmpty == true { try? fm.removeItem(atPath: path) }
        }
    }

    static func wrap(_ error: Error, path: String) -> GuideSiteError {
        (error as? GuideSiteError) ?? .unwritable(path: path, reason: error.localizedDescription)
    }
}
