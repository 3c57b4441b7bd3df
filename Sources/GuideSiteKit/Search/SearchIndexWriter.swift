import Foundation

/// Builds the static search index of one language: the files under
/// `Output/search/{language}/` read by `Themes/default/assets/search/engine.js`.
///
/// The format (version 1) is described in `docs/search-index.md`. Output bytes
/// depend only on the input: documents are sorted, terms are sorted, scores
/// are integers.
public struct SearchIndexWriter: Sendable {
    /// Field weights of the BM25F score.
    public struct Weights: Sendable, Hashable {
        public var title: Double = 6
        public var headings: Double = 3
        public var tags: Double = 3
        public var summary: Double = 2
        public var body: Double = 1
        /// A provision number in `citations`.
        public var citation: Double = 4
        /// A provision page's own number (its first citation, or one found in its title).
        public var ownProvision: Double = 12
        /// Creates the default weights.
        public init() {}
    }

    /// Field weights.
    public var weights = Weights()
    /// BM25 parameters.
    public var k1: Double = 1.2
    public var b: Double = 0.75
    /// Target size of one term shard or one document shard, in bytes.
    public var shardBytes: Int = 16 * 1024
    /// Target size of a document shard: a query fetches one per result shown, so they are small.
    public var docShardBytes: Int = 8 * 1024
    /// Maximum length, in characters, of the text excerpt kept per document for snippets.
    public var excerptLength: Int = 360

    /// Creates a writer with the default settings.
    public init() {}

    /// Format version written in every file.
    public static let formatVersion = 1

    /// The index files of the documents of `language` (documents of other
    /// languages are ignored), as paths relative to `Output/search/`.
    public func makeIndexFiles(documents: [SearchDocument], language: SearchLanguage) -> [(path: String, bytes: [UInt8])] {
        let hashes = documents.parallelMap(chunkSize: 64) { $0.stableHash }
        return makeIndexFiles(documents: documents, hashes: hashes, language: language, reusing: nil).index.files
    }

    /// What ``makeIndexFiles(documents:hashes:language:reusing:isCurrent:)`` made.
    struct IndexFiles {
        /// The files made, in the order of ``SearchIndexWriter/makeIndexFiles(documents:language:)``.
        var files: [(path: String, bytes: [UInt8])] = []
        /// Files not made because the output already holds them.
        var kept: [String] = []
        /// What each file, made or kept, is made from, hashed: the file's bytes are a function of it.
        var hashes: [String: UInt64] = [:]
        /// How many documents were analysed, not taken from earlier analyses.
        var analysed = 0
        /// What the index looks like, for the next build to patch it.
        var layout = SearchIndexLayout()
        /// How many term shards were made or checked again, not known the same from the earlier layout.
        var termShardsRemade = 0
    }

    /// A document to index: one an earlier build analysed (its place in the earlier analyses),
    /// or one given whole, with its hash and the link key of the article it was made from.
    ///
    /// A document is boxed (`indirect`): a rebuild's inputs are nearly all `.analysed`, and a
    /// list of tens of thousands of them is then a list of small values, not of documents' size.
    enum IndexInput: Sendable {
        case analysed(Int)
        indirect case document(SearchDocument, hash: UInt64, source: CacheKey?)

        /// The input at `place`, moved out (a placeholder is left there): a document copied
        /// out of a list costs a retain of each of its strings, and a release when the list goes.
        static func take(_ place: inout IndexInput) -> IndexInput {
            var taken = IndexInput.analysed(-1)
            swap(&taken, &place)
            return taken
        }
    }

    /// The index files, as ``makeIndexFiles(documents:language:)`` makes them, and the analyses
    /// of the documents, taking from `previous` those whose hash it holds (`hashes` are the
    /// documents', in the order of `documents`): only the others are analysed. A term or document
    /// shard for which `isCurrent(path, hash)` says the output holds it already is not written
    /// (its path is listed in `kept`); meta and facets files are always made.
    func makeIndexFiles(documents: [SearchDocument], hashes: [UInt64], language: SearchLanguage, reusing previous: SearchAnalyses?,
                        isCurrent: (@Sendable (String, UInt64) -> Bool)? = nil) -> (index: IndexFiles, analyses: SearchAnalyses) {
        makeIndexFiles(inputs: zip(documents, hashes).map { .document($0, hash: $1, source: nil) }, language: language,
                       reusing: previous, isCurrent: isCurrent)
    }

