import Foundation

/// The articles the last build of a content folder loaded and linked, so that a rebuild neither
/// parses the front matter nor parses and links the Markdown of an article that did not change.
///
/// Three kinds of entries, each a pure function of its key (see ``ArticleCacheKeys``):
/// - **stamped**: the load key of an article file, keyed by its path and ``FileStamp``, so that
///   a rebuild does not even read a file whose stamp is the one recorded (only stamps of files
///   that had settled are recorded);
/// - **loaded**: what loading an article file produced, its ``GuidanceArticle`` (without its
///   body, which is cut from the file again) and its diagnostics, keyed by the file's bytes, its
///   display path and the site's languages;
/// - **linked**: an article's ``LinkedDocument`` and the diagnostics linking produced, keyed by
///   the article's load key and everything linking reads (site configuration, codes and
///   recommendations, theme locale, the table of article paths, the page…).
///
/// The file, `.guidesite-cache/articles-<hash of the content folder's path>.bin` next to the
/// output folder, is a header (magic, format version, a fingerprint of the program, where the
/// index is and its checksum), the entries' bytes, then the index: kind, key, place and
/// checksum of each entry. A file that is foreign, truncated, damaged or from another program
/// reads as empty; an entry whose checksum fails is made again. Safe to delete.
///
/// A build streams the entries it makes to a temporary file as it makes them (so they are not
/// held in memory), adds those it took from the old file and the index in ``stage()``, and
/// puts the file in place once the output is (``StagedCacheFile/commit()``): the new file
/// holds only what this build used, and is written only when that differs from the old one.
///
/// Lookups and records come from the loading and linking threads at once: the state they
/// change is behind a lock.
final class ArticleCache: @unchecked Sendable {
    /// Bump when loading or linking changes in a way the keys do not show. (The program's own
    /// file, size and date, is part of the fingerprint too: a new build of guidesite starts
    /// with an empty cache.)
    static let programVersion = "guidesite-articles-2"
    /// Bump when the layout of the file or of an entry changes.
    static let formatVersion: UInt64 = 3
    static let magic: [UInt8] = Array("GSARTCL\n".utf8)

    // Layout, integers little-endian:
    //   header: magic (8 bytes) · format version (8) · fingerprint (16) · index offset (8) · entry count (8) · index checksum (8)
    //   the entries' bytes, one after the other
    //   index, to the end of the file: per entry, kind (1) · key (16) · offset in the file (8) · length (8) · checksum (8)
    static let headerSize = 56
    static let indexEntrySize = 41

    enum Kind: UInt8 {
        case loaded = 1
        case linked = 2
        case stamped = 3
        case code = 4
    }

    struct EntryKey: Hashable {
        var kind: UInt8
        var key: CacheKey
    }

    /// Where an entry's bytes are in a file, and their checksum.
    struct StoredEntry {
        var range: Range<Int>
        var checksum: UInt64
    }

    /// What a build took from the cache and what it made again.
    struct Use: Sendable, Equatable {
        var loadedHits = 0
        var loadedMisses = 0
        var linkedHits = 0
        var linkedMisses = 0
        /// Article files not read, their stamps being the recorded ones.
        var stampHits = 0
    }

    /// What loading one article file produced.
    struct LoadedEntry {
        /// The article, without its body; nil when the file did not make one.
        var article: GuidanceArticle?
        /// Where the body starts in the file's bytes, when the text is those bytes as they are.
        var bodyOffset: Int?
        var diagnostics: [Diagnostic]
    }

    let file: URL
    let fingerprint: CacheKey
    /// When the build started, and how long before it a file must have last changed for its
    /// stamp to be recorded (``FileStamp/isSettled(at:margin:)``).
    let startedAt: Int64
    let settleMargin: Int64

    /// The old file and its index; entries are decoded from it when asked for.
    private struct Contents {
        var bytes = Data()
        var index: [EntryKey: StoredEntry] = [:]
    }
    /// Read on another thread while the build lists and reads the content: see ``contents``.
    private var readContents = Contents()
    private let reading = DispatchGroup()

    /// Entries decoded by earlier builds of this process (``ArticleMemory``), if it keeps them.
    private let memory: ArticleMemory?
    private let lock = NSLock()
    private var reused: [EntryKey: StoredEntry] = [:]
    /// The entries made by this build, in the temporary file.
    private var made: [EntryKey: StoredEntry] = [:]
    private var output: EntryFileWriter?
    private var failed = false
    private var loadKeys: [String: CacheKey] = [:]
    private var unreadBodies: [String: UnreadBody] = [:]
    private var counts = Use()

