/// Weighted term frequencies of documents, in flat arrays.
struct DocumentTerms: Sendable {
    /// Term strings, by term id.
    var vocabulary: [String] = []
    /// Document `d`'s terms and frequencies are at `starts[d]..<starts[d + 1]`, in no particular order.
    var starts: [Int] = [0]
    var terms: [Int32] = []
    /// Sums of field weights: whole numbers with the default weights, which a `Float` holds
    /// exactly (half the bytes of a `Double` to keep, copy and check in the search cache). Other
    /// weights, such as 0.1, are rounded to a `Float`'s precision, the same way in every build.
    var frequencies: [Float] = []
    /// Number of tokens of each document (at least 1).
    var lengths: [Double] = []

    /// The documents of `parts` one after the other, with one vocabulary: each part's term ids
    /// mapped to global ones, in order of first appearance.
    init(concatenating parts: [DocumentTerms]) {
        var ids: [String: Int32] = [:]
        lengths.reserveCapacity(parts.reduce(0) { $0 + $1.lengths.count })
        starts.reserveCapacity(lengths.capacity + 1)
        terms.reserveCapacity(parts.reduce(0) { $0 + $1.terms.count })
        frequencies.reserveCapacity(terms.capacity)
        for part in parts {
            let map = part.vocabulary.map { term -> Int32 in
                if let id = ids[term] { return id }
                let id = Int32(vocabulary.count)
                vocabulary.append(term)
                ids[term] = id
                return id
            }
            let offset = terms.count
            terms += part.terms.lazy.map { map[Int($0)] }
            frequencies += part.frequencies
            starts += part.starts.dropFirst().lazy.map { $0 + offset }
            lengths += part.lengths
        }
    }

    /// No documents.
    init() {}

    /// The id in `vocabulary` of each of `terms`, in order: the terms it lacks are added after it
    /// (the ids it had are kept).
    static func ids(of terms: [String], addingTo vocabulary: inout [String]) -> [Int32] {
        var byTerm: [String: Int] = [:]
        byTerm.reserveCapacity(terms.count)
        for (f, term) in terms.enumerated() { byTerm[term] = f }
        var ids = [Int32](repeating: -1, count: terms.count)
        if !byTerm.isEmpty {
            for (id, term) in vocabulary.enumerated() {
                if let f = byTerm[term] { ids[f] = Int32(id) }
            }
        }
        for f in ids.indices where ids[f] < 0 {
            ids[f] = Int32(vocabulary.count)
            vocabulary.append(terms[f])
        }
        return ids
    }
}

/// Counts the weighted terms of documents, one document after the other, into ``DocumentTerms``.
struct DocumentTermsCounter {
    /// The documents counted so far (the vocabulary is left to the caller).
    private(set) var counted = DocumentTerms()
    /// Where each term of the current document is in `counted`, or -1, by term id.
    private var slots: [Int] = []
    /// Tokens of the current document so far.
    private var length = 0

    /// Adds the terms of `text` to the current document, each with the weight `weight`
    /// added to its frequency.
    mutating func add(_ text: String, weight: Double, analyzer: TextAnalyzer) {
        analyzer.forEachTerm(in: text) { primary, alternate in
            count(primary, weight)
            if alternate >= 0 { count(alternate, weight) }
            length += 1
        }
    }

    /// Ends the current document: the next terms added are another document's.
    mutating func endDocument() {
        for k in counted.starts[counted.starts.count - 1]..<counted.terms.count { slots[Int(counted.terms[k])] = -1 }
        counted.starts.append(counted.terms.count)
        counted.lengths.append(Double(max(length, 1)))
        length = 0
    }

    private mutating func count(_ term: Int32, _ weight: Double) {
        let id = Int(term)
        if id >= slots.count { slots += repeatElement(-1, count: id + 1 - slots.count) }
        let slot = slots[id]
        if slot >= 0 {
            counted.frequencies[slot] += Float(weight)
        } else {
            slots[id] = counted.terms.count
            counted.terms.append(term)
            counted.frequencies.append(Float(weight))
        }
    }
}
