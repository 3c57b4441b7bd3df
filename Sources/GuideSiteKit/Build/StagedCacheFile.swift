import Foundation

/// A build cache file written under a temporary name (`<file>.tmp-<pid>-<random>`), waiting for
/// the build to succeed: ``commit()`` puts it in place of the old one, ``discard()`` forgets it.
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

    /// A new temporary name of `file` for this process. The random part keeps apart two builds
    /// with the same process id (two containers sharing a cache folder): a cache file is mapped
    /// while it is read, so it must never be written into once in place.
    static func temporaryPath(of file: URL) -> String {
        file.path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
    }

    /// Removes temporary files (or folders) of `file` left by builds that were stopped (their
    /// process is gone). With `includingThisProcess`, those named with this process's id too,
    /// for names a process never holds from one build to the next (in a container, every run
    /// of the command may be process 1).
    static func removeAbandonedFiles(of file: URL, includingThisProcess: Bool = false) {
        let folder = file.deletingLastPathComponent().path
        let prefix = file.lastPathComponent + ".tmp-"
        let this = ProcessInfo.processInfo.processIdentifier
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }),
                  pid == this ? includingThisProcess : kill(pid, 0) != 0 && errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }
}

/// When a build cache file is worth writing again. A cache is a memo: an entry it lacks is
/// only made again, and an entry no longer used only takes room. So after a small edit the old
/// file is kept as it is (the next build makes the few entries it lacks again, in milliseconds)
/// instead of rewriting hundreds of megabytes; it is written again once it lacks more than 1 %
/// of what a build uses, or more than a fifth of it is no longer used.
enum CacheRewrite {
    /// - Parameters: `missing`, entries this build made that the file lacks; `stale`, entries of
    ///   the file this build did not use; `entries`, entries in the file.
    static func isWorthIt(missing: Int, stale: Int, entries: Int) -> Bool {
        missing * 100 > entries || stale * 5 > entries
    }
}
