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
    /// The paths of `entries` in the order the file had them (the order ``save()`` writes),
    /// while no path was added or removed since: a rebuild then writes the file again without
    /// sorting its 18,000 paths.
    private var order: [String]?
    /// The output folder's files with their stamps, as listed when the build started: when
    /// set, a page is found current from them, without a `stat` of its file.
    var listedStamps: [String: OutputWriter.Stamp]?

    /// The cache of `output` for `theme`, read from disk when it matches them.
    public init(output: URL, theme: URL) {
        self.init(output: output, theme: theme, stored: Self.readFile(of: output))
    }

    /// The cache of `output` for `theme`, from what ``readFile(of:)`` read of it (on another
    /// thread, while the build loads the content).
    init(output: URL, theme: URL, stored: Stored) {
        file = Self.file(for: output)
        fingerprint = Self.fingerprint(theme: theme)
        if stored.fingerprint == fingerprint {
            entries = stored.entries
            order = stored.order.count == stored.entries.count ? stored.order : nil
        }
    }

    /// What the cache file holds: the fingerprint it was written with and its entries.
    struct Stored: Sendable {
        var fingerprint: String?
        var entries: [String: Entry] = [:]
        /// The paths in the file's order.
        var order: [String] = []
    }

    /// The program (its version and executable) and the theme's templates and locale files.
    static func fingerprint(theme: URL) -> String {
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
        return String(key.value, radix: 16)
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

    /// The cache file of `output`, parsed: a first line `guidesite render cache <fingerprint>`,
    /// then one line per entry, `path <tab> hash (hex) <tab> size <tab> date (ns)`. Lines that do
    /// not parse are skipped (their pages are rendered).
    static func readFile(of output: URL) -> Stored {
        guard let bytes = ContentLoader.readFile(file(for: output).path, limit: 1 << 30) else { return Stored() }
        return bytes.withUnsafeBufferPointer { text -> Stored in
            let header = Array("guidesite render cache ".utf8)
            guard let firstEnd = text.firstIndex(of: 0x0A), text.starts(with: header) else { return Stored() }
            var stored = Stored(fingerprint: String(decoding: text[header.count..<firstEnd], as: UTF8.self))
            stored.entries.reserveCapacity(text.count / 80)
            var start = firstEnd + 1
            while start < text.count {
                let end = text[start...].firstIndex(of: 0x0A) ?? text.count
                if let (path, entry) = parse(UnsafeBufferPointer(rebasing: text[start..<end])), stored.entries.updateValue(entry, forKey: path) == nil {
                    stored.order.append(path)
                }
                start = end + 1
            }
            return stored
        }
    }

    /// One entry line, without its end.
    private static func parse(_ line: UnsafeBufferPointer<UInt8>) -> (String, Entry)? {
        var fields: [Range<Int>] = []
        var fieldStart = 0
        for k in 0..<line.count where line[k] == 0x09 {
            fields.append(fieldStart..<k)
            fieldStart = k + 1
        }
        fields.append(fieldStart..<line.count)
        guard fields.count == 4, !fields[0].isEmpty,
              let hash = number(line[fields[1]], radix: 16), let size = signed(line[fields[2]]),
              let modified = signed(line[fields[3]]) else { return nil }
        return (String(decoding: line[fields[0]], as: UTF8.self), Entry(hash: hash, size: size, modified: modified))
    }

    /// A decimal number, perhaps negative (a group's size and date are -1).
    private static func signed(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int64? {
        if digits.first == UInt8(ascii: "-") {
            guard let magnitude = number(digits.dropFirst(), radix: 10), magnitude <= UInt64(Int64.max) else { return nil }
            return -Int64(magnitude)
        }
        guard let value = number(digits, radix: 10), value <= UInt64(Int64.max) else { return nil }
        return Int64(value)
    }

    /// A number of at most 64 bits in hexadecimal or decimal digits; nil for anything else.
    private static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>, radix: UInt64) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 20 else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            let digit: UInt64
            switch byte {
            case 0x30...0x39: digit = UInt64(byte - 0x30)
            case 0x61...0x66 where radix == 16: digit = UInt64(byte - 0x61 + 10)
            default: return nil
            }
            let (times, overflow) = value.multipliedReportingOverflow(by: radix)
            let (sum, carry) = times.addingReportingOverflow(digit)
            guard !overflow, !carry else { return nil }
            value = sum
        }
        return value
    }

    /// Whether the page at `path` of `output` is what its context hash would render.
    public func isCurrent(_ path: String, hash: UInt64, in output: URL) -> Bool {
        isCurrent(path, hash: hash, inFolder: output.path + "/")
    }

    /// ``isCurrent(_:hash:in:)`` with the output folder's path and a slash, made once by the
    /// caller that asks for thousands of files. With ``listedStamps``, the file's stamp is the
    /// one listed (the folder is then not looked at).
    func isCurrent(_ path: String, hash: UInt64, inFolder folder: String) -> Bool {
        guard let entry = entries[path], entry.hash == hash else { return false }
        let stamp = if let listedStamps { listedStamps[path] } else { Self.stamp(folder + path) }
        guard let stamp else { return false }
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
        let folder = output.path + "/"
        guard !members.isEmpty, members.allSatisfy({ isCurrent($0.key, hash: $0.value.hash, inFolder: folder) }) else { return nil }
        return members.map { ($0.key, $0.value.hash) }.sorted { $0.path < $1.path }
    }

    /// Records what was written (every page's hash and its file's size and date, and the hash of
    /// each group, under its folder's path) for the next build. `made` lists the files this
    /// build handed to the output (written, or found to hold their bytes already): their files
    /// are looked at again. A file not made was kept, found current with the hash it has now,
    /// so its entry stays as it was; any other is left without an entry (rendered next time).
    /// Says whether that changed anything the cache held.
    @discardableResult
    public mutating func record(_ hashes: [String: UInt64], made: Set<String>, in output: URL) -> Bool {
        let folder = output.path + "/"
        var changed = false
        var absent = 0  // paths of `hashes` left without an entry
        for (path, hash) in hashes {
            let entry: Entry?
            if path.hasSuffix("/") {
                entry = Entry(hash: hash, size: -1, modified: -1)  // a group, not a file
            } else if made.contains(path) {
                entry = Self.stamp(folder + path).map { Entry(hash: hash, size: $0.size, modified: $0.modified) }
            } else if entries[path]?.hash == hash {
                continue
            } else {
                entry = nil
            }
            if entry == nil { absent += 1 }
            let before = entries[path]
            if before != entry {
                entries[path] = entry
                changed = true
                if (before == nil) != (entry == nil) { order = nil }  // a path added or removed
            }
        }
        // Paths the site no longer has.
        if entries.count != hashes.count - absent {
            entries = entries.filter { hashes[$0.key] != nil }
            changed = true
            order = nil
        }
        return changed
    }

    /// Writes the cache; a cache that cannot be written only costs the next build its reuse.
    /// Written plainly and renamed into place, without `fsync`: a cache lost in a crash is rebuilt.
    public func save() {
        var text = JSONBytes(capacity: 64 + entries.count * 96)
        text.bytes += Array("guidesite render cache \(fingerprint)\n".utf8)
        func hex(_ value: UInt64) {
            var digits = 1, rest = value >> 4
            while rest > 0 { digits += 1; rest >>= 4 }
            for k in stride(from: digits - 1, through: 0, by: -1) {
                let digit = UInt8((value >> (UInt64(k) * 4)) & 0xF)
                text.raw(byte: digit < 10 ? 0x30 + digit : 0x61 + digit - 10)
            }
        }
        // The lines of `paths`; how many of them have an entry.
        func lines(_ paths: [String]) -> Int {
            var found = 0
            for path in paths {
                guard let e = entries[path] else { continue }
                found += 1
                text.bytes += path.utf8
                text.raw(byte: 0x09)
                hex(e.hash)
                text.raw(byte: 0x09)
                text.integer(Int(e.size))
                text.raw(byte: 0x09)
                text.integer(Int(e.modified))
                text.raw(byte: 0x0A)
            }
            return found
        }
        // In the file's order while it is every path's (it was sorted when written), else sorted.
        let headerEnd = text.bytes.count
        if let order, order.count == entries.count, lines(order) == entries.count {} else {
            text.bytes.removeSubrange(headerEnd...)
            _ = lines(entries.keys.sorted())
        }
        let folder = file.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = StagedCacheFile.temporaryPath(of: file)
        guard OutputWriter.writeFile(text.bytes, to: temporary) == nil else {
            unlink(temporary)
            return
        }
        if rename(temporary, file.path) != 0 { unlink(temporary) }
    }

    /// Removes the cache file (when the output it describes is replaced by other means).
    public func remove() { try? FileManager.default.removeItem(at: file) }

    static func stamp(_ path: String) -> OutputWriter.Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return OutputWriter.Stamp(info)
    }
}
