import Foundation

/// A folder open for reading its entries with `readdir`, closed when the value goes (or when
/// ``close()`` consumes it, to close it before going down into its subfolders).
///
/// The listings of the build, of the output folder and of the preview server's watch read
/// folders this way: entry by entry, each `stat`-ed relative to the open folder (``descriptor``
/// with `fstatat`), with no path walked again and no Foundation listing.
struct OpenFolder: ~Copyable {
    private let handle: OpaquePointer

    /// Opens the folder at `path`; nil when it cannot be (see `errno`).
    init?(_ path: String) {
        guard let handle = opendir(path) else { return nil }
        self.handle = handle
    }

    deinit { closedir(handle) }

    /// The folder's descriptor, for `fstatat` of its entries.
    var descriptor: Int32 { dirfd(handle) }

    /// Calls `body` with each entry's name and type (`DT_DIR`, `DT_REG`, `DT_LNK`, `DT_UNKNOWN`
    /// when the file system does not say…), `.` and `..` left out, in the order `readdir` gives.
    func forEachEntry(_ body: (_ name: String, _ type: Int32) -> Void) {
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            body(name, Int32(entry.pointee.d_type))
        }
    }

    /// Closes the folder now.
    consuming func close() {}
}