    /// The index files of `inputs` (documents of other languages are left out) and their
    /// analyses: an `.analysed` input is taken from `previous` as it is, and so is a
    /// `.document` whose hash `previous` holds; only the other documents are analysed.
    /// When every earlier document keeps its place and only a few are new, the earlier analyses
    /// are changed in place (given away by the caller, they are not copied).
    func makeIndexFiles(inputs: consuming [IndexInput], language: SearchLanguage, reusing earlierAnalyses: consuming SearchAnalyses?,
                        isCurrent: (@Sendable (String, UInt64) -> Bool)? = nil) -> (index: IndexFiles, analyses: SearchAnalyses) {
        var previous = (consume earlierAnalyses) ?? SearchAnalyses()
        // The documents are moved out of the inputs, and later out of `documents`, not copied.
        var inputs = inputs
        // The stub of each document given whole; an earlier document's is read from `previous`
        // at its place, not copied (a stub copied costs a retain of each of its strings).
        var stubs: [SearchDocumentStub?] = []
        stubs.reserveCapacity(inputs.count)
        // Each stub's earlier analysis, or its document.
        var known: [Int?] = []
        known.reserveCapacity(inputs.count)
        var documents: [SearchDocument?] = []
        documents.reserveCapacity(inputs.count)
        // Where a document given whole is in the earlier analyses, by its hash: a table of every
        // earlier hash, unless there are only a few to look for (a rebuild after an edit).
        var positions: [UInt64: Int]?
        let given = inputs.reduce(0) { count, input in if case .document = input { count + 1 } else { count } }
        func earlierPosition(of hash: UInt64) -> Int? {
            guard given > 64 else { return previous.hashes.firstIndex(of: hash) }
            if positions == nil { positions = previous.positions() }
            return positions?[hash]
        }
        for i in inputs.indices {
            switch IndexInput.take(&inputs[i]) {
            case let .analysed(position):
                guard position >= 0, position < previous.stubs.count else { continue }
                stubs.append(nil)
                known.append(position)
                documents.append(nil)
            case let .document(document, hash, source):
                guard document.language == language else { continue }
                stubs.append(SearchDocumentStub(document, hash: hash, source: source))
                known.append(earlierPosition(of: hash))
                documents.append(document)
            }
        }
        // Read from the earlier analyses until they are changed in place (then let go of, so
        // that the change does not copy them).
        var earlierStubs: [SearchDocumentStub]? = previous.stubs
        func stub(_ index: Int) -> SearchDocumentStub {
            stubs[index] ?? known[index].flatMap { earlierStubs?[$0] }
                ?? SearchDocumentStub(hash: 0, url: "", section: "", title: "", kind: .page, professions: [], source: nil)
        }
        let order = Self.indexOrder(count: stubs.count, earlier: known, stub: stub)
        var fresh: [SearchDocument] = []
        fresh.reserveCapacity(order.count)
        for index in order where known[index] == nil {
            if let document = documents[index].take() { fresh.append(document) }
        }
        documents = []
        let freshTerms = analyze(fresh, language: language)
        let freshJSON = fresh.parallelMap(chunkSize: 64) { documentJSON($0) }
        // Analysed: the documents are freed on an idle core (a full build has tens of thousands).
        let freshCount = fresh.count
        releaseInBackground(consume fresh)
        var analyses: SearchAnalyses
        // What the earlier index was made from, when these analyses number terms as they did: it can be patched.
        var earlier: EarlierIndex?
        if freshCount == order.count {
            // Nothing reused: the fresh analyses are the documents' in index order.
            // Every stub is one given whole: moved out, not copied.
            analyses = SearchAnalyses(hashes: order.map { stubs[$0]?.hash ?? 0 }, terms: freshTerms)
            analyses.stubs = order.map { stubs[$0].take() ?? stub($0) }
            analyses.json.reserveCapacity(freshJSON.reduce(0) { $0 + $1.count })
            analyses.jsonEnds.reserveCapacity(freshJSON.count)
            for json in freshJSON {
                analyses.json += json
                analyses.jsonEnds.append(analyses.json.count)
            }
        } else if previous.stubs.count == previous.count,
                  let places = Self.placesOfNew(order: order, earlier: known, earlierCount: previous.count, new: freshCount) {
            // Every earlier document at its place: the new ones replace those at theirs.
            let layout = previous.layout, vocabularyCount = previous.terms.vocabulary.count
            let newStubs = places.map { stub(order[$0]) }
            earlierStubs = nil
            let replaced = previous.replace(at: places, with: freshTerms, json: freshJSON, stubs: newStubs)
            // A document given whole whose hash the earlier analyses know may come from another
            // article key than the earlier one: its stub is the new one.
            for (place, index) in order.enumerated() {
                if let new = stubs[index], known[index] != nil { previous.stubs[place] = new }
            }
            analyses = previous
            previous = SearchAnalyses()
            earlier = .replaced(layout: layout, vocabularyCount: vocabularyCount, replaced)
        } else {
            var builder = SearchAnalysesBuilder(previous: previous, fresh: freshTerms, freshJSON: freshJSON, documentCount: order.count)
            // Earlier documents come in runs (index order is the same from build to build): one copy a run.
            var f = 0, run = 0..<0
            for index in order {
                let position = known[index]
                if let position, position == run.upperBound, !run.isEmpty {
                    run = run.lowerBound..<(position + 1)
                    continue
                }
                builder.addPrevious(run)
                run = 0..<0
                if let position {
                    run = position..<(position + 1)
                } else {
                    builder.addFresh(f, hash: stub(index).hash)
                    f += 1
                }
            }
            builder.addPrevious(run)
            let finished = builder.finished()
            analyses = finished.analyses
            analyses.stubs = order.map(stub)
            if !finished.renumbered { earlier = .analyses(previous) }
        }
        var index = makeIndexFiles(language: language, analyses: analyses, earlier: earlier, isCurrent: isCurrent)
        index.analysed = freshCount
        analyses.layout = index.layout
        return (index, analyses)
    }

