import Foundation

/// What changed between the analyses an earlier index was made from and the current ones, when
/// that index can be patched: as many documents, the same scoring constants (document count,
/// average length as scores use it, BM25 parameters) and shard sizes, and term ids kept.
///
/// Then a term has the same postings as in the earlier index (its document frequency, its
/// documents, their lengths as scores use them and its frequency in each did not change) unless
/// a changed document holds it, before or after, with another frequency, or its length as scores
/// use it (``SearchIndexWriter/scoringLength(_:)``) changed; and a shard of such terms only, cut
/// at the same places, is the same bytes.
struct IndexPatch {
    /// The earlier index's layout.
    let layout: SearchIndexLayout
    /// Whether each document (position) differs from the earlier one at its place.
    let changedDocuments: [Bool]
    /// Whether each term (current ids) may have other postings than in the earlier index.
    let changedTerms: [Bool]

    /// The patch from `earlier` (with their layout) to `analyses`, whose index will have the
    /// constants of `current`; nil when the earlier index cannot be patched, or when so many
    /// documents changed that making the index again costs about as much.
    init?(from earlier: SearchAnalyses, to analyses: SearchAnalyses, layout current: SearchIndexLayout) {
        guard earlier.count == analyses.count else { return nil }
        var changed: [SearchAnalyses.Replaced] = []
        for d in 0..<analyses.count where earlier.hashes[d] != analyses.hashes[d] {
            changed.append(earlier.replaced(d))
            if changed.count * 8 > analyses.count { return nil }
        }
        self.init(layout: earlier.layout, vocabularyCount: earlier.terms.vocabulary.count, replaced: changed, in: analyses, current: current)
    }

    /// The patch from the index whose layout is `layout`, made from analyses of
    /// `vocabularyCount` terms that were those of `analyses` but for the documents `replaced`
    /// (with their earlier analyses); nil as above.
    init?(layout: SearchIndexLayout?, vocabularyCount: Int, replaced: [SearchAnalyses.Replaced], in analyses: SearchAnalyses,
          current: SearchIndexLayout) {
        guard let layout, layout.settings == current.settings,
              layout.documentCount == current.documentCount, layout.averageLength == current.averageLength,
              layout.vocabularyCount == vocabularyCount, layout.vocabularyCount <= current.vocabularyCount,
              analyses.count == current.documentCount, replaced.count * 8 <= analyses.count else { return nil }
        var documents = [Bool](repeating: false, count: analyses.count)
        var terms = [Bool](repeating: false, count: current.vocabularyCount)
        for document in replaced {
            let d = document.position
            documents[d] = true
            let now = analyses.terms.starts[d]..<analyses.terms.starts[d + 1]
            if SearchIndexWriter.scoringLength(document.length) != SearchIndexWriter.scoringLength(analyses.terms.lengths[d]) {
                // Every score of the document changed.
                for t in document.terms { terms[Int(t)] = true }
                for k in now { terms[Int(analyses.terms.terms[k])] = true }
                continue
            }
            // Only the terms whose frequency in it changed (or that came or went).
            var before: [Int32: Float] = [:]
            before.reserveCapacity(document.terms.count)
            for (t, f) in zip(document.terms, document.frequencies) { before[t] = f }
            for k in now {
                let t = analyses.terms.terms[k]
                if before.removeValue(forKey: t) != analyses.terms.frequencies[k] { terms[Int(t)] = true }
            }
            for t in before.keys { terms[Int(t)] = true }
        }
        self.layout = layout
        changedDocuments = documents
        changedTerms = terms
    }
}

extension SearchIndexWriter {
    /// The settings an index layout holds besides what the analyses give: a layout made with
    /// other ones cannot be patched.
    var layoutSettings: [UInt64] { [k1.bitPattern, b.bitPattern, UInt64(bitPattern: Int64(shardBytes)), UInt64(bitPattern: Int64(docShardBytes))] }

    /// A document's length as scores use it: its number of tokens up to 16, then that number
    /// with all but its first four binary digits cleared (so within an eighth below it, as
    /// search engines keep lengths in one byte). An edit of a few words seldom changes it, and
    /// with it the score of every term of the document: a rebuild then scores again only the
    /// terms whose frequency the edit changed.
    static func scoringLength(_ length: Double) -> Double {
        let tokens = UInt64(max(1, min(length, 1e15)))
        guard tokens > 16 else { return Double(tokens) }
        let shift = (63 - tokens.leadingZeroBitCount) - 3
        return Double((tokens >> shift) << shift)
    }

