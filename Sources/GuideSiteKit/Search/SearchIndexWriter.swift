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
        let docs = documents.filter { $0.language == language }.sorted { a, b in
            if a.url != b.url { return a.url < b.url }
            if (a.section ?? "") != (b.section ?? "") { return (a.section ?? "") < (b.section ?? "") }
            return a.title < b.title
        }
        let n = docs.count
        let (vocabulary, docTerms, lengths) = analyze(docs, language: language)
        let avg = n > 0 ? lengths.reduce(0, +) / Double(n) : 1

        // Postings, by term string.
        var df = [Int](repeating: 0, count: vocabulary.count)
        for tf in docTerms { for t in tf.keys { df[Int(t)] += 1 } }
        var postings = [[Int32]](repeating: [], count: vocabulary.count)
        for (d, tf) in docTerms.enumerated() {
            let norm = k1 * (1 - b + b * lengths[d] / avg)
            for (t, f) in tf {
                let dfT = Double(df[Int(t)])
                let idf = log(1 + (Double(n) - dfT + 0.5) / (dfT + 0.5))
                let score = idf * f * (k1 + 1) / (f + norm)
                postings[Int(t)].append(Int32(d))
                postings[Int(t)].append(Int32(max(1, (score * 100).rounded())))
            }
        }
        var terms: [(String, Int)] = []
        terms.reserveCapacity(postings.count)
        for id in 0..<postings.count where !postings[id].isEmpty {
            terms.append((vocabulary[id], id))
        }
        terms.sort { $0.0 < $1.0 }

        var files: [(path: String, bytes: [UInt8])] = []
        let dir = language.rawValue + "/"

        // Term shards, cut by size in term order.
        var shardStarts: [String] = []
        var current = JSONText()
        var currentCount = 0
        func flushTerms() {
            guard currentCount > 0 else { return }
            var out = JSONText()
            out.raw("{\"terms\":{")
            out.raw(current.text)
            out.raw("},\"version\":1}\n")
            files.append((dir + "terms-\(shardStarts.count - 1).json", Array(out.text.utf8)))
            current = JSONText()
            currentCount = 0
        }
        for (term, id) in terms {
            var entry = JSONText()
            if currentCount > 0 { entry.raw(",") }
            entry.string(term)
            entry.raw(":[")
            // Postings are sorted by document; document numbers are delta-coded.
            let list = postings[id]
            var previous: Int32 = 0
            var k = 0
            while k < list.count {
                if k > 0 { entry.raw(",") }
                entry.raw(String(list[k] - previous))
                entry.raw(",")
                entry.raw(String(list[k + 1]))
                previous = list[k]
                k += 2
            }
            entry.raw("]")
            if currentCount > 0 && current.text.utf8.count + entry.text.utf8.count > shardBytes {
                flushTerms()
                entry = JSONText(text: String(entry.text.dropFirst()))
            }
            if currentCount == 0 { shardStarts.append(term) }
            current.raw(entry.text)
            currentCount += 1
        }
        flushTerms()

        // Document shards: a fixed number of documents per shard.
        let docJSON = docs.parallelMap(chunkSize: 64) { documentJSON($0) }
        let totalDocBytes = docJSON.reduce(0) { $0 + $1.utf8.count + 1 }
        let perShard = n == 0 ? 1 : max(1, min(n, docShardBytes * n / max(totalDocBytes, 1)))
        var shard = 0
        var start = 0
        while start < n {
            let end = min(n, start + perShard)
            let body = "{\"docs\":[" + docJSON[start..<end].joined(separator: ",") + "],\"version\":1}\n"
            files.append((dir + "docs-\(shard).json", Array(body.utf8)))
            shard += 1
            start = end
        }

        // Facets, for the kind and profession filters.
        let kinds = SearchDocument.Kind.allKnown.filter { k in docs.contains { $0.kind == k } }
        let professions = Array(Set(docs.flatMap(\.professions))).sorted()
        let professionIndex = Dictionary(uniqueKeysWithValues: professions.enumerated().map { ($1, $0) })
        let kindIndex = Dictionary(uniqueKeysWithValues: kinds.enumerated().map { ($1, $0) })
        var facets = JSONText()
        facets.raw("{\"kinds\":[")
        facets.raw(docs.map { String(kindIndex[$0.kind] ?? 0) }.joined(separator: ","))
        facets.raw("],\"professions\":[")
        facets.raw(
            docs.map { d in
                "[" + Array(Set(d.professions.compactMap { professionIndex[$0] })).sorted().map(String.init).joined(separator: ",") + "]"
            }.joined(separator: ","))
        facets.raw("],\"version\":1}\n")
        files.append((dir + "facets.json", Array(facets.text.utf8)))

        // Meta, read first.
        var meta = JSONText()
        meta.raw("{\"docShardSize\":\(perShard),\"docShards\":\(shard),\"documentCount\":\(n),\"kinds\":")
        meta.stringArray(kinds.map(\.rawValue))
        meta.raw(",\"language\":")
        meta.string(language.rawValue)
        meta.raw(",\"professions\":")
        meta.stringArray(professions)
        meta.raw(",\"termShards\":")
        meta.stringArray(shardStarts)
        meta.raw(",\"version\":\(Self.formatVersion)}\n")
        files.insert((dir + "meta.json", Array(meta.text.utf8)), at: 0)
        return files
    }

    /// Weighted term frequencies and lengths of `docs`, analysed on every core: each chunk of
    /// documents has its own analyzer (and word cache); their vocabularies are merged after.
    func analyze(_ docs: [SearchDocument], language: SearchLanguage) -> (vocabulary: [String], terms: [[Int32: Double]], lengths: [Double]) {
        let chunkSize = max(16, docs.count / (ProcessInfo.processInfo.activeProcessorCount * 4) + 1)
        let chunks = stride(from: 0, to: docs.count, by: chunkSize).map { Array(docs[$0..<min($0 + chunkSize, docs.count)]) }
        let weights = self.weights
        let analyzed = chunks.parallelMap(chunkSize: 1) { chunk -> (vocabulary: [String], terms: [[Int32: Double]], lengths: [Double]) in
            let analyzer = TextAnalyzer(language: language)
            var terms: [[Int32: Double]] = []
            var lengths: [Double] = []
            terms.reserveCapacity(chunk.count)
            lengths.reserveCapacity(chunk.count)
            for doc in chunk {
                var tf: [Int32: Double] = [:]
                var length = 0
                func add(_ text: String, _ w: Double) {
                    analyzer.forEachTerm(in: text) { p, a in
                        tf[p, default: 0] += w
                        if a >= 0 { tf[a, default: 0] += w }
                        length += 1
                    }
                }
                let titleText = doc.titleText.isEmpty ? doc.title : doc.titleText
                add(titleText, weights.title)
                if doc.title != titleText { add(doc.title, weights.headings) }
                add(doc.section ?? "", weights.headings)
                add(doc.headingsText, weights.headings)
                add(doc.tags.joined(separator: " "), weights.tags)
                add(doc.summaryText, weights.summary)
                add(doc.bodyText, weights.body)
                let own = doc.kind == .provision ? Self.ownNumber(doc) : nil
                for c in doc.citations {
                    add(c, c == own ? weights.ownProvision : weights.citation)
                }
                terms.append(tf)
                lengths.append(Double(max(length, 1)))
            }
            return ((0..<analyzer.vocabularyCount).map { analyzer.term(Int32($0)) }, terms, lengths)
        }
        // One vocabulary: each chunk's term ids mapped to global ones.
        var vocabulary: [String] = []
        var ids: [String: Int32] = [:]
        var terms: [[Int32: Double]] = []
        var lengths: [Double] = []
        terms.reserveCapacity(docs.count)
        lengths.reserveCapacity(docs.count)
        for chunk in analyzed {
            let map = chunk.vocabulary.map { term -> Int32 in
                if let id = ids[term] { return id }
                let id = Int32(vocabulary.count)
                vocabulary.append(term)
                ids[term] = id
                return id
            }
            for tf in chunk.terms {
                var global: [Int32: Double] = [:]
                global.reserveCapacity(tf.count)
                for (t, f) in tf { global[map[Int(t)]] = f }
                terms.append(global)
            }
            lengths += chunk.lengths
        }
        return (vocabulary, terms, lengths)
    }

    /// The provision number of a provision page: the first citation found in
    /// its title, else its first citation.
    static func ownNumber(_ doc: SearchDocument) -> String? {
        let title = doc.titleText.isEmpty ? doc.title : doc.titleText
        return doc.citations.first { title.contains($0) } ?? doc.citations.first
    }

    func documentJSON(_ doc: SearchDocument) -> String {
        var j = JSONText()
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
        j.raw(",\"x\":")
        j.string(excerpt(doc))
        j.raw("}")
        return j.text
    }

    /// Summary then body, whitespace collapsed, NFC, cut at a word boundary
    /// (then ending with " …") when longer than `excerptLength` characters.
    func excerpt(_ doc: SearchDocument) -> String {
        var out = ""
        var count = 0
        for part in [doc.summaryText, doc.bodyText] {
            // Only the beginning of the text can end up in the excerpt.
            let head = part.prefix(excerptLength + 64)
            var words = head.split(whereSeparator: { $0.isWhitespace })
            if head.endIndex != part.endIndex, let last = words.last, last.endIndex == head.endIndex { words.removeLast() }
            for word in words {
                let w = word.count
                if count > 0 && count + 1 + w > excerptLength { return out.nfcForIndex + " …" }
                if count == 0 && w > excerptLength { return String(word.prefix(excerptLength)) + " …" }
                if count > 0 {
                    out += " "
                    count += 1
                }
                out += word
                count += w
            }
        }
        return out.nfcForIndex
    }
}

extension SearchDocument.Kind {
    /// Every kind, in display order.
    static let allKnown: [SearchDocument.Kind] = [.article, .recommendation, .provision, .code, .page]
}

/// Minimal deterministic JSON text builder.
struct JSONText {
    var text = ""

    mutating func raw(_ s: String) { text += s }

    mutating func string(_ s: String) {
        text += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{2028}": text += "\\u2028"
            case "\u{2029}": text += "\\u2029"
            default:
                if u.value < 0x20 {
                    text += String(format: "\\u%04x", u.value)
                } else {
                    text.unicodeScalars.append(u)
                }
            }
        }
        text += "\""
    }

    mutating func stringArray(_ a: [String]) {
        text += "["
        for (k, s) in a.enumerated() {
            if k > 0 { text += "," }
            string(s)
        }
        text += "]"
    }
}

extension String {
    /// NFC, skipping Foundation when the text cannot change.
    var nfcForIndex: String { TextAnalyzer.nfc(self) }
}