    /// The files of the documents of `analyses` (in index order). With `earlier`, analyses
    /// whose term ids these keep and whose index's layout they hold, only the terms and shards
    /// that documents changed since then are scored and made again (see ``IndexPatch``).
    private func makeIndexFiles(language: SearchLanguage, analyses: SearchAnalyses, earlier: EarlierIndex?,
                                isCurrent: (@Sendable (String, UInt64) -> Bool)?) -> IndexFiles {
        let docs = analyses.stubs
        let n = docs.count
        var index = IndexFiles()
        index.layout.settings = layoutSettings
        index.layout.documentCount = n
        index.layout.averageLength = Self.scoringAverage(analyses.terms.lengths)
        index.layout.vocabularyCount = analyses.terms.vocabulary.count
        let dir = language.rawValue + "/"
        let patch: IndexPatch? = switch earlier {
        case nil: nil
        case let .analyses(earlier)?: IndexPatch(from: earlier, to: analyses, layout: index.layout)
        case let .replaced(layout, vocabularyCount, replaced)?:
            IndexPatch(layout: layout, vocabularyCount: vocabularyCount, replaced: replaced, in: analyses, current: index.layout)
        }

        let shardStarts = addTermShards(of: analyses, patch: patch, directory: dir, isCurrent: isCurrent, to: &index)
        addDocumentShards(of: analyses, patch: patch, directory: dir, isCurrent: isCurrent, to: &index)
        let shard = index.layout.docShardHashes.count

        // Facets, for the kind and profession filters.
        let docKinds = docs.map(\.kind)
        let kinds = SearchDocument.Kind.allKnown.filter(docKinds.contains)
        var professionSet = Set<String>()
        var seenProfessions: [String]?
        for doc in docs where doc.professions != seenProfessions {
            professionSet.formUnion(doc.professions)
            seenProfessions = doc.professions
        }
        let professions = professionSet.sorted()
        let professionIndex = Dictionary(uniqueKeysWithValues: professions.enumerated().map { ($1, $0) })
        let kindIndex = Dictionary(uniqueKeysWithValues: kinds.enumerated().map { ($1, $0) })
        var facets = JSONBytes(capacity: 8 * n + 64)
        facets.raw("{\"kinds\":[")
        for (k, kind) in docKinds.enumerated() {
            if k > 0 { facets.raw(byte: UInt8(ascii: ",")) }
            facets.integer(kindIndex[kind] ?? 0)
        }
        facets.raw("],\"professions\":[")
        // Each document's professions, each once, in index order; the documents of one article
        // follow one another with the same list, written once and copied.
        var lastProfessions: [String]?, lastEntry: [UInt8] = []
        for k in docs.indices {
            if k > 0 { facets.raw(byte: UInt8(ascii: ",")) }
            if docs[k].professions != lastProfessions {
                var entry = JSONBytes(capacity: 16)
                entry.raw(byte: UInt8(ascii: "["))
                var previous = -1
                for index in docs[k].professions.compactMap({ professionIndex[$0] }).sorted() where index != previous {
                    if previous >= 0 { entry.raw(byte: UInt8(ascii: ",")) }
                    entry.integer(index)
                    previous = index
                }
                entry.raw(byte: UInt8(ascii: "]"))
                lastProfessions = docs[k].professions
                lastEntry = entry.bytes
            }
            facets.bytes += lastEntry
        }
        facets.raw("],\"version\":1}\n")
        index.add(dir + "facets.json", bytes: facets.bytes)

        // Meta, read first.
        var meta = JSONBytes()
        meta.raw("{\"docShardSize\":")
        meta.integer(index.layout.docShardSize)
        meta.raw(",\"docShards\":")
        meta.integer(shard)
        meta.raw(",\"documentCount\":")
        meta.integer(n)
        meta.raw(",\"kinds\":")
        meta.stringArray(kinds.map(\.rawValue))
        meta.raw(",\"language\":")
        meta.string(language.rawValue)
        meta.raw(",\"professions\":")
        meta.stringArray(professions)
        meta.raw(",\"termShards\":")
        meta.stringArray(shardStarts)
        meta.raw(",\"version\":")
        meta.integer(Self.formatVersion)
        meta.raw("}\n")
        index.add(dir + "meta.json", bytes: meta.bytes, first: true)
        return index
    }

