/// What indexing made of each document of one language, apart from the other documents: its
/// weighted terms and length (before scoring, which depends on every document) and its entry
/// in a document shard. Kept between builds (``SearchAnalysisCache``), so that a rebuild
/// analyses only the documents that changed; the index made from them is the same bytes.
struct SearchAnalyses: Sendable {
    /// Each document's hash (``StableHash/combine(document:)``), in index order.
    var hashes: [UInt64] = []
    /// Each document's terms, frequencies and length, in the same order. The vocabulary may
    /// hold terms no document uses (they get no postings).
    var terms = DocumentTerms()
    /// Each document's JSON object: document `d`'s is `json[jsonRange(d)]`.
    var json: [UInt8] = []
    var jsonEnds: [Int] = []
    /// Each document's stub, in the same order.
    var stubs: [SearchDocumentStub] = []
    /// What the index made from these analyses looks like, once it is made.
    var layout: SearchIndexLayout?

    var count: Int { hashes.count }

    /// A document whose analysis was replaced by another at its place, with its earlier terms,
    /// their frequencies and its earlier length.
    struct Replaced: Sendable {
        var position: Int
        var terms: [Int32]
        var frequencies: [Float]
        var length: Double
    }

    /// The analysis of document `d`, as a ``Replaced`` would keep it.
    func replaced(_ d: Int) -> Replaced {
        let range = terms.starts[d]..<terms.starts[d + 1]
        return Replaced(position: d, terms: Array(terms.terms[range]), frequencies: Array(terms.frequencies[range]), length: terms.lengths[d])
    }

    func jsonRange(_ d: Int) -> Range<Int> { (d == 0 ? 0 : jsonEnds[d - 1])..<jsonEnds[d] }

    /// Where each hash is (the first document with it, should two documents be the same).
    func positions() -> [UInt64: Int] {
        var positions: [UInt64: Int] = [:]
        positions.reserveCapacity(hashes.count)
        for (d, hash) in hashes.enumerated() where positions[hash] == nil { positions[hash] = d }
        return positions
    }

    /// Where the documents of each article are, by the article's link key.
    func articlePositions() -> [CacheKey: [Int]] {
        var positions: [CacheKey: [Int]] = [:]
        for (d, stub) in stubs.enumerated() {
            if let source = stub.source { positions[source, default: []].append(d) }
        }
        return positions
    }
}

extension SearchAnalyses {
    /// Replaces the analyses of the documents at `places` (ascending) by the new ones of `fresh`
    /// (its documents in that order, with their JSON objects and stubs), in place: terms of
    /// `fresh` that the vocabulary lacks are added after it, and each table is spliced, not
    /// copied. Gives each replaced document's earlier analysis.
    mutating func replace(at places: [Int], with fresh: DocumentTerms, json freshJSON: [[UInt8]],
                          stubs freshStubs: [SearchDocumentStub]) -> [Replaced] {
        let ids = DocumentTerms.ids(of: fresh.vocabulary, addingTo: &terms.vocabulary)
        var replaced: [Replaced] = []
        replaced.reserveCapacity(places.count)
        for (f, d) in places.enumerated() {
            let before = terms.starts[d]..<terms.starts[d + 1]
            replaced.append(self.replaced(d))
            let after = fresh.starts[f]..<fresh.starts[f + 1]
            terms.terms.replaceSubrange(before, with: fresh.terms[after].lazy.map { ids[Int($0)] })
            terms.frequencies.replaceSubrange(before, with: fresh.frequencies[after])
            let shift = after.count - before.count
            if shift != 0 {
                for k in (d + 1)..<terms.starts.count { terms.starts[k] += shift }
            }
            terms.lengths[d] = fresh.lengths[f]
            let jsonBefore = jsonRange(d)
            json.replaceSubrange(jsonBefore, with: freshJSON[f])
            let jsonShift = freshJSON[f].count - jsonBefore.count
            if jsonShift != 0 {
                for k in d..<jsonEnds.count { jsonEnds[k] += jsonShift }
            }
            hashes[d] = freshStubs[f].hash
            stubs[d] = freshStubs[f]
        }
        return replaced
    }
}

