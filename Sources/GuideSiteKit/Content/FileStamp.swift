import Foundation

/// What the file system says of a file without reading it: device, inode, size, and the times
/// of its last change of content (`mtime`) and of anything about it (`ctime`, which no program
/// can set back). Two equal stamps of a path mean its bytes did not change in between, provided
/// the first was taken once the file had settled (see ``isSettled(at:margin:)``): the idea of
/// git's index, with its guard for changes within a timestamp's precision.
struct FileStamp: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: UInt64
    /// Nanoseconds since 1970.
    var modified: Int64
    var changed: Int64

    init(device: UInt64, inode: UInt64, size: UInt64, modified: Int64, changed: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.changed = changed
    }

    /// The stamp of what `stat` returned.
    init(_ info: stat) {
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
        size = UInt64(truncatingIfNeeded: info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    }

    /// Whether the file last changed more than `margin` nanoseconds before `now`, so that a
    /// change after `now` cannot leave the same stamp even on a file system whose times are
    /// coarse (FAT keeps two seconds, HFS+ one): only such a stamp may stand for the bytes.
    func isSettled(at now: Int64, margin: Int64) -> Bool {
        modified < now - margin && changed < now - margin
    }

    /// The current time, in nanoseconds since 1970, as file times count it.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}

/// A content file found by listing a folder, with its stamp.
struct ListedFile: Sendable {
    /// The file's absolute path, as listing made it.
    var path: String
    var stamp: FileStamp

    var url: URL { URL(fileURLWithPath: path, isDirectory: false) }
}