    /// What an earlier index was made from: analyses whose term ids the current ones keep, or the
    /// current analyses before some documents were replaced in place (with that index's layout).
    enum EarlierIndex {
        case analyses(SearchAnalyses)
        case replaced(layout: SearchIndexLayout?, vocabularyCount: Int, [SearchAnalyses.Replaced])
    }

    /// The places of the new documents, in order, when the documents in index order (`order`,
    /// with each one's place in the earlier analyses or nil, `earlier`) are the earlier ones at
    /// their places but for a few (at most `maxReplaced`) that are new; nil otherwise.
    static func placesOfNew(order: [Int], earlier: [Int?], earlierCount: Int, new: Int, maxReplaced: Int = 32) -> [Int]? {
        guard order.count == earlierCount, new > 0, new <= maxReplaced else { return nil }
        var places: [Int] = []
        for (place, index) in order.enumerated() {
            if let before = earlier[index] {
                guard before == place else { return nil }
            } else {
                places.append(place)
            }
        }
        return places
    }

    /// Positions in `stubs` in index order (``SearchDocumentStub/precedes(_:_:)``), given each
    /// stub's place in the earlier analyses, if it has one. Those are already in index order
    /// there (a stub with a place is the same document as the one at that place), so only the
    /// others are sorted, then merged in.
    static func indexOrder(_ stubs: [SearchDocumentStub], earlier: [Int?]) -> [Int] {
        indexOrder(count: stubs.count, earlier: earlier) { stubs[$0] }
    }

