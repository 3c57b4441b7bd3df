import Foundation

/// The analyses of one language's search documents that the last build made (``SearchAnalyses``),
/// so that a rebuild whose documents changed analyses only the changed ones. An entry is a pure
/// function of its document (its hash is its key) and of the writer's settings and the program
/// (the file's fingerprint): the index made from it is the same bytes as one made from nothing.
///
/// The file, `.guidesite-cache/search-<language>-<hash of the content folder's path>.bin` next to
/// the output folder: magic, fingerprint, body length and body checksum (8 bytes each), then the
/// body: the vocabulary, and the documents' hashes, lengths, term offsets, term ids,
/// frequencies, JSON ends and JSON bytes as tables (a count, then the values as they lie in
/// memory), then the documents' stubs (``SearchDocumentStub``: URL, section, title, kind,
/// professions and source article), encoded, then the layout of the index made from them
/// (``SearchIndexLayout``), if it was made. The checksum chains XXH64 over the body's segments (see ``decode(_:)``). A file that is foreign, truncated, damaged
/// or from another program or setting reads as absent. Safe to delete.
struct SearchAnalysisCache: Sendable, Equatable {
    /// A cache's contents, read on another thread from the moment this is made.
    struct Preloaded: Sendable {
        let cache: SearchAnalysisCache
        /// The analyses, with where each article's documents are in them
        /// (``SearchAnalyses/articlePositions()``), found on the same thread.
        let analyses: BackgroundValue<(analyses: SearchAnalyses, articlePositions: [CacheKey: [Int]])?>

        init(_ cache: SearchAnalysisCache) {
            self.cache = cache
            analyses = BackgroundValue { cache.read().map { ($0, $0.articlePositions()) } }
        }
    }

    /// Bump when analysis or document entries change in a way the fingerprint does not show.
    static let programVersion = "guidesite-search-analyses-4"
    static let magic: [UInt8] = Array("GSSRCHA\n".utf8)
    static let headerSize = 32

    let file: URL
    let fingerprint: UInt64

    /// The cache of `language`'s analyses of the documents of the content folder `content`, as
    /// `writer` makes them, next to the output folder `output`. Named after the content folder,
    /// like the article cache, so that builds of one content into new folders (`serve`) share it.
    init(output: URL, content: URL, language: SearchLanguage, writer: SearchIndexWriter) {
        var name = StableHash()
        name.combine(content.standardizedFileURL.path)
        file = output.standardizedFileURL.deletingLastPathComponent().appendingPathComponent(".guidesite-cache", isDirectory: true)
            .appendingPathComponent("search-\(language.rawValue)-\(String(name.value, radix: 16)).bin")
        var key = StableHash()
        key.combine(Self.programVersion)
        key.combine(ProgramIdentity.current)
        key.combine(language.rawValue)
        let w = writer.weights
        for weight in [w.title, w.headings, w.tags, w.summary, w.body, w.citation, w.ownProvision] {
            key.combine(UInt64(weight.bitPattern))
        }
        key.combine(UInt64(writer.excerptLength))
        // Tables are written in the machine's byte order.
        key.combine(UInt64(1).littleEndian == 1 ? "little-endian" : "big-endian")
        fingerprint = key.value
    }

    /// The analyses the file holds; nil when there is no file or it cannot be trusted.
    func read() -> SearchAnalyses? {
        guard let data = try? Data(contentsOf: file, options: .alwaysMapped) else { return nil }
        return data.withUnsafeBytes { raw -> SearchAnalyses? in
            var header = BinaryReader(raw)
            guard let magic = try? header.bytes(8), Array(magic) == Self.magic,
                  let fingerprint = try? header.fixed(), fingerprint == self.fingerprint,
                  let length = try? header.fixed(), let checksum = try? header.fixed(),
                  length == UInt64(raw.count - Self.headerSize) else { return nil }
            let body = UnsafeRawBufferPointer(rebasing: raw[Self.headerSize...])
            guard let (analyses, segments) = try? Self.decode(body) else { return nil }
            var sum = fingerprint
            for segment in segments { sum = XXH64.hash(UnsafeRawBufferPointer(rebasing: body[segment]), seed: sum) }
            return sum == checksum ? analyses : nil
        }
    }