    /// The cache of the builds of `content` into `output`, read from disk when it is there and
    /// whole. The file is read on another thread; the first lookup waits for it.
    init(output: URL, content: URL, settleMargin: Int64 = 2_000_000_000, memory: ArticleMemory? = nil) {
        self.memory = memory
        file = Self.file(output: output, content: content)
        fingerprint = Self.programFingerprint()
        startedAt = FileStamp.now()
        self.settleMargin = settleMargin
        reading.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            // Mapped, not read: the pages of entries this build does not use are never touched (the
            // file is only ever replaced whole, by a rename, never changed in place).
            let bytes = (try? Data(contentsOf: file, options: .alwaysMapped)) ?? Data()
            if let index = Self.readIndex(bytes, fingerprint: fingerprint) {
                readContents = Contents(bytes: bytes, index: index)
            }
            reading.leave()
        }
    }

    deinit {
        output?.abandon()
    }

    /// The old file, once it is read.
    private var contents: Contents {
        reading.wait()
        return readContents
    }

    /// `.guidesite-cache/articles-<hash of the content folder's path>.bin` next to the output
    /// folder. Named by the content, not the output, because its entries do not depend on the
    /// output: the builds of `guidesite serve`, each into a new folder of one parent, share it.
    static func file(output: URL, content: URL) -> URL {
        let folder = output.standardizedFileURL.deletingLastPathComponent().appendingPathComponent(".guidesite-cache", isDirectory: true)
        var name = StableHash()
        name.combine(content.standardizedFileURL.path)
        return folder.appendingPathComponent("articles-\(String(name.value, radix: 16)).bin")
    }

    /// The program version, the format version and the running executable's identity.
    static func programFingerprint() -> CacheKey {
        var hasher = CacheKeyHasher("guidesite article cache")
        hasher.combine(programVersion)
        hasher.combine(formatVersion)
        hasher.combine(ProgramIdentity.current)
        return hasher.finish()
    }

    // MARK: Reading

    /// The index of a file's entries; nil when the file is not a whole cache of this program.
    static func readIndex(_ bytes: Data, fingerprint: CacheKey) -> [EntryKey: StoredEntry]? {
        bytes.withUnsafeBytes { raw -> [EntryKey: StoredEntry]? in
            guard raw.count >= headerSize, raw.starts(with: magic) else { return nil }
            var header = BinaryReader(raw, offset: magic.count)
            do {
                guard try header.fixed() == formatVersion,
                      try header.fixed() == fingerprint.high, try header.fixed() == fingerprint.low else { return nil }
                let indexOffset = try header.fixed(), count = try header.fixed(), checksum = try header.fixed()
                // The index runs from its offset to the end of the file, exactly.
                guard indexOffset >= UInt64(headerSize), indexOffset <= UInt64(raw.count),
                      count <= UInt64(raw.count), count * UInt64(indexEntrySize) == UInt64(raw.count) - indexOffset else { return nil }
                let table = UnsafeRawBufferPointer(rebasing: raw[Int(indexOffset)...])
                guard XXH64.hash(table, seed: formatVersion) == checksum else { return nil }
                var entries: [EntryKey: StoredEntry] = [:]
                entries.reserveCapacity(Int(count))
                var row = BinaryReader(table)
                for _ in 0..<count {
                    let kind = try row.byte()
                    let key = CacheKey(high: try row.fixed(), low: try row.fixed())
                    let offset = try row.fixed(), length = try row.fixed(), sum = try row.fixed()
                    guard Kind(rawValue: kind) != nil, offset >= UInt64(headerSize), offset <= indexOffset,
                          length <= indexOffset - offset else { return nil }
                    let start = Int(offset)
                    entries[EntryKey(kind: kind, key: key)] = StoredEntry(range: start..<(start + Int(length)), checksum: sum)
                }
                return entries
            } catch {
                return nil
            }
        }
    }

    /// Decodes an entry of the old file after checking its checksum; nil if either fails.
    /// `body` reads the entry's bytes; it is also given the file's bytes and where the entry starts in them.
    private static func decode<T>(_ entry: StoredEntry, in stored: Data,
                                  _ body: (inout BinaryReader, _ file: Data, _ start: Int) throws(BinaryReader.Malformed) -> T) -> T? {
        stored.withUnsafeBytes { raw -> T? in
            guard entry.range.upperBound <= raw.count else { return nil }
            let payload = UnsafeRawBufferPointer(rebasing: raw[entry.range])
            guard XXH64.hash(payload, seed: formatVersion) == entry.checksum else { return nil }
            var reader = BinaryReader(payload)
            guard let value = try? body(&reader, stored, entry.range.lowerBound), reader.isAtEnd else { return nil }
            return value
        }
    }

    private func lookup<T>(_ kind: Kind, _ key: CacheKey, _ body: (inout BinaryReader) throws(BinaryReader.Malformed) -> T) -> T? {
        lookup(kind, key) { (reader: inout BinaryReader, _: Data, _: Int) throws(BinaryReader.Malformed) in try body(&reader) }
    }

    /// The entry of this kind and key, decoded by `body`, if the old file has it whole and
    /// `accepting` takes it; only then is it kept for the next file.
    private func lookup<T>(_ kind: Kind, _ key: CacheKey, accepting: (T) -> Bool = { _ in true },
                           _ body: (inout BinaryReader, _ file: Data, _ start: Int) throws(BinaryReader.Malformed) -> T) -> T? {
        let entryKey = EntryKey(kind: kind.rawValue, key: key)
        let contents = contents
        guard let entry = contents.index[entryKey] else { return nil }
        // Decoded by an earlier build from the same bytes: taken as it is.
        if let memory, let value = memory.value(entryKey, checksum: entry.checksum, as: T.self) {
            guard accepting(value) else { return nil }
            lock.withLock { reused[entryKey] = entry }
            return value
        }
        guard let value = Self.decode(entry, in: contents.bytes, body), accepting(value) else { return nil }
        lock.withLock { reused[entryKey] = entry }
        memory?.keep(value, for: entryKey, checksum: entry.checksum)
        return value
    }

    // MARK: Recording

    /// Appends an entry made by this build to the temporary file.
    private func record(_ kind: Kind, _ key: CacheKey, _ payload: [UInt8]) {
        let checksum = XXH64.hash(payload, seed: Self.formatVersion)
        lock.withLock {
            guard !failed else { return }
            if output == nil {
                output = EntryFileWriter(path: StagedCacheFile.temporaryPath(of: file), headerSize: Self.headerSize)
                failed = output == nil
            }
            guard let output, let range = output.append(payload) else {
                failed = true
                return
            }
            made[EntryKey(kind: kind.rawValue, key: key)] = StoredEntry(range: range, checksum: checksum)
        }
    }

    /// `articles-<hash>.bin.tmp-<process id>`.

    // MARK: Loaded articles

    /// What loading the file with this key produced; nil when the cache does not have it.
    func loadedArticle(_ key: CacheKey) -> LoadedEntry? {
        let found = lookup(.loaded, key) { (reader: inout BinaryReader) throws(BinaryReader.Malformed) in try reader.loadedArticle() }
        lock.withLock {
            if found != nil { counts.loadedHits += 1 } else { counts.loadedMisses += 1 }
        }
        return found
    }

    /// Keeps what loading the file with this key produced.
    func recordLoaded(_ key: CacheKey, article: GuidanceArticle?, bodyOffset: Int?, diagnostics: [Diagnostic]) {
        var writer = BinaryWriter(capacity: 512)
        writer.loadedArticle(LoadedEntry(article: article, bodyOffset: bodyOffset, diagnostics: diagnostics))
        record(.loaded, key, writer.bytes)
    }

    /// The code loaded from a file whose load key (bytes, path, languages) is `key`, with the
    /// diagnostics loading it gave; nil when the cache does not have it.
    func loadedCode(_ key: CacheKey) -> (code: EthicsCode?, diagnostics: [Diagnostic])? {
        lookup(.code, key) { (reader: inout BinaryReader) throws(BinaryReader.Malformed) in try reader.loadedCode() }
    }

    /// Keeps what loading the code file with this key produced.
    func recordCode(_ key: CacheKey, code: EthicsCode?, diagnostics: [Diagnostic]) {
        var writer = BinaryWriter(capacity: 64 * 1024)
        writer.loadedCode(code, diagnostics: diagnostics)
        record(.code, key, writer.bytes)
    }

    /// Notes the load key of the file shown as `path`, for the keys of its linking.
    func noteLoadKey(_ key: CacheKey, forFile path: String) {
        lock.withLock { loadKeys[path] = key }
    }

    /// The load key of the file shown as `path`, if this build loaded it through the cache.
    func loadKey(forFile path: String) -> CacheKey? {
        lock.withLock { loadKeys[path] }
    }

    // MARK: Stamps

    /// The load key recorded for the file whose stamp key (``ArticleCacheKeys/stamp(path:languages:defaultLanguage:stamp:)``)
    /// is `key`; nil when none is.
    func loadKey(stamped key: CacheKey) -> CacheKey? {
        lookup(.stamped, key) { (reader: inout BinaryReader) throws(BinaryReader.Malformed) in
            CacheKey(high: try reader.fixed(), low: try reader.fixed())
        }
    }

    /// Keeps the load key of a file read with this stamp, if the stamp is one of a settled file.
    func recordStamp(_ stamp: FileStamp, key: CacheKey, loadKey: CacheKey) {
        guard stamp.isSettled(at: startedAt, margin: settleMargin) else { return }
        var writer = BinaryWriter(capacity: 16)
        writer.fixed(loadKey.high)
        writer.fixed(loadKey.low)
        record(.stamped, key, writer.bytes)
    }

    /// The body of an article loaded from the cache without reading its file: read only if the
    /// article must be linked again.
    struct UnreadBody: Sendable {
        /// The file's path.
        var file: String
        /// The path diagnostics show.
        var path: String
        /// Where the body starts in the file's bytes.
        var offset: Int
        /// The key of the bytes the stamp stands for, and what it is made from.
        var loadKey: CacheKey
        var languages: [String]
        var defaultLanguage: String

        /// The body, from the file, or the error to report if the file is no longer the one its
        /// stamp stood for (it changed while the build ran).
        func read() -> (body: String?, problem: Diagnostic?) {
            guard let bytes = ContentLoader.readFile(file, limit: SourceFile.maximumSize),
                  bytes.withUnsafeBytes({ ArticleCacheKeys.load(path: path, languages: languages, defaultLanguage: defaultLanguage, bytes: $0) }) == loadKey,
                  offset <= bytes.count else {
                return (nil, .error("the file changed while guidesite was building: build again", at: SourceLocation(file: path)))
            }
            return (String(decoding: bytes[offset...], as: UTF8.self), nil)
        }
    }

    /// Notes that the article of the file shown as `path` was loaded without its body.
    func noteUnreadBody(_ body: UnreadBody, forFile path: String) {
        lock.withLock {
            unreadBodies[path] = body
            counts.stampHits += 1
        }
    }

    /// The body of the file shown as `path`, when it was loaded without it.
    func unreadBody(forFile path: String) -> UnreadBody? {
        lock.withLock { unreadBodies[path] }
    }

    // MARK: Linked documents

    /// The linked document and the diagnostics of linking with this key; nil when the cache does
    /// not have it, or has one whose links to other articles no longer resolve as they did in
    /// `articlePaths` (``ArticleLookup``): the article is linked again, and its new entry replaces the old.
    func linkedDocument(_ key: CacheKey, articlePaths: [String: String]) -> (LinkedDocument, [Diagnostic])? {
        // Its HTML and section texts are decoded only if a page or the search index asks for them.
        let found = lookup(.linked, key, accepting: { ArticleLookup.allHold($0.0.articleLookups, in: articlePaths) }) {
            (reader: inout BinaryReader, file: Data, start: Int) throws(BinaryReader.Malformed) in
            try reader.linkedDocument(deferringTextsOf: file, at: start)
        }
        lock.withLock {
            if found != nil { counts.linkedHits += 1 } else { counts.linkedMisses += 1 }
        }
        return found
    }

    /// Keeps what linking with this key produced.
    func recordLinked(_ key: CacheKey, document: LinkedDocument, diagnostics: [Diagnostic]) {
        var writer = BinaryWriter(capacity: document.html.utf8.count * 2 + 1024)
        writer.linkedDocument(document, diagnostics: diagnostics)
        record(.linked, key, writer.bytes)
    }

    /// What this build took from the cache and made again, so far.
    var use: Use { lock.withLock { counts } }

    // MARK: Writing

    /// Completes the temporary file with the entries this build took from the old file and the
    /// index, to be put in place once the build succeeds. Nil when the old file is still worth
    /// keeping (``CacheRewrite``: it lacks few of the entries this build used, and holds few it
    /// did not use), or when the file could not be written (the next build only loses its reuse).
    func stage() -> StagedCacheFile? {
        let contents = contents
        return lock.withLock { () -> StagedCacheFile? in
            // Every entry made is one the old file could not give (absent, or damaged).
            if !failed && !CacheRewrite.isWorthIt(missing: made.count, stale: contents.index.count - reused.count, entries: contents.index.count) {
                self.output?.abandon()
                self.output = nil
                return nil
            }
            StagedCacheFile.removeAbandonedFiles(of: file)
            if output == nil && !failed {
                output = EntryFileWriter(path: StagedCacheFile.temporaryPath(of: file), headerSize: Self.headerSize)
            }
            guard let output, !failed else {
                self.output?.abandon()
                self.output = nil
                return nil
            }
            self.output = nil
            var entries = made
            var written = contents.bytes.withUnsafeBytes { raw in
                for (key, entry) in reused where made[key] == nil {
                    guard let range = output.append(UnsafeRawBufferPointer(rebasing: raw[entry.range])) else { return false }
                    entries[key] = StoredEntry(range: range, checksum: entry.checksum)
                }
                return true
            }
            var table = BinaryWriter(capacity: entries.count * Self.indexEntrySize)
            for (key, entry) in entries {
                table.byte(key.kind)
                table.fixed(key.key.high)
                table.fixed(key.key.low)
                table.fixed(UInt64(entry.range.lowerBound))
                table.fixed(UInt64(entry.range.count))
                table.fixed(entry.checksum)
            }
            let indexOffset = output.position
            written = written && output.append(table.bytes) != nil
            var header = BinaryWriter(capacity: Self.headerSize)
            header.raw(Self.magic)
            header.fixed(Self.formatVersion)
            header.fixed(fingerprint.high)
            header.fixed(fingerprint.low)
            header.fixed(UInt64(indexOffset))
            header.fixed(UInt64(entries.count))
            header.fixed(XXH64.hash(table.bytes, seed: Self.formatVersion))
            guard written, output.finish(header: header.bytes) else {
                output.abandon()
                return nil
            }
            return StagedCacheFile(temporary: URL(fileURLWithPath: output.path), file: file)
        }
    }

}

