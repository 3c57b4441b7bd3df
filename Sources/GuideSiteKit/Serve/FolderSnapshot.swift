import Foundation

/// The size and modification time of every file under some folders: what the preview server
/// compares, every few hundred milliseconds, to notice that an author saved a file.
///
/// Polling is portable (Linux and macOS alike) and cheap at the size of a content folder.
/// Hidden files and folders (editor swap files, `.git`) are ignored, as the loader ignores them.
public struct FolderSnapshot: Sendable, Equatable {
    /// One file's stamp.
    public struct Stamp: Sendable, Equatable {
        public var size: Int
        public var modified: Date
    }

    /// Stamps by absolute path.
    public var files: [String: Stamp]

    public init(files: [String: Stamp] = [:]) {
        self.files = files
    }

    /// Reads the stamps of every regular file under the folders (missing folders are empty).
    public static func take(of folders: [URL]) -> FolderSnapshot {
        var files: [String: Stamp] = [:]
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        for folder in folders {
            guard let enumerator = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles]) else { continue }
            for case let url as URL in enumerator {
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                files[url.standardizedFileURL.path] = Stamp(size: values.fileSize ?? 0,
                                                            modified: values.contentModificationDate ?? .distantPast)
            }
        }
        return FolderSnapshot(files: files)
    }

    /// The paths added, removed or changed since `earlier`, sorted.
    public func changes(since earlier: FolderSnapshot) -> [String] {
        var changed: [String] = []
        for (path, stamp) in files where earlier.files[path] != stamp { changed.append(path) }
        for path in earlier.files.keys where files[path] == nil { changed.append(path) }
        return changed.sorted()
    }
}
