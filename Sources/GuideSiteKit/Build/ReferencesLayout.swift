import Foundation

/// Where each citing page's edges (and the nodes) are in the `data/references.json` a build
/// wrote, and a hash of what each run was written from, so that the next build copies the runs
/// of unchanged pages from that file, mapped, instead of writing them again
/// (``ReferencesWriter/spliced(reusing:nodesHash:)``).
///
/// Kept in the build cache folder next to the render cache. It is trusted only together with
/// the file it describes, as the render cache trusts a page: the file's size, date and inode
/// once in place are recorded, and the file found in the output must have them (a file written
/// again, by guidesite or by hand, has another date; hashing its tens of megabytes twice a
/// build cost more than the rest of making it). The layout itself carries a checksum and the
/// program's identity (which fixes the shape of a run). Any doubt, and the file is written whole.
struct ReferencesLayout: Sendable, Equatable {
    /// One citing page's edges: the hash of what they are written from, and their bytes in the
    /// file, without the comma that separates them from the edges before.
    struct Run: Sendable, Equatable {
        var hash: UInt64
        var range: Range<Int>
    }

    var fileSize: Int
    /// The file's date of last change (nanoseconds) and inode once in the output (``save(for:)``);
    /// zero in a layout just made.
    var fileModified: Int64 = 0
    var fileInode: UInt64 = 0
    /// By page id, as edges name the page (`from`).
    var runs: [String: Run]
    /// The elements of the `nodes` array, and the hash of what they are written from
    /// (``ReferencesWriter/inputHashes()``).
    var nodes: Run?

    static let magic = Array("GSREFLAYOUT3\n".utf8)

    /// Where the layout of `output`'s references file is kept.
    static func file(for output: URL) -> URL {
        var name = StableHash()
        name.combine(output.standardizedFileURL.path)
        return output.deletingLastPathComponent().appendingPathComponent(".guidesite-cache", isDirectory: true)
            .appendingPathComponent("references-\(String(name.value, radix: 16)).bin")
    }

    /// The layout of the file the last build wrote into `output`, and that file's bytes (mapped,
    /// not read), when both are there and agree; nil otherwise.
    static func previous(in output: URL) -> (layout: ReferencesLayout, file: FileBytes)? {
        guard let stored = FileManager.default.contents(atPath: file(for: output).path), let layout = decode([UInt8](stored)),
              // Checked on the file mapped (its descriptor), not on its path a moment before.
              let file = FileBytes(mapping: output.appendingPathComponent(ReferencesWriter.path).path, size: layout.fileSize, accepting: {
                  UInt64($0.st_ino) == layout.fileInode && OutputWriter.Stamp($0).modified == layout.fileModified
              }) else { return nil }
        return (layout, file)
    }

    /// Writes the layout for `output`, with the date and inode of the file it describes, now in
    /// place (through a temporary file); a failure only costs the next build the reuse.
    func save(for output: URL) {
        var info = stat()
        guard stat(output.appendingPathComponent(ReferencesWriter.path).path, &info) == 0, Int(info.st_size) == fileSize else {
            Self.forget(output)  // an older layout must not outlive the file it described
            return
        }
        var layout = self
        layout.fileModified = OutputWriter.Stamp(info).modified
        layout.fileInode = UInt64(info.st_ino)
        let file = Self.file(for: output)
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = StagedCacheFile.temporaryPath(of: file)
        guard OutputWriter.writeFile(layout.encoded(), to: temporary) == nil else {
            unlink(temporary)
            return
        }
        if rename(temporary, file.path) != 0 { unlink(temporary) }
    }

    /// Gives `clone`, a hard-link clone of `output` (``OutputClone``), the layout of `output`'s file.
    static func adopt(from output: URL, for clone: URL) {
        try? FileManager.default.removeItem(at: file(for: clone))
        try? FileManager.default.copyItem(at: file(for: output), to: file(for: clone))
    }

    /// Removes the layout kept for `output`.
    static func forget(_ output: URL) {
        try? FileManager.default.removeItem(at: file(for: output))
    }

    /// Magic, the program's identity, the file's size, date and inode, the runs by page id, and
    /// a checksum of everything before it.
    func encoded() -> [UInt8] {
        var writer = BinaryWriter(capacity: 64 + runs.count * 64)
        writer.raw(Self.magic)
        writer.string(ProgramIdentity.current)
        writer.unsigned(UInt64(fileSize))
        writer.fixed(UInt64(bitPattern: fileModified))
        writer.fixed(fileInode)
        writer.unsigned(nodes == nil ? 0 : 1)
        if let nodes {
            writer.fixed(nodes.hash)
            writer.unsigned(UInt64(nodes.range.lowerBound))
            writer.unsigned(UInt64(nodes.range.count))
        }
        writer.count(runs.count)
        // In the file's order (that of the pages' ids): numbers compare faster than the ids.
        for (page, run) in runs.sorted(by: { $0.value.range.lowerBound < $1.value.range.lowerBound }) {
            writer.string(page)
            writer.fixed(run.hash)
            writer.unsigned(UInt64(run.range.lowerBound))
            writer.unsigned(UInt64(run.range.count))
        }
        writer.fixed(XXH64.hash(writer.bytes, seed: 0))
        return writer.bytes
    }

    /// What ``encoded()`` wrote, by this program; nil for anything else.
    static func decode(_ bytes: [UInt8]) -> ReferencesLayout? {
        guard bytes.count >= magic.count + 8, bytes.starts(with: magic) else { return nil }
        let body = bytes.count - 8
        return bytes.withUnsafeBytes { raw -> ReferencesLayout? in
            var sum = BinaryReader(UnsafeRawBufferPointer(rebasing: raw[body...]))
            guard (try? sum.fixed()) == XXH64.hash(UnsafeRawBufferPointer(rebasing: raw[..<body]), seed: 0) else { return nil }
            var reader = BinaryReader(UnsafeRawBufferPointer(rebasing: raw[..<body]), offset: magic.count)
            do {
                guard try reader.string() == ProgramIdentity.current else { return nil }
                // Sizes and offsets are positions in the references file, not counts of what follows.
                let size = try reader.unsigned(), modified = Int64(bitPattern: try reader.fixed()), inode = try reader.fixed()
                guard size <= UInt64(Int.max) else { return nil }
                let fileSize = Int(size)
                var nodes: Run?
                switch try reader.unsigned() {
                case 0: break
                case 1:
                    let hash = try reader.fixed(), start = try reader.unsigned(), length = try reader.unsigned()
                    guard start <= UInt64(fileSize), length <= UInt64(fileSize) - start else { return nil }
                    nodes = Run(hash: hash, range: Int(start)..<Int(start + length))
                default: return nil
                }
                let count = try reader.count()
                var runs: [String: Run] = [:]
                runs.reserveCapacity(min(count, body))
                for _ in 0..<count {
                    let page = try reader.string(), hash = try reader.fixed()
                    let start = try reader.unsigned(), length = try reader.unsigned()
                    guard start <= UInt64(fileSize), length <= UInt64(fileSize) - start else { return nil }
                    runs[page] = Run(hash: hash, range: Int(start)..<Int(start + length))
                }
                guard reader.isAtEnd else { return nil }
                return ReferencesLayout(fileSize: fileSize, fileModified: modified, fileInode: inode, runs: runs, nodes: nodes)
            } catch {
                return nil
            }
        }
    }
}