    /// Writes `analyses` under a temporary name, to be put in place once the output is. The
    /// tables go to the file from where they are, without a copy of the whole body in memory.
    func stage(_ analyses: SearchAnalyses) -> StagedCacheFile? {
        let parts = Self.encode(analyses)
        var checksum = fingerprint, length = 0
        for part in parts {
            part { bytes in
                checksum = XXH64.hash(bytes, seed: checksum)
                length += bytes.count
            }
        }
        var header = BinaryWriter(capacity: Self.headerSize)
        header.raw(Self.magic)
        header.fixed(fingerprint)
        header.fixed(UInt64(length))
        header.fixed(checksum)
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        StagedCacheFile.removeAbandonedFiles(of: file)
        let temporary = StagedCacheFile.temporaryPath(of: file)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var written = header.bytes.withUnsafeBytes { OutputWriter.writeAll($0, to: descriptor) == nil }
        for part in parts where written {
            part { bytes in written = written && OutputWriter.writeAll(bytes, to: descriptor) == nil }
        }
        guard written else {
            unlink(temporary)
            return nil
        }
        return StagedCacheFile(temporary: URL(fileURLWithPath: temporary), file: file)
    }

    /// A part of the body: hands its bytes to the function it is given.
    typealias Part = ((UnsafeRawBufferPointer) -> Void) -> Void

    /// The body, in parts: small ones encoded, the tables as they lie in memory (see
    /// ``BinaryWriter/table(_:)``, which writes the same bytes).
    static func encode(_ analyses: SearchAnalyses) -> [Part] {
        func encoded(_ write: (inout BinaryWriter) -> Void) -> Part {
            var writer = BinaryWriter()
            write(&writer)
            let bytes = writer.bytes
            return { use in bytes.withUnsafeBytes(use) }
        }
        func table<T: BitwiseCopyable>(_ values: [T]) -> [Part] {
            [encoded { $0.count(values.count) }, { use in values.withUnsafeBytes(use) }]
        }
        let terms = analyses.terms
        return [encoded { $0.strings(terms.vocabulary) }] + table(analyses.hashes) + table(terms.lengths) + table(terms.starts)
            + table(terms.terms) + table(terms.frequencies) + table(analyses.jsonEnds) + table(analyses.json)
            + [encoded { encode(stubs: analyses.stubs, into: &$0) }]
            + [encoded { writer in
                guard let layout = analyses.layout else { return writer.byte(0) }
                writer.byte(1)
                layout.encode(into: &writer)
            }]
    }

    /// Each stub but its hash (the hashes table holds it): URL, section, title (often the one
    /// before), kind, professions (ids in a list of their names, given first), and source.
    static func encode(stubs: [SearchDocumentStub], into writer: inout BinaryWriter) {
        var professionIDs: [String: Int] = [:]
        var professions: [String] = []
        for stub in stubs {
            for name in stub.professions where professionIDs[name] == nil {
                professionIDs[name] = professions.count
                professions.append(name)
            }
        }
        writer.strings(professions)
        var title: String?
        for stub in stubs {
            writer.string(stub.url)
            writer.string(stub.section)
            writer.repeatedString(stub.title, last: &title)
            writer.byte(UInt8(SearchDocument.Kind.allKnown.firstIndex(of: stub.kind) ?? 0))
            writer.count(stub.professions.count)
            for name in stub.professions { writer.unsigned(UInt64(professionIDs[name] ?? 0)) }
            if let source = stub.source {
                writer.byte(1)
                writer.fixed(source.high)
                writer.fixed(source.low)
            } else {
                writer.byte(0)
            }
        }
    }