/// The temporary file of an article cache, written through a buffer with `write(2)`: room for
/// the header first, entries appended as they come, the header written last. No `fsync`: a
/// damaged cache only reads as empty.
private final class EntryFileWriter {
    let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// Bytes appended so far, header room included.
    private(set) var position = 0
    private var closed = false
    private static let bufferSize = 1 << 20

    init?(path: String, headerSize: Int) {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        buffer.reserveCapacity(Self.bufferSize)
        guard append([UInt8](repeating: 0, count: headerSize)) != nil else {
            abandon()
            return nil
        }
    }

    /// Appends `bytes`; returns where they are in the file, nil if writing failed.
    func append(_ bytes: [UInt8]) -> Range<Int>? {
        bytes.withUnsafeBytes { append($0) }
    }

    func append(_ bytes: UnsafeRawBufferPointer) -> Range<Int>? {
        let start = position
        if buffer.count + bytes.count > Self.bufferSize {
            guard flush() else { return nil }
        }
        if bytes.count >= Self.bufferSize {
            guard writeAll(bytes, at: nil) else { return nil }
        } else {
            buffer.append(contentsOf: bytes)
        }
        position += bytes.count
        return start..<position
    }

    private func flush() -> Bool {
        defer { buffer.removeAll(keepingCapacity: true) }
        return buffer.withUnsafeBytes { writeAll($0, at: nil) }
    }

    /// Writes all of `bytes` at the end of the file, or at `offset`.
    private func writeAll(_ bytes: UnsafeRawBufferPointer, at offset: Int?) -> Bool {
        guard var start = bytes.baseAddress else { return true }
        var left = bytes.count
        var at = offset ?? 0
        while left > 0 {
            let n = offset == nil ? write(descriptor, start, left) : pwrite(descriptor, start, left, off_t(at))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            start += n
            left -= n
            at += n
        }
        return true
    }

    /// Writes what is buffered and the header at the start, and closes the file; false if any of it failed.
    func finish(header: [UInt8]) -> Bool {
        let flushed = flush()
        let headed = header.withUnsafeBytes { writeAll($0, at: 0) }
        closed = true
        return close(descriptor) == 0 && flushed && headed
    }

    /// Closes and removes the file.
    func abandon() {
        if !closed { close(descriptor) }
        closed = true
        unlink(path)
    }
}
