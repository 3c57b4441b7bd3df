/// What the index made from one ``SearchAnalyses`` looks like: the scoring constants, the terms
/// in term order with the size of each one's entry, where the term and document shards were cut,
/// and each shard's hash. Kept with the analyses (``SearchAnalysisCache``), so that a rebuild in
/// which a few documents changed, and the constants did not, scores only the terms of those
/// documents again and makes only the shards they fall in: every other term's postings, and so
/// every other shard, are the same (see ``IndexPatch`` and
/// ``SearchIndexWriter/addTermShards(of:patch:directory:isCurrent:to:)``).
struct SearchIndexLayout: Sendable, Equatable {
    /// The writer's settings the index was scored and cut with (``SearchIndexWriter/layoutSettings``).
    var settings: [UInt64] = []
    /// The number of documents and their average length as scoring used it: both are in every score.
    var documentCount = 0
    var averageLength = 1.0
    /// The term ids of the analyses (fewer, or as many as their vocabulary) this layout numbers.
    var vocabularyCount = 0
    /// The terms that have postings, by id, in term order, and each one's entry size in bytes.
    var terms: [Int32] = []
    var sizes: [Int32] = []
    /// Where each term shard ends in `terms`, and each one's hash (``TermEntries/hash(of:)``).
    var termShardEnds: [Int32] = []
    var termShardHashes: [UInt64] = []
    /// Documents per document shard, and each document shard's hash.
    var docShardSize = 0
    var docShardHashes: [UInt64] = []

    /// Writes the layout, after the analyses' other parts.
    func encode(into writer: inout BinaryWriter) {
        writer.table(settings)
        writer.unsigned(UInt64(documentCount))
        writer.fixed(averageLength.bitPattern)
        writer.unsigned(UInt64(vocabularyCount))
        writer.table(terms)
        writer.table(sizes)
        writer.table(termShardEnds)
        writer.table(termShardHashes)
        writer.unsigned(UInt64(docShardSize))
        writer.table(docShardHashes)
    }

    /// Reads what ``encode(into:)`` wrote, checking that it describes `documentCount` documents
    /// numbered in a vocabulary of `vocabularyCount` terms: shard ends in order and in bounds, one
    /// size per term, every term id known.
    init(from reader: inout BinaryReader, documentCount: Int, vocabularyCount: Int) throws(BinaryReader.Malformed) {
        settings = try reader.table(of: UInt64.self)
        self.documentCount = try Self.number(&reader)
        averageLength = Double(bitPattern: try reader.fixed())
        self.vocabularyCount = try Self.number(&reader)
        terms = try reader.table(of: Int32.self)
        sizes = try reader.table(of: Int32.self)
        termShardEnds = try reader.table(of: Int32.self)
        termShardHashes = try reader.table(of: UInt64.self)
        docShardSize = try Self.number(&reader)
        docShardHashes = try reader.table(of: UInt64.self)
        let count = Int32(clamping: terms.count)
        guard self.documentCount == documentCount, self.vocabularyCount <= vocabularyCount,
              averageLength.isFinite, averageLength > 0, sizes.count == terms.count,
              terms.allSatisfy({ $0 >= 0 && Int($0) < self.vocabularyCount }), sizes.allSatisfy({ $0 > 0 }),
              termShardEnds.count == termShardHashes.count, termShardEnds.last.map({ $0 == count }) ?? (count == 0),
              zip([0] + termShardEnds, termShardEnds).allSatisfy({ $0 < $1 }),
              docShardSize >= 0, documentCount == 0 || docShardSize > 0,
              docShardHashes.count == (documentCount == 0 ? 0 : (documentCount + docShardSize - 1) / docShardSize)
        else { throw BinaryReader.Malformed() }
        // Each term once (the writer merges new terms into this list, assuming it).
        var seen = [Bool](repeating: false, count: self.vocabularyCount)
        for t in terms {
            guard !seen[Int(t)] else { throw BinaryReader.Malformed() }
            seen[Int(t)] = true
        }
    }

    /// A number that is no count of bytes to follow (``BinaryReader/count()`` would bound it by them).
    private static func number(_ reader: inout BinaryReader) throws(BinaryReader.Malformed) -> Int {
        guard let value = Int(exactly: try reader.unsigned()), value <= Int(Int32.max) else { throw BinaryReader.Malformed() }
        return value
    }

    /// An empty layout, to be filled.
    init() {}

    /// Term shard `k`'s range in `terms`.
    func termShard(_ k: Int) -> Range<Int> { (k == 0 ? 0 : Int(termShardEnds[k - 1]))..<Int(termShardEnds[k]) }
}

extension BinaryWriter {
    /// A table of plain values, as ``BinaryReader/table(of:)`` reads it: their count, then their
    /// bytes as they lie in memory.
    mutating func table<T: BitwiseCopyable>(_ values: [T]) {
        count(values.count)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
}
