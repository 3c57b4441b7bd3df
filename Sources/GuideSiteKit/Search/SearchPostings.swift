import Foundation

/// The postings of every term: its documents (ascending) with their BM25F scores.
struct SearchPostings: Sendable {
    /// Term `t`'s postings are at `starts[t]..<starts[t + 1]`.
    private var starts: [Int]
    var documents: [Int32]
    /// Score × 100, rounded, at least 1.
    var scores: [Int32]

    /// Scores every (document, term) pair of `analyzed`.
    init(_ analyzed: DocumentTerms, k1: Double, b: Double, averageLength avg: Double) {
        let n = analyzed.lengths.count
        var df = [Int](repeating: 0, count: analyzed.vocabulary.count)
        for t in analyzed.terms { df[Int(t)] += 1 }
        let idf = df.map { df -> Double in
            let dfT = Double(df)
            return log(1 + (Double(n) - dfT + 0.5) / (dfT + 0.5))
        }
        starts = [0]
        starts.reserveCapacity(df.count + 1)
        for count in df { starts.append(starts[starts.count - 1] + count) }
        var next = starts
        documents = [Int32](repeating: 0, count: analyzed.terms.count)
        scores = [Int32](repeating: 0, count: analyzed.terms.count)
        for d in 0..<n {
            let norm = k1 * (1 - b + b * analyzed.lengths[d] / avg)
            for k in analyzed.starts[d]..<analyzed.starts[d + 1] {
                let t = Int(analyzed.terms[k])
                let f = analyzed.frequencies[k]
                let score = idf[t] * f * (k1 + 1) / (f + norm)
                documents[next[t]] = Int32(d)
                scores[next[t]] = Int32(max(1, (score * 100).rounded()))
                next[t] += 1
            }
        }
    }

    /// Number of documents of term `t`.
    func count(of t: Int) -> Int { starts[t + 1] - starts[t] }

    /// Where term `t`'s postings are in `documents` and `scores`.
    func range(of t: Int) -> Range<Int> { starts[t]..<starts[t + 1] }
}
