import Foundation

/// The postings of every term, or of some terms: its documents (ascending) with their BM25F scores
/// (each document's length as scores use it: ``SearchIndexWriter/scoringLength(_:)``).
struct SearchPostings: Sendable {
    /// Term `t`'s postings are at `starts[t]..<starts[t + 1]`.
    private var starts: [Int]
    var documents: [Int32]
    /// Score × 100, rounded, at least 1.
    var scores: [Int32]

    /// Scores every (document, term) pair of `analyzed`, on every core: the documents are cut
    /// into as many ranges, each range counts its terms and then fills its part of each term's
    /// postings (a term's postings from the first range come first, so they stay in document order).
    /// With `mask`, only the terms it marks get postings (the others none); scores are the same.
    init(_ analyzed: DocumentTerms, k1: Double, b: Double, averageLength avg: Double, only mask: [Bool]? = nil) {
        let n = analyzed.lengths.count
        let vocabulary = analyzed.vocabulary.count
        let parts = n < 4096 ? 1 : ProcessInfo.processInfo.activeProcessorCount
        let ranges = (0..<parts).map { p in (n * p / parts)..<(n * (p + 1) / parts) }
        // Each range's count of documents per term.
        var counts = ranges.parallelMap(chunkSize: 1) { range -> [Int32] in
            var df = [Int32](repeating: 0, count: vocabulary)
            guard let first = range.first, let last = range.last else { return df }
            for t in analyzed.terms[analyzed.starts[first]..<analyzed.starts[last + 1]] { df[Int(t)] += 1 }
            return df
        }
        var df = [Int](repeating: 0, count: vocabulary)
        for part in counts {
            for t in 0..<vocabulary { df[t] += Int(part[t]) }
        }
        self.documentFrequencies = df
        // How many postings each term gets, and each range of each term.
        if let mask {
            for p in counts.indices {
                for t in 0..<vocabulary where !mask[t] { counts[p][t] = 0 }
            }
        }
        let kept = mask.map { mask in df.indices.map { mask[$0] ? df[$0] : 0 } } ?? df
        let idf = df.map { df -> Double in
            let dfT = Double(df)
            return log(1 + (Double(n) - dfT + 0.5) / (dfT + 0.5))
        }
        var starts = [0]
        starts.reserveCapacity(vocabulary + 1)
        for count in kept { starts.append(starts[starts.count - 1] + count) }
        // Where each range starts writing each term's postings.
        var nexts: [[Int]] = []
        var next = Array(starts.dropLast())
        for part in counts {
            nexts.append(next)
            for t in 0..<vocabulary { next[t] += Int(part[t]) }
        }
        let total = starts[vocabulary]
        var documents = [Int32](repeating: 0, count: total)
        var scores = [Int32](repeating: 0, count: total)
        documents.withUnsafeMutableBufferPointer { documents in
            scores.withUnsafeMutableBufferPointer { scores in
                // Each range writes only its own slots of each term's postings.
                nonisolated(unsafe) let documents = documents, scores = scores
                _ = Array(zip(ranges, nexts)).parallelMap(chunkSize: 1) { range, start -> Bool in
                    var next = start
                    for d in range {
                        let norm = k1 * (1 - b + b * SearchIndexWriter.scoringLength(analyzed.lengths[d]) / avg)
                        for k in analyzed.starts[d]..<analyzed.starts[d + 1] {
                            let t = Int(analyzed.terms[k])
                            if let mask, !mask[t] { continue }
                            let f = Double(analyzed.frequencies[k])
                            let score = idf[t] * f * (k1 + 1) / (f + norm)
                            documents[next[t]] = Int32(d)
                            scores[next[t]] = Int32(max(1, (score * 100).rounded()))
                            next[t] += 1
                        }
                    }
                    return true
                }
            }
        }
        self.starts = starts
        self.documents = documents
        self.scores = scores
    }

    /// Number of documents of each term, postings or not.
    let documentFrequencies: [Int]

    /// Number of postings of term `t`.
    func count(of t: Int) -> Int { starts[t + 1] - starts[t] }

    /// Where term `t`'s postings are in `documents` and `scores`.
    func range(of t: Int) -> Range<Int> { starts[t]..<starts[t + 1] }

    /// The postings of both, for terms that at most one of them has postings of (made with
    /// masks that do not overlap).
    init(merging first: SearchPostings, _ second: SearchPostings) {
        let vocabulary = first.starts.count - 1
        var starts = [0]
        starts.reserveCapacity(vocabulary + 1)
        var documents: [Int32] = [], scores: [Int32] = []
        documents.reserveCapacity(first.documents.count + second.documents.count)
        scores.reserveCapacity(documents.capacity)
        for t in 0..<vocabulary {
            let from = first.count(of: t) > 0 ? first : second
            let range = from.range(of: t)
            documents += from.documents[range]
            scores += from.scores[range]
            starts.append(documents.count)
        }
        self.starts = starts
        self.documents = documents
        self.scores = scores
        documentFrequencies = first.documentFrequencies
    }
}
