import Foundation

#if os(Linux)
import Glibc

/// Tells the preview server that something under its folders changed, as it happens: the
/// kernel's file events (inotify) on every folder under them, instead of a look at every file
/// every few hundred milliseconds.
///
/// It only wakes the server: what changed is still found by comparing ``FolderSnapshot``s, so
/// an event it misses (a file system without events, such as a network share) or one it
/// reports wrongly can only delay a rebuild until the server's next look, never make a wrong
/// one. Folders made later are watched as they appear; hidden files and folders (editor swap
/// files, `.git`) are ignored, as the snapshot ignores them.
final class FolderWatcher: @unchecked Sendable {
    private let descriptor: Int32
    private let roots: [String]
    /// Each watch's folder, and the watch of each folder (by device and inode: a folder reached
    /// twice through links is watched once). Touched only by the thread that waits.
    private var folders: [Int32: (path: String, id: [UInt64])] = [:]
    private var watches: [[UInt64]: Int32] = [:]

    private static let events = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
        | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

    /// Watches the folders and all the folders under them; nil when the system gives no file
    /// events (the server then only polls).
    init?(folders roots: [URL]) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        self.roots = roots.map(\.standardizedFileURL.path)
        guard descriptor >= 0 else { return nil }
        for root in self.roots { watch(root) }
        guard !folders.isEmpty else {
            close(descriptor)
            return nil
        }
    }

    deinit { close(descriptor) }

    /// Watches `path` and the folders under it, those not watched yet (each folder read once,
    /// should links lead to one twice).
    private func watch(_ path: String) {
        var seen: Set<[UInt64]> = []
        watch(path, seen: &seen)
    }

    private func watch(_ path: String, seen: inout Set<[UInt64]>) {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return }
        let id = [UInt64(info.st_dev), UInt64(info.st_ino)]
        guard seen.insert(id).inserted else { return }
        if watches[id] == nil {
            let watchDescriptor = inotify_add_watch(descriptor, path, Self.events)
            // Out of watches (`fs.inotify.max_user_watches`): the server's looks still find the change.
            guard watchDescriptor >= 0 else { return }
            watches[id] = watchDescriptor
            folders[watchDescriptor] = (path, id)
        }
        guard let folder = OpenFolder(path) else { return }
        var subfolders: [String] = []
        let prefix = path.hasSuffix("/") ? path : path + "/"
        folder.forEachEntry { name, type in
            if !name.hasPrefix("."), type == Int32(DT_DIR) || type == Int32(DT_LNK) || type == Int32(DT_UNKNOWN) {
                subfolders.append(prefix + name)
            }
        }
        folder.close()
        for subfolder in subfolders { watch(subfolder, seen: &seen) }
    }

    /// A folder now at `path` that was watched under another path: it and the folders under it
    /// are known by their new paths (folders made in them later are watched where they are).
    private func moved(to path: String) {
        var info = stat()
        guard stat(path, &info) == 0, let watchDescriptor = watches[[UInt64(info.st_dev), UInt64(info.st_ino)]],
              let old = folders[watchDescriptor]?.path, old != path else { return }
        let oldPrefix = old + "/"
        for (other, folder) in folders where folder.path == old || folder.path.hasPrefix(oldPrefix) {
            folders[other]?.path = path + folder.path.dropFirst(old.count)
        }
    }

    /// Waits up to `timeout` for a change; true when one came (and its events were read). Blocks
    /// the calling thread: call it off the server's executor.
    func waitForChange(timeout: Duration) -> Bool {
        let milliseconds = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&request, 1, milliseconds) > 0 else { return false }
        return readEvents()
    }

    /// Reads the events waiting; whether one of them is about a file or folder that is not hidden.
    private func readEvents() -> Bool {
        var changed = false
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, size)
            guard count > 0 else { return changed }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = buffer + offset + MemoryLayout<inotify_event>.size
                let name = event.len > 0 ? String(cString: nameStart.assumingMemoryBound(to: CChar.self)) : ""
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
                if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    // Events were lost, folders made among them too: the server looks at
                    // everything, and every folder not watched yet is.
                    changed = true
                    for root in roots { watch(root) }
                    continue
                }
                if name.hasPrefix(".") { continue }
                changed = true
                // A folder made or moved in: watched, with what it holds already; one moved
                // within the watched folders keeps its watch, under its new path.
                if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0,
                   let parent = folders[event.wd]?.path {
                    let path = parent.hasSuffix("/") ? parent + name : parent + "/" + name
                    if event.mask & UInt32(IN_MOVED_TO) != 0 { moved(to: path) }
                    watch(path)
                }
                // A folder removed: its inode may come back as another folder's, to be watched then.
                if event.mask & UInt32(IN_IGNORED) != 0, let gone = folders.removeValue(forKey: event.wd) { watches[gone.id] = nil }
            }
        }
    }
}
#else
/// File events are used on Linux only; elsewhere the preview server polls.
final class FolderWatcher: @unchecked Sendable {
    init?(folders: [URL]) { return nil }
    func waitForChange(timeout: Duration) -> Bool { false }
}
#endif
