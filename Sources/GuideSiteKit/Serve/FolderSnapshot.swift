import Foundation

/// The size, modification time and inode of every file under some folders: what the preview
/// server compares, every few hundred milliseconds, to notice that an author saved a file.
///
/// Polling is portable (Linux and macOS alike). It must also be cheap, since it runs all the
/// time `serve` does: each folder is read with `readdir` and each entry stamped with `fstatat`
/// relative to the open folder, a few microseconds a file (a portal of 10,000 articles in tens
/// of milliseconds; Foundation's enumerator with resource values took most of a second, on a
/// core it kept busy three polls out of four).
/// Hidden files and folders (editor swap files, `.git`) are ignored, as the loader ignores them.
/// Links are followed, as the loader follows them; a folder reached twice is read once.
public struct FolderSnapshot: Sendable, Equatable {
    /// One file's stamp.
    public struct Stamp: Sendable, Equatable {
        public var size: Int
        public var modified: Date
        /// Tells a file replaced by another of the same size and date (an editor that saves by
        /// renaming a new file over the old one).
        var inode: UInt64 = 0

        public init(size: Int, modified: Date) {
            self.size = size
            self.modified = modified
        }

        init(_ info: stat) {
            size = Int(info.st_size)
            modified = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
            inode = UInt64(info.st_ino)
        }
    }

    /// Stamps by absolute path.
    public var files: [String: Stamp]

    public init(files: [String: Stamp] = [:]) {
        self.files = files
    }

    /// Reads the stamps of every regular file under the folders (missing folders are empty).
    public static func take(of folders: [URL]) -> FolderSnapshot {
        var files: [String: Stamp] = [:]
        var read: Set<FolderID> = []
        for folder in folders {
            add(folder.standardizedFileURL.path, to: &files, read: &read)
        }
        return FolderSnapshot(files: files)
    }

    /// A folder, by its device and inode.
    private struct FolderID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// Adds the files under `path` (a folder) to `files`, unless `read` holds the folder already.
    private static func add(_ path: String, to files: inout [String: Stamp], read: inout Set<FolderID>) {
        guard let folder = OpenFolder(path) else { return }
        let descriptor = folder.descriptor
        var own = stat()
        guard fstat(descriptor, &own) == 0, read.insert(FolderID(device: UInt64(own.st_dev), inode: UInt64(own.st_ino))).inserted else { return }
        let prefix = path.hasSuffix("/") ? path : path + "/"
        var subfolders: [String] = []
        folder.forEachEntry { name, _ in
            if name.hasPrefix(".") { return }  // hidden
            var info = stat()
            // Through links; a broken link is no file.
            guard fstatat(descriptor, name, &info, 0) == 0 else { return }
            switch info.st_mode & S_IFMT {
            case S_IFREG: files[prefix + name] = Stamp(info)
            case S_IFDIR: subfolders.append(prefix + name)
            default: return
            }
        }
        // Closed before going down: a deep tree holds one folder open at a time.
        folder.close()
        for subfolder in subfolders { add(subfolder, to: &files, read: &read) }
    }

    /// The paths added, removed or changed since `earlier`, sorted.
    public func changes(since earlier: FolderSnapshot) -> [String] {
        var changed: [String] = []
        for (path, stamp) in files where earlier.files[path] != stamp { changed.append(path) }
        for path in earlier.files.keys where files[path] == nil { changed.append(path) }
        return changed.sorted()
    }
}
