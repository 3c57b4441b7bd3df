/// The entries `"term":[delta,score,…]` of the term shards, in term order: their sizes, where
/// the shards are cut, each shard's hash, and the bytes of the shards asked for.
///
/// Sizes and hashes cost much less than the bytes, so a rebuild can cut the shards, tell which
/// ones the output already holds (same hash) and write only the others.
struct TermEntries {
    /// The terms (term, term id), sorted by term.
    let terms: [(String, Int)]
    let postings: SearchPostings
    /// Each term's JSON string literal (quoted and escaped).
    private let names: [[UInt8]]
    /// Entry `k`'s size in bytes, without a separating comma.
    let sizes: [Int]

    init(_ terms: [(String, Int)], _ postings: SearchPostings) {
        self.terms = terms
        self.postings = postings
        let chunkSize = 512
        let chunkStarts = Array(stride(from: 0, to: terms.count, by: chunkSize))
        let chunks = chunkStarts.parallelMap(chunkSize: 1) { first -> (names: [[UInt8]], sizes: [Int]) in
            var names: [[UInt8]] = [], sizes: [Int] = []
            names.reserveCapacity(chunkSize)
            sizes.reserveCapacity(chunkSize)
            for (term, id) in terms[first..<min(first + chunkSize, terms.count)] {
                var name = JSONBytes(capacity: term.utf8.count + 2)
                name.string(term)
                // "term":[ … ]: the name, two bytes before the postings, one after.
                var size = name.count + 3
                let range = postings.range(of: id)
                var previous: Int32 = 0
                for k in range {
                    let document = postings.documents[k]
                    size += Self.digits(Int(document - previous)) + 1 + Self.digits(Int(postings.scores[k]))
                    previous = document
                }
                size += max(0, range.count - 1)
                names.append(name.bytes)
                sizes.append(size)
            }
            return (names, sizes)
        }
        names = chunks.flatMap(\.names)
        sizes = chunks.flatMap(\.sizes)
    }

    /// Decimal digits of a number that is not negative.
    @inline(__always)
    static func digits(_ value: Int) -> Int {
        var digits = 1, rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        return digits
    }

    /// Entry ranges of the shards: a shard takes entries while its body stays within
    /// `maxBytes`, and always at least one.
    func shards(maxBytes: Int) -> [Range<Int>] { Self.shards(sizes: sizes, maxBytes: maxBytes) }

    /// Ranges of the shards of entries of sizes `sizes` (see ``shards(maxBytes:)``).
    static func shards(sizes: [Int], maxBytes: Int) -> [Range<Int>] {
        var shards: [Range<Int>] = []
        var first = 0
        var size = 0
        for k in sizes.indices {
            if k > first && size + 1 + sizes[k] > maxBytes {
                shards.append(first..<k)
                first = k
                size = 0
            }
            size += k > first ? 1 + sizes[k] : sizes[k]
        }
        if first < sizes.count { shards.append(first..<sizes.count) }
        return shards
    }

    /// Bytes of the entries `shard` once written, commas between them included.
    func byteCount(_ shard: Range<Int>) -> Int { sizes[shard].reduce(shard.count - 1, +) }

    /// A hash of everything the entries `shard` are written from: their terms and postings.
    func hash(of shard: Range<Int>) -> UInt64 {
        var hasher = StableHash()
        hasher.combine("term entries 1")
        for k in shard {
            names[k].withUnsafeBytes { hasher.combine(bytes: $0) }
            let range = postings.range(of: terms[k].1)
            postings.documents[range].withUnsafeBytes { hasher.combine(bytes: $0) }
            postings.scores[range].withUnsafeBytes { hasher.combine(bytes: $0) }
        }
        return hasher.value
    }

    /// Appends the entries `shard`, separated by commas.
    func append(_ shard: Range<Int>, to out: inout JSONBytes) {
        for k in shard {
            if k > shard.lowerBound { out.raw(byte: UInt8(ascii: ",")) }
            out.bytes += names[k]
            out.raw(byte: UInt8(ascii: ":"))
            out.raw(byte: UInt8(ascii: "["))
            // Postings are sorted by document; document numbers are delta-coded.
            let range = postings.range(of: terms[k].1)
            var previous: Int32 = 0
            for p in range {
                if p > range.lowerBound { out.raw(byte: UInt8(ascii: ",")) }
                let document = postings.documents[p]
                out.integer(Int(document - previous))
                out.raw(byte: UInt8(ascii: ","))
                out.integer(Int(postings.scores[p]))
                previous = document
            }
            out.raw(byte: UInt8(ascii: "]"))
        }
    }
}