    /// The average document length in scores: the mean rounded to a quarter of a token, so that
    /// an edit to a few documents seldom changes it, and with it every score of the index.
    static func scoringAverage(_ lengths: [Double]) -> Double {
        guard !lengths.isEmpty else { return 1 }
        return max(1, (lengths.reduce(0, +) / Double(lengths.count) * 4).rounded() / 4)
    }

    /// Adds the term shards of `analyses` to `index` (and their layout), and gives the first term
    /// of each. With `patch`, the terms its changed documents hold are scored (to know their
    /// entries' sizes, so where shards are cut) and only the shards that hold one of them, that are
    /// cut elsewhere, or that the output does not hold are made: the others keep their earlier
    /// hash, without their terms being scored at all.
    func addTermShards(of analyses: SearchAnalyses, patch: IndexPatch?, directory: String,
                       isCurrent: (@Sendable (String, UInt64) -> Bool)?, to index: inout IndexFiles) -> [String] {
        let analyzed = analyses.terms
        let vocabulary = analyzed.vocabulary
        let avg = index.layout.averageLength
        // The terms with postings in term order, and their entries' sizes.
        var terms: [Int32] = []
        var sizes: [Int] = []
        var allEntries: TermEntries?
        // With a patch: the terms scored, and their postings. Those of the changed terms are needed
        // to cut the shards; the other terms of the earlier shards that hold a changed term are
        // scored with them, since those shards are made again unless they are cut elsewhere.
        var scored: (mask: [Bool], postings: SearchPostings)?
        if let patch {
            var mask = patch.changedTerms
            let layout = patch.layout
            for k in layout.termShardEnds.indices {
                let shard = layout.termShard(k)
                guard layout.terms[shard].contains(where: { patch.changedTerms[Int($0)] }) else { continue }
                for t in layout.terms[shard] { mask[Int(t)] = true }
            }
            let changed = SearchPostings(analyzed, k1: k1, b: b, averageLength: avg, only: mask)
            scored = (mask, changed)
            var list: [(String, Int)] = []
            for t in patch.changedTerms.indices where patch.changedTerms[t] && changed.count(of: t) > 0 { list.append((vocabulary[t], t)) }
            list.sort { $0.0 < $1.0 }
            let entries = TermEntries(list, changed)
            // The earlier terms, less the changed ones, with the changed ones that have postings put in their places.
            var kept: [Int32] = [], keptSizes: [Int] = []
            kept.reserveCapacity(patch.layout.terms.count + list.count)
            keptSizes.reserveCapacity(kept.capacity)
            for (t, size) in zip(patch.layout.terms, patch.layout.sizes) where !patch.changedTerms[Int(t)] {
                kept.append(t)
                keptSizes.append(Int(size))
            }
            var from = 0
            for (k, (term, id)) in list.enumerated() {
                var low = from, high = kept.count
                while low < high {
                    let middle = (low + high) / 2
                    if vocabulary[Int(kept[middle])] < term { low = middle + 1 } else { high = middle }
                }
                terms += kept[from..<low]
                sizes += keptSizes[from..<low]
                terms.append(Int32(id))
                sizes.append(entries.sizes[k])
                from = low
            }
            terms += kept[from...]
            sizes += keptSizes[from...]
        } else {
            let postings = SearchPostings(analyzed, k1: k1, b: b, averageLength: avg)
            var list: [(String, Int)] = []
            list.reserveCapacity(vocabulary.count)
            for t in vocabulary.indices where postings.count(of: t) > 0 { list.append((vocabulary[t], t)) }
            list.sort { $0.0 < $1.0 }
            let entries = TermEntries(list, postings)
            terms = list.map { Int32($0.1) }
            sizes = entries.sizes
            allEntries = entries
        }
        let shards = TermEntries.shards(sizes: sizes, maxBytes: shardBytes)
        let path = { @Sendable (k: Int) in directory + "terms-\(k).json" }

        // Shards that are the earlier ones, which the output holds: kept with their earlier hash.
        var earlierHash = [UInt64?](repeating: nil, count: shards.count)
        if let patch, let isCurrent {
            let layout = patch.layout, terms = terms
            earlierHash = Array(shards.enumerated()).parallelMap(chunkSize: 64) { k, shard -> UInt64? in
                guard k < layout.termShardEnds.count else { return nil }
                let before = layout.termShard(k)
                guard before.count == shard.count, terms[shard].elementsEqual(layout.terms[before]),
                      !terms[shard].contains(where: { patch.changedTerms[Int($0)] }),
                      isCurrent(path(k), layout.termShardHashes[k]) else { return nil }
                return layout.termShardHashes[k]
            }
        }
        // The others are made: their terms scored, unless every term was.
        let remade = shards.indices.filter { earlierHash[$0] == nil }
        let entries: TermEntries
        var local: [Range<Int>]
        if let allEntries {
            entries = allEntries
            local = remade.map { shards[$0] }
        } else {
            var mask = [Bool](repeating: false, count: vocabulary.count)
            var list: [(String, Int)] = []
            local = []
            for k in remade {
                local.append(list.count..<(list.count + shards[k].count))
                for t in terms[shards[k]] {
                    mask[Int(t)] = true
                    list.append((vocabulary[Int(t)], Int(t)))
                }
            }
            // Scored already, but for the terms of shards cut elsewhere or missing from the output.
            let postings: SearchPostings
            if let scored {
                let rest = mask.indices.map { mask[$0] && !scored.mask[$0] }
                postings = rest.contains(true)
                    ? SearchPostings(merging: scored.postings, SearchPostings(analyzed, k1: k1, b: b, averageLength: avg, only: rest))
                    : scored.postings
            } else {
                postings = SearchPostings(analyzed, k1: k1, b: b, averageLength: avg, only: mask)
            }
            entries = TermEntries(list, postings)
        }
        let made = Array(zip(remade, local)).parallelMap(chunkSize: 4) { k, shard -> (hash: UInt64, bytes: [UInt8]?) in
            let hash = entries.hash(of: shard)
            if let isCurrent, isCurrent(path(k), hash) { return (hash, nil) }
            var out = JSONBytes(capacity: entries.byteCount(shard) + 32)
            out.raw("{\"terms\":{")
            entries.append(shard, to: &out)
            out.raw("},\"version\":1}\n")
            return (hash, out.bytes)
        }
        var next = made.makeIterator()
        for k in shards.indices {
            if let hash = earlierHash[k] {
                index.add(path(k), hash: hash, bytes: nil)
            } else if let file = next.next() {
                index.add(path(k), hash: file.hash, bytes: file.bytes)
            }
            index.layout.termShardHashes.append(index.hashes[path(k)] ?? 0)
        }
        index.termShardsRemade = remade.count
        index.layout.terms = terms
        index.layout.sizes = sizes.map { Int32(clamping: $0) }
        index.layout.termShardEnds = shards.map { Int32(clamping: $0.upperBound) }
        return shards.map { vocabulary[Int(terms[$0.lowerBound])] }
    }

