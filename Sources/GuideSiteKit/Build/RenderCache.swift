import Foundation

/// What the last build of an output folder rendered: each page's context hash and the size and
/// date its file had once written. A page whose context hash is unchanged and whose file is still
/// the one written is not rendered again: same context and same templates give the same bytes.
/// The search index of a language is kept the same way, by a hash of its documents.
///
/// The cache lives in a hidden folder (`.guidesite-cache/` next to the output folder), is keyed
/// by the program (its version and its executable file), the theme's templates and locale files
/// and the output folder, and is safe to delete: without it, every page is rendered.
public struct RenderCache: Sendable {
    /// Bump when rendering changes in a way the context does not show.
    public static let programVersion = "guidesite-render-3"

    struct Entry: Sendable, Hashable {
        var hash: UInt64
        var size: Int64
        var modified: Int64  // nanoseconds
    }

    let file: URL
    let fingerprint: String
    var entries: [String: Entry] = [:]

    /// The cache of `output` for `theme`, read from disk when it matches them.
    public init(output: URL, theme: URL) {
        file = Self.file(for: output)
        var key = StableHash()
        key.combine(Self.programVersion)
        key.combine(ProgramIdentity.current)
        for sub in ["templates", "locales"] {
            let root = theme.appendingPathComponent(sub)
            let paths = (FileManager.default.subpaths(atPath: root.path) ?? []).sorted()
            for path in paths {
                guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else { continue }
                key.combine(sub + "/" + path)
                key.combine(bytes: data)
            }
        }
        fingerprint = String(key.value, radix: 16)
        entries = Self.read(file, fingerprint: fingerprint)
    }

    /// Where the cache of the output folder `output` is kept.
    static func file(for output: URL) -> URL {
        var name = StableHash()
        name.combine(output.standardizedFileURL.path)
        return output.deletingLastPathComponent().appendingPathComponent(".guidesite-cache", isDirectory: true)
            .appendingPathComponent("render-\(String(name.value, radix: 16)).txt")
    }

    /// Gives `clone`, a hard-link clone of `output` (see ``OutputClone``), the cache of `output`:
    /// the clone's files are the same files, so what the cache says of them holds.
    static func adopt(from output: URL, for clone: URL) {
        try? FileManager.default.removeItem(at: file(for: clone))
        try? FileManager.default.copyItem(at: file(for: output), to: file(for: clone))
    }

    /// Removes the cache of `output` (a folder that is gone).
    static func forget(_ output: URL) {
        try? FileManager.default.removeItem(at: file(for: output))
    }

    static func read(_ file: URL, fingerprint: String) -> [String: Entry] {
        guard let data = FileManager.default.contents(atPath: file.path) else { return [:] }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard lines.first == "guidesite render cache \(fingerprint)" else { return [:] }
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(lines.count)
        for line in lines.dropFirst() {
            let fields = line.split(separator: "\t")
            guard fields.count == 4, let hash = UInt64(fields[1], radix: 16), let size = Int64(fields[2]),
                  let modified = Int64(fields[3]) else { continue }
            entries[String(fields[0])] = Entry(hash: hash, size: size, modified: modified)
        }
        return entries
    }

    /// Whether the page at `path` of `output` is what its context hash would render.
    public func isCurrent(_ path: String, hash: UInt64, in output: URL) -> Bool {
        guard let entry = entries[path], entry.hash == hash,
              let stamp = Self.stamp(output.path + "/" + path) else { return false }
        return stamp.size == entry.size && stamp.modified == entry.modified
    }

    /// The files under `prefix` (the search index of one language), each with the hash it was
    /// made from, when the group was made from `hash` (the key of what its documents are made
    /// from, or their hash) and every one of its files is still as written; nil otherwise. A
    /// group's own hash is recorded under `prefix` itself, a path that ends with `/` and so is
    /// never a file's.
    public func currentGroup(prefix: String, hash: UInt64, in output: URL) -> [(path: String, hash: UInt64)]? {
        guard prefix.hasSuffix("/"), entries[prefix]?.hash == hash else { return nil }
        let members = entries.filter { $0.key.hasPrefix(prefix) && $0.key != prefix }
        guard !members.isEmpty, members.allSatisfy({ isCurrent($0.key, hash: $0.value.hash, in: output) }) else { return nil }
        return members.map { ($0.key, $0.value.hash) }.sorted { $0.path < $1.path }
    }

    /// Records what was written (every page's hash and its file's size and date, and the hash of
    /// each group, under its folder's path) for the next build. A page in `kept` was found current
    /// with the hash it has now, so its entry stays as it was, without looking at its file again.
    public mutating func record(_ hashes: [String: UInt64], kept: Set<String> = [], in output: URL) {
        var recorded: [String: Entry] = [:]
        recorded.reserveCapacity(hashes.count)
        for (path, hash) in hashes {
            if path.hasSuffix("/") {
                recorded[path] = Entry(hash: hash, size: -1, modified: -1)  // a group, not a file
            } else if kept.contains(path), let entry = entries[path], entry.hash == hash {
                recorded[path] = entry
            } else if let stamp = Self.stamp(output.path + "/" + path) {
                recorded[path] = Entry(hash: hash, size: stamp.size, modified: stamp.modified)
            }
        }
        entries = recorded
    }

    /// Writes the cache; a cache that cannot be written only costs the next build its reuse.
    /// Written plainly and renamed into place, without `fsync`: a cache lost in a crash is rebuilt.
    public func save() {
        var text = "guidesite render cache \(fingerprint)\n"
        for path in entries.keys.sorted() {
            guard let e = entries[path] else { continue }
            text += "\(path)\t\(String(e.hash, radix: 16))\t\(e.size)\t\(e.modified)\n"
        }
        let folder = file.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = StagedCacheFile.temporaryPath(of: file)
        guard OutputWriter.writeFile(Array(text.utf8), to: temporary) == nil else {
            unlink(temporary)
            return
        }
        if rename(temporary, file.path) != 0 { unlink(temporary) }
    }

    /// Removes the cache file (when the output it describes is replaced by other means).
    public func remove() { try? FileManager.default.removeItem(at: file) }

    static func stamp(_ path: String) -> (size: Int64, modified: Int64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (Int64(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }
}