/// Puts together ``SearchAnalyses`` in index order, from runs of earlier analyses and new ones.
/// The earlier vocabulary keeps its numbering (so an earlier document's terms are copied as
/// they are) and new terms are added after it; terms no document uses any more are dropped once
/// they make a quarter of the vocabulary.
struct SearchAnalysesBuilder {
    private var analyses = SearchAnalyses()
    private let previous: SearchAnalyses
    private let fresh: DocumentTerms
    private let freshJSON: [[UInt8]]
    /// The id of each fresh term.
    private let freshIDs: [Int32]

    /// `fresh` and `freshJSON` hold the documents analysed by this build, in the order they
    /// will be added.
    init(previous: SearchAnalyses, fresh: DocumentTerms, freshJSON: [[UInt8]], documentCount: Int) {
        self.previous = previous
        self.fresh = fresh
        self.freshJSON = freshJSON
        analyses.terms.vocabulary = previous.terms.vocabulary
        freshIDs = DocumentTerms.ids(of: fresh.vocabulary, addingTo: &analyses.terms.vocabulary)
        analyses.hashes.reserveCapacity(documentCount)
        analyses.jsonEnds.reserveCapacity(documentCount)
        analyses.terms.lengths.reserveCapacity(documentCount)
        analyses.terms.starts.reserveCapacity(documentCount + 1)
    }

    /// Adds the documents `documents` of the previous analyses, in one copy of each table.
    mutating func addPrevious(_ documents: Range<Int>) {
        guard let first = documents.first, let last = documents.last else { return }
        let terms = previous.terms.starts[first]..<previous.terms.starts[last + 1]
        let offset = analyses.terms.terms.count - terms.lowerBound
        analyses.terms.terms += previous.terms.terms[terms]
        analyses.terms.frequencies += previous.terms.frequencies[terms]
        analyses.terms.starts += previous.terms.starts[(first + 1)...(last + 1)].lazy.map { $0 + offset }
        analyses.terms.lengths += previous.terms.lengths[documents]
        analyses.hashes += previous.hashes[documents]
        let json = previous.jsonRange(first).lowerBound..<previous.jsonRange(last).upperBound
        let jsonOffset = analyses.json.count - json.lowerBound
        analyses.json += previous.json[json]
        analyses.jsonEnds += previous.jsonEnds[documents].lazy.map { $0 + jsonOffset }
    }

    /// Adds the `f`-th fresh document, whose hash is `hash`.
    mutating func addFresh(_ f: Int, hash: UInt64) {
        let range = fresh.starts[f]..<fresh.starts[f + 1]
        analyses.terms.terms += fresh.terms[range].lazy.map { freshIDs[Int($0)] }
        analyses.terms.frequencies += fresh.frequencies[range]
        finish(hash: hash, length: fresh.lengths[f], json: freshJSON[f][...])
    }

    private mutating func finish(hash: UInt64, length: Double, json: ArraySlice<UInt8>) {
        analyses.terms.starts.append(analyses.terms.terms.count)
        analyses.terms.lengths.append(length)
        analyses.hashes.append(hash)
        analyses.json += json
        analyses.jsonEnds.append(analyses.json.count)
    }

    /// The analyses added, with terms no document uses dropped when they are many, and whether
    /// they were (the earlier analyses' term ids then no longer hold).
    func finished() -> (analyses: SearchAnalyses, renumbered: Bool) {
        var used = [Bool](repeating: false, count: analyses.terms.vocabulary.count)
        var usedCount = 0
        for t in analyses.terms.terms where !used[Int(t)] {
            used[Int(t)] = true
            usedCount += 1
        }
        guard (used.count - usedCount) * 4 > used.count else { return (analyses, false) }
        var compacted = analyses
        var ids = [Int32](repeating: -1, count: used.count)
        compacted.terms.vocabulary = []
        compacted.terms.vocabulary.reserveCapacity(usedCount)
        for (id, term) in analyses.terms.vocabulary.enumerated() where used[id] {
            ids[id] = Int32(compacted.terms.vocabulary.count)
            compacted.terms.vocabulary.append(term)
        }
        for k in compacted.terms.terms.indices { compacted.terms.terms[k] = ids[Int(compacted.terms.terms[k])] }
        return (compacted, true)
    }
}