    /// ``indexOrder(_:earlier:)`` of `count` stubs given by `stub`.
    static func indexOrder(count: Int, earlier: [Int?], stub: (Int) -> SearchDocumentStub) -> [Int] {
        var placed: [(place: Int, index: Int)] = []
        var others: [Int] = []
        placed.reserveCapacity(count)
        for (index, place) in earlier.enumerated() {
            if let place { placed.append((place, index)) } else { others.append(index) }
        }
        placed.sort { ($0.place, $0.index) < ($1.place, $1.index) }
        // Each stub taken once, and their places sorted, each comparison reading two stubs where
        // they are: a stub handed to a comparison, or moved by the sort, would be a copy (a retain
        // and a release of each of its strings), millions of them in a full build of a large portal.
        let keyed = others.map(stub)
        let sorted = keyed.withUnsafeBufferPointer { stubs -> [Int] in
            // Equal stubs keep the order they came in (`others` is ascending), whatever the sort.
            nonisolated(unsafe) let stubs = stubs
            let before = { @Sendable (a: Int, b: Int) -> Bool in
                SearchDocumentStub.precedes(stubs[a], stubs[b]) || (!SearchDocumentStub.precedes(stubs[b], stubs[a]) && a < b)
            }
            var places = Array(0..<stubs.count)
            let mid = places.count / 2
            guard mid >= 4096 else {
                places.sort(by: before)
                return places
            }
            // A full build's tens of thousands: each half sorted on a core of its own, then the
            // two merged (a stub that does not precede another is taken from the first half).
            places.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let halves = (UnsafeMutableBufferPointer(rebasing: buffer[..<mid]), UnsafeMutableBufferPointer(rebasing: buffer[mid...]))
                _ = inParallel({
                    var half = halves.0
                    half.sort(by: before)
                }, {
                    var half = halves.1
                    half.sort(by: before)
                })
            }
            var merged: [Int] = []
            merged.reserveCapacity(places.count)
            merge(mid, places.count - mid, firstBefore: { i, j in !before(places[mid + j], places[i]) }) { fromFirst, k in
                merged.append(places[fromFirst ? k : mid + k])
            }
            return merged
        }
        others = sorted.map { others[$0] }
        // The others merged in, each after the placed stubs it does not precede, found by
        // bisection: a rebuild has tens of thousands placed and a few others.
        var order: [Int] = []
        order.reserveCapacity(count)
        var next = 0
        for (k, index) in others.enumerated() {
            var low = next, high = placed.count
            while low < high {
                let middle = (low + high) / 2
                if SearchDocumentStub.precedes(keyed[sorted[k]], stub(placed[middle].index)) { high = middle } else { low = middle + 1 }
            }
            for p in next..<low { order.append(placed[p].index) }
            order.append(index)
            next = low
        }
        for p in next..<placed.count { order.append(placed[p].index) }
        return order
    }

    /// Merges two sorted runs of `first` and `second` items: `firstBefore(i, j)` says whether the
    /// first run's item `i` goes before the second's item `j` (it should on a tie, as in a stable
    /// sort); `next(fromFirst, k)` is called for each item in merged order.
    private static func merge(_ first: Int, _ second: Int, firstBefore: (Int, Int) -> Bool, _ next: (_ fromFirst: Bool, _ k: Int) -> Void) {
        var i = 0, j = 0
        while i < first || j < second {
            if j == second || (i < first && firstBefore(i, j)) {
                next(true, i)
                i += 1
            } else {
                next(false, j)
                j += 1
            }
        }
    }

    /// Weighted term frequencies and lengths of `docs`, analysed on every core: each chunk of
    /// documents has its own analyzer (and word cache); their vocabularies are merged after.
    func analyze(_ docs: [SearchDocument], language: SearchLanguage) -> DocumentTerms {
        let chunkSize = max(16, docs.count / (ProcessInfo.processInfo.activeProcessorCount * 4) + 1)
        let chunks = stride(from: 0, to: docs.count, by: chunkSize).map { $0..<min($0 + chunkSize, docs.count) }
        let weights = self.weights
        let analyzed = chunks.parallelMap(chunkSize: 1) { chunk -> DocumentTerms in
            let analyzer = TextAnalyzer(language: language)
            var counter = DocumentTermsCounter()
            for doc in docs[chunk] {
                let titleText = doc.titleText.isEmpty ? doc.title : doc.titleText
                counter.add(titleText, weight: weights.title, analyzer: analyzer)
                if doc.title != titleText { counter.add(doc.title, weight: weights.headings, analyzer: analyzer) }
                counter.add(doc.section ?? "", weight: weights.headings, analyzer: analyzer)
                counter.add(doc.headingsText, weight: weights.headings, analyzer: analyzer)
                counter.add(doc.tags.joined(separator: " "), weight: weights.tags, analyzer: analyzer)
                counter.add(doc.summaryText, weight: weights.summary, analyzer: analyzer)
                counter.add(doc.bodyText, weight: weights.body, analyzer: analyzer)
                let own = doc.kind == .provision ? Self.ownNumber(doc) : nil
                for c in doc.citations {
                    counter.add(c, weight: c == own ? weights.ownProvision : weights.citation, analyzer: analyzer)
                }
                counter.endDocument()
            }
            var result = counter.counted
            result.vocabulary = (0..<analyzer.vocabularyCount).map { analyzer.term(Int32($0)) }
            return result
        }
        return DocumentTerms(concatenating: analyzed)
    }

    /// The provision number of a provision page: the first citation found in
    /// its title, else its first citation.
    static func ownNumber(_ doc: SearchDocument) -> String? {
        let title = doc.titleText.isEmpty ? doc.title : doc.titleText
        return doc.citations.first { title.contains($0) } ?? doc.citations.first
    }

    /// The JSON object of `doc` in a document shard.
    func documentJSON(_ doc: SearchDocument) -> [UInt8] {
        var j = JSONBytes(capacity: 640)
        j.raw("{")
        if let date = doc.date {
            j.raw("\"d\":")
            j.string(date)
            j.raw(",")
        }
        j.raw("\"k\":")
        j.string(doc.kind.rawValue)
        if !doc.professions.isEmpty {
            j.raw(",\"p\":")
            j.stringArray(doc.professions)
        }
        if let s = doc.section {
            j.raw(",\"s\":")
            j.string(s.nfcForIndex)
        }
        j.raw(",\"t\":")
        j.string(doc.title.nfcForIndex)
        j.raw(",\"u\":")
        j.string(doc.url)
        j.raw(",\"x\":\"")
        appendExcerpt(of: doc, to: &j)
        j.raw("\"}")
        return j.bytes
    }
}

extension SearchIndexWriter.IndexFiles {
    /// Adds a file made (`bytes`) or kept (nil), made from what `hash` says.
    mutating func add(_ path: String, hash: UInt64, bytes: [UInt8]?) {
        hashes[path] = hash
        if let bytes { files.append((path, bytes)) } else { kept.append(path) }
    }

    /// Adds a file that is always made; its hash is its bytes'.
    mutating func add(_ path: String, bytes: [UInt8], first: Bool = false) {
        var hasher = StableHash()
        hasher.combine(bytes: bytes)
        hashes[path] = hasher.value
        if first { files.insert((path, bytes), at: 0) } else { files.append((path, bytes)) }
    }
}

extension SearchDocument.Kind {
    /// Every kind, in display order.
    static let allKnown: [SearchDocument.Kind] = [.article, .recommendation, .provision, .code, .page]
}

extension String {
    /// NFC, skipping Foundation when the text cannot change.
    var nfcForIndex: String { TextAnalyzer.nfc(self) }
}
