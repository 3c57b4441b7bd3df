import Foundation

/// A copy of a built site whose files are hard links to the original's: made in the time of a
/// folder walk, whatever the size of the files, and safe to build over, since an
/// ``OutputSession`` never writes into an existing file (it writes a new one and puts it in the
/// old one's place, which leaves the original's file as it was).
///
/// `serve` clones the site it serves to make its second site, so that the first rebuild updates
/// the clone (with the render cache) instead of rendering every page into an empty folder; the
/// two sites then take turns.
enum OutputClone {
    /// Makes `copy` (which must not exist) a clone of the folder `original`.
    ///
    /// - Returns: whether the whole folder was cloned; when not (a file system without hard
    ///   links, say), nothing is left at `copy`.
    static func clone(_ original: URL, to copy: URL) -> Bool {
        let (files, folders) = OutputWriter.listContents(of: original)
        let from = original.standardizedFileURL.path + "/", to = copy.standardizedFileURL.path + "/"
        // `listContents` lists a folder before what it holds.
        var done = mkdir(copy.path, 0o755) == 0
        for folder in folders where done { done = mkdir(to + folder, 0o755) == 0 }
        for file in files where done { done = link(from + file, to + file) == 0 }
        if !done { try? FileManager.default.removeItem(at: copy) }
        return done
    }
}
