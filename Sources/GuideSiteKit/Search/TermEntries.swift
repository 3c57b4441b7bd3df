/// The entries `"term":[delta,score,…]` of the term shards, in term order, and where
/// the shards are cut.
///
/// Entries are written on every core into one buffer, each with a leading comma
/// (left out when it opens a shard).
struct TermEntries {
    private var bytes: [UInt8] = []
    /// Entry `k` is `bytes[ends[k - 1]..<ends[k]]` (from 0 for the first).
    private var ends: [Int] = []

    /// The entries of `terms` (term, term id; sorted by term).
    init(_ terms: [(String, Int)], _ postings: SearchPostings) {
        let chunkSize = 512
        let chunkStarts = Array(stride(from: 0, to: terms.count, by: chunkSize))
        let chunks = chunkStarts.parallelMap(chunkSize: 1) { first -> (bytes: [UInt8], ends: [Int]) in
            var out = JSONBytes(capacity: 64 * chunkSize)
            var ends: [Int] = []
            ends.reserveCapacity(chunkSize)
            for (term, id) in terms[first..<min(first + chunkSize, terms.count)] {
                out.raw(byte: UInt8(ascii: ","))
                out.string(term)
                out.raw(":[")
                // Postings are sorted by document; document numbers are delta-coded.
                let range = postings.range(of: id)
                var previous: Int32 = 0
                for k in range {
                    if k > range.lowerBound { out.raw(byte: UInt8(ascii: ",")) }
                    let document = postings.documents[k]
                    out.integer(Int(document - previous))
                    out.raw(byte: UInt8(ascii: ","))
                    out.integer(Int(postings.scores[k]))
                    previous = document
                }
                out.raw(byte: UInt8(ascii: "]"))
                ends.append(out.count)
            }
            return (out.bytes, ends)
        }
        bytes.reserveCapacity(chunks.reduce(0) { $0 + $1.bytes.count })
        ends.reserveCapacity(terms.count)
        for chunk in chunks {
            let offset = bytes.count
            bytes += chunk.bytes
            ends += chunk.ends.lazy.map { $0 + offset }
        }
    }

    private func start(_ k: Int) -> Int { k == 0 ? 0 : ends[k - 1] }

    /// Entry ranges of the shards: a shard takes entries while its body stays within
    /// `maxBytes`, and always at least one.
    func shards(maxBytes: Int) -> [Range<Int>] {
        var shards: [Range<Int>] = []
        var first = 0
        var size = 0
        for k in 0..<ends.count {
            // Without its comma when it opens a shard.
            let entry = ends[k] - start(k) - 1
            if k > first && size + 1 + entry > maxBytes {
                shards.append(first..<k)
                first = k
                size = 0
            }
            size += k > first ? 1 + entry : entry
        }
        if first < ends.count { shards.append(first..<ends.count) }
        return shards
    }

    /// Bytes of the entries `shard` once written.
    func byteCount(_ shard: Range<Int>) -> Int { ends[shard.upperBound - 1] - start(shard.lowerBound) - 1 }

    /// Appends the entries `shard`, separated by commas.
    func append(_ shard: Range<Int>, to out: inout JSONBytes) {
        bytes.withUnsafeBufferPointer { p in
            out.raw(bytes: UnsafeBufferPointer(rebasing: p[(start(shard.lowerBound) + 1)..<ends[shard.upperBound - 1]]))
        }
    }
}
