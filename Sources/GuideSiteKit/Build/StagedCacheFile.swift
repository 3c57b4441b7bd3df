import Foundation

/// A build cache file written under a temporary name (`<file>.tmp-<pid>`), waiting for the
/// build to succeed: ``commit()`` puts it in place of the old one, ``discard()`` forgets it.
struct StagedCacheFile: Sendable {
    let temporary: URL
    let file: URL

    /// Puts the new cache in place of the old one.
    func commit() {
        if rename(temporary.path, file.path) != 0 { discard() }
    }

    /// Forgets it (the build failed): the previous cache stays.
    func discard() {
        unlink(temporary.path)
    }

    /// The temporary name of `file` for this process.
    static func temporaryPath(of file: URL) -> String {
        file.path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// Removes temporary files of `file` left by builds that were stopped (their process is gone).
    static func removeAbandonedFiles(of file: URL) {
        let folder = file.deletingLastPathComponent().path
        let prefix = file.lastPathComponent + ".tmp-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != ProcessInfo.processInfo.processIdentifier,
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(folder + "/" + name)
        }
    }
}