    /// Adds the document shards of `analyses` to `index` (and their layout): a fixed number of
    /// documents per shard, hashed and checked on every core. With `patch`, a shard cut as the
    /// earlier one, with no changed document, that the output holds keeps its earlier hash.
    func addDocumentShards(of analyses: SearchAnalyses, patch: IndexPatch?, directory: String,
                           isCurrent: (@Sendable (String, UInt64) -> Bool)?, to index: inout IndexFiles) {
        let n = analyses.count
        let totalDocBytes = analyses.json.count + n
        let perShard = n == 0 ? 1 : max(1, min(n, docShardBytes * n / max(totalDocBytes, 1)))
        let earlier = patch.flatMap { $0.layout.docShardSize == perShard ? $0 : nil }
        let docShards = Array(stride(from: 0, to: n, by: perShard).enumerated())
        let files = docShards.parallelMap(chunkSize: 16) { shard, start -> (path: String, hash: UInt64, bytes: [UInt8]?) in
            let end = min(n, start + perShard)
            let path = directory + "docs-\(shard).json"
            if let earlier, let isCurrent, shard < earlier.layout.docShardHashes.count,
               !earlier.changedDocuments[start..<end].contains(true), isCurrent(path, earlier.layout.docShardHashes[shard]) {
                return (path, earlier.layout.docShardHashes[shard], nil)
            }
            let bytes = analyses.jsonRange(start).lowerBound..<analyses.jsonRange(end - 1).upperBound
            var hasher = StableHash()
            hasher.combine("document shard 1")
            hasher.combine(UInt64(end - start))
            for k in start..<end { hasher.combine(UInt64(analyses.jsonRange(k).count)) }
            analyses.json[bytes].withUnsafeBytes { hasher.combine(bytes: $0) }
            if let isCurrent, isCurrent(path, hasher.value) { return (path, hasher.value, nil) }
            var body = JSONBytes(capacity: bytes.count + end - start + 32)
            body.raw("{\"docs\":[")
            for k in start..<end {
                if k > start { body.raw(byte: UInt8(ascii: ",")) }
                body.bytes += analyses.json[analyses.jsonRange(k)]
            }
            body.raw("],\"version\":1}\n")
            return (path, hasher.value, body.bytes)
        }
        for file in files { index.add(file.path, hash: file.hash, bytes: file.bytes) }
        index.layout.docShardSize = perShard
        index.layout.docShardHashes = files.map(\.hash)
    }
}