    /// What ``encode(stubs:into:)`` wrote, for documents with these hashes.
    static func decodeStubs(_ reader: inout BinaryReader, hashes: [UInt64]) throws(BinaryReader.Malformed) -> [SearchDocumentStub] {
        let professions = try reader.strings()
        var stubs: [SearchDocumentStub] = []
        stubs.reserveCapacity(hashes.count)
        var title: String?
        let kinds = SearchDocument.Kind.allKnown
        for hash in hashes {
            let url = try reader.string(), section = try reader.string()
            guard let documentTitle = try reader.repeatedString(last: &title) else { throw BinaryReader.Malformed() }
            let kind = Int(try reader.byte())
            guard kind < kinds.count else { throw BinaryReader.Malformed() }
            let count = try reader.count()
            guard count <= reader.remaining else { throw BinaryReader.Malformed() }
            var names: [String] = []
            names.reserveCapacity(count)
            for _ in 0..<count {
                let id = try reader.unsigned()
                guard id < UInt64(professions.count) else { throw BinaryReader.Malformed() }
                names.append(professions[Int(id)])
            }
            var source: CacheKey?
            switch try reader.byte() {
            case 0: source = nil
            case 1: source = CacheKey(high: try reader.fixed(), low: try reader.fixed())
            default: throw BinaryReader.Malformed()
            }
            stubs.append(SearchDocumentStub(hash: hash, url: url, section: section, title: documentTitle, kind: kinds[kind],
                                            professions: names, source: source))
        }
        return stubs
    }

    /// Decodes and checks the body: every offset in order and in bounds, every term id known.
    /// Also gives the segments of the body as ``encode(_:)`` handed them over, which the
    /// checksum is made of, one after the other.
    static func decode(_ body: UnsafeRawBufferPointer) throws(BinaryReader.Malformed) -> (SearchAnalyses, segments: [Range<Int>]) {
        var reader = BinaryReader(body)
        var analyses = SearchAnalyses()
        analyses.terms.vocabulary = try reader.strings()
        var marks = [0, reader.offset]
        func table<T: BitwiseCopyable>(of type: T.Type) throws(BinaryReader.Malformed) -> [T] {
            let values = try reader.table(of: type)
            marks += [reader.offset - values.count * MemoryLayout<T>.stride, reader.offset]
            return values
        }
        analyses.hashes = try table(of: UInt64.self)
        analyses.terms.lengths = try table(of: Double.self)
        analyses.terms.starts = try table(of: Int.self)
        analyses.terms.terms = try table(of: Int32.self)
        analyses.terms.frequencies = try table(of: Float.self)
        analyses.jsonEnds = try table(of: Int.self)
        analyses.json = try table(of: UInt8.self)
        analyses.stubs = try decodeStubs(&reader, hashes: analyses.hashes)
        marks.append(reader.offset)
        switch try reader.byte() {
        case 0: analyses.layout = nil
        case 1: analyses.layout = try SearchIndexLayout(from: &reader, documentCount: analyses.hashes.count,
                                                        vocabularyCount: analyses.terms.vocabulary.count)
        default: throw BinaryReader.Malformed()
        }
        marks.append(reader.offset)
        let n = analyses.hashes.count, terms = analyses.terms
        guard reader.remaining == 0, terms.lengths.count == n, terms.starts.count == n + 1, analyses.jsonEnds.count == n,
              terms.starts.first == 0, terms.starts.last == terms.terms.count, terms.frequencies.count == terms.terms.count,
              zip(terms.starts, terms.starts.dropFirst()).allSatisfy({ $0 <= $1 }),
              zip(analyses.jsonEnds, analyses.jsonEnds.dropFirst()).allSatisfy({ $0 <= $1 }),
              analyses.jsonEnds.first.map({ $0 >= 0 }) ?? true, (analyses.jsonEnds.last ?? 0) == analyses.json.count,
              terms.terms.allSatisfy({ $0 >= 0 && Int($0) < terms.vocabulary.count }) else { throw BinaryReader.Malformed() }
        return (analyses, zip(marks, marks.dropFirst()).map { $0..<$1 })
    }
}
