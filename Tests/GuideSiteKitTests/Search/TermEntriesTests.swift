import Testing
@testable import GuideSiteKit

/// Term shards are cut from entry sizes computed without writing the entries, and a rebuild
/// writes only the shards whose hash changed: both must agree with the bytes.
@Suite("Term entries and kept shards")
struct TermEntriesTests {
    @Test func sizesAreTheBytesWritten() {
        var generator = SplitMix(seed: 0x7E2)
        let analyzed = DocumentTerms.random(vocabulary: ["a", "3.09.10", "élève", "quote\"d", "back\\slash", "long" + String(repeating: "x", count: 50)],
                                            documents: 300, oneIn: 3, maxFrequency: 40, maxLength: 500, using: &generator)
        let postings = SearchPostings(analyzed, k1: 1.2, b: 0.75, averageLength: 120)
        let terms = analyzed.vocabulary.enumerated().map { ($1, $0) }.sorted { $0.0 < $1.0 }
        let entries = TermEntries(terms, postings)
        for maxBytes in [1, 64, 700, 5_000, 1 << 20] {
            let shards = entries.shards(maxBytes: maxBytes)
            #expect(shards.map(\.count).reduce(0, +) == terms.count)
            for shard in shards {
                var out = JSONBytes()
                entries.append(shard, to: &out)
                #expect(out.count == entries.byteCount(shard), "shard \(shard) at \(maxBytes) bytes")
                #expect(shard.count == 1 || out.count <= maxBytes, "a shard stays within its size unless it is one entry")
            }
        }
    }

    @Test func keptShardsAreTheBytesAFullBuildWouldWrite() {
        var writer = SearchIndexWriter()
        writer.shardBytes = 400
        writer.docShardBytes = 300
        var documents = SearchFixtureCorpus.documents
        let hashes = { (documents: [SearchDocument]) in SearchAnalysisCacheTests.hashes(documents) }
        let before = writer.makeIndexFiles(documents: documents, hashes: hashes(documents), language: .fr, reusing: nil).index
        #expect(before.kept.isEmpty)
        let k = documents.firstIndex { $0.language == .fr } ?? 0
        documents[k].bodyText += " Une phrase de plus sur le consentement."
        let previous = before.hashes
        let after = writer.makeIndexFiles(documents: documents, hashes: hashes(documents), language: .fr, reusing: nil) { path, hash in
            previous[path] == hash
        }.index
        let full = Dictionary(uniqueKeysWithValues: writer.makeIndexFiles(documents: documents, language: .fr).map { ($0.path, $0.bytes) })
        let old = Dictionary(uniqueKeysWithValues: before.files.map { ($0.path, $0.bytes) })
        #expect(!after.kept.isEmpty, "some shards are the same")
        #expect(after.files.count > 2, "and some are not (with meta and facets)")
        #expect(Set(after.kept).union(after.files.map(\.path)) == Set(full.keys))
        for path in after.kept { #expect(old[path] == full[path], "\(path) kept: its bytes are a full build's") }
        for file in after.files { #expect(file.bytes == full[file.path], "\(file.path) made as a full build makes it") }
    }
}

extension DocumentTerms {
    /// `documents` documents that each hold every term of `vocabulary` with a chance of one in
    /// `oneIn`, with a frequency up to `maxFrequency` and a length up to `maxLength`.
    static func random(vocabulary: [String], documents: Int, oneIn: UInt64, maxFrequency: UInt64, maxLength: UInt64,
                       using generator: inout SplitMix) -> DocumentTerms {
        var analyzed = DocumentTerms()
        analyzed.vocabulary = vocabulary
        for _ in 0..<documents {
            for term in 0..<vocabulary.count where generator.next() % oneIn == 0 {
                analyzed.terms.append(Int32(term))
                analyzed.frequencies.append(Float(1 + generator.next() % maxFrequency))
            }
            analyzed.starts.append(analyzed.terms.count)
            analyzed.lengths.append(Double(1 + generator.next() % maxLength))
        }
        return analyzed
    }
}
