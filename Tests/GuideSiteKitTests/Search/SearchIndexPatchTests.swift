import Testing
@testable import GuideSiteKit

/// A rebuild in which a few documents changed patches the earlier index (``IndexPatch``): it
/// scores only the terms of those documents and makes only the shards they fall in. What the
/// output then holds must be, byte for byte, an index made from nothing.
@Suite("Search index patches")
struct SearchIndexPatchTests {
    static let words = ["consentement", "confidentialité", "publicité", "témoignage", "réseaux", "sociaux", "dossier",
                        "secret", "professionnel", "l’ordre", "distance", "client", "membre", "3.09.10", "6.1.6",
                        "élève", "déontologie", "patient", "photo", "courriel", "plainte", "syndic", "ordonnance"]

    static func sentence(_ count: Int, _ generator: inout SplitMix) -> String {
        (0..<count).map { _ in words.randomElement(using: &generator) ?? "" }.joined(separator: " ")
    }

    /// Rounds of edits to a few documents, each index made from the previous round's analyses
    /// against an output that holds what the previous rounds wrote.
    @Test func whatTheOutputHoldsIsAnIndexMadeFromNothing() {
        var generator = SplitMix(seed: 0x1D3C5)
        var documents = (0..<64).map { k in
            SearchDocument(url: "articles/a\(k)/", title: Self.sentence(3, &generator), kind: .article, language: .fr,
                           bodyText: Self.sentence(30, &generator) + " mot\(k % 7)")
        }
        var writer = SearchIndexWriter()
        writer.shardBytes = 300
        writer.docShardBytes = 400
        var output: [String: (hash: UInt64, bytes: [UInt8])] = [:]
        var previous: SearchAnalyses?
        var patched = 0
        for round in 0..<16 {
            if round > 0 {
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    let k = Int.random(in: documents.indices, using: &generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0:  // one word for another: the average length stays
                        var body = documents[k].bodyText.split(separator: " ").map(String.init)
                        body[Int.random(in: body.indices, using: &generator)] = Self.words.randomElement(using: &generator) ?? ""
                        documents[k].bodyText = body.joined(separator: " ")
                    case 1:  // a new word, in no other document
                        documents[k].bodyText += " nouveau\(round)"
                    default:
                        documents[k].bodyText += " " + Self.sentence(2, &generator)
                    }
                }
            }
            if round == 9, let lost = output.keys.sorted().first(where: { $0.contains("terms-") }) {
                output[lost] = nil  // the output lost a shard: it is made again, patch or not
            }
            let held = output.mapValues(\.hash)
            let made = writer.makeIndexFiles(documents: documents, hashes: SearchAnalysisCacheTests.hashes(documents), language: .fr,
                                             reusing: previous) { path, hash in held[path] == hash }
            for file in made.index.files { output[file.path] = (made.index.hashes[file.path] ?? 0, file.bytes) }
            for path in made.index.kept { #expect(output[path] != nil, "round \(round): \(path) kept, so the output holds it") }
            let fromNothing = writer.makeIndexFiles(documents: documents, language: .fr)
            #expect(Set(made.index.hashes.keys) == Set(fromNothing.map(\.path)), "round \(round)")
            for file in fromNothing {
                #expect(output[file.path]?.bytes == file.bytes, "round \(round): \(file.path) is the bytes of an index made from nothing")
            }
            let shards = made.analyses.layout?.termShardEnds.count ?? 0
            if made.index.termShardsRemade < shards { patched += 1 }
            #expect(made.analyses.layout?.termShardHashes.count == shards)
            previous = made.analyses
        }
        #expect(patched >= 8, "most rounds patch the index (\(patched) of 15)")
    }

    /// A patch is refused when the earlier index cannot be patched: another document count, or
    /// too many documents changed.
    @Test func aPatchNeedsTheSameDocumentsCountAndFewChanges() throws {
        var generator = SplitMix(seed: 0xA11)
        var documents = (0..<16).map { k in
            SearchDocument(url: "a\(k)/", title: "t\(k)", kind: .article, language: .fr, bodyText: Self.sentence(12, &generator))
        }
        let writer = SearchIndexWriter()
        let first = writer.makeIndexFiles(documents: documents, hashes: SearchAnalysisCacheTests.hashes(documents), language: .fr,
                                          reusing: nil).analyses
        let layout = try #require(first.layout)
        func analyses(_ documents: [SearchDocument]) -> SearchAnalyses {
            writer.makeIndexFiles(documents: documents, hashes: SearchAnalysisCacheTests.hashes(documents), language: .fr,
                                  reusing: nil).analyses
        }
        #expect(IndexPatch(from: first, to: first, layout: layout)?.changedDocuments.contains(true) == false, "nothing changed")
        documents.removeLast()
        let fewer = analyses(documents)
        var smaller = layout
        smaller.documentCount = fewer.count
        #expect(IndexPatch(from: first, to: fewer, layout: smaller) == nil, "another document count")
        var many = first
        many.hashes = many.hashes.map { $0 &+ 1 }
        #expect(IndexPatch(from: many, to: first, layout: layout) == nil, "every document changed")
        var settings = layout
        settings.settings[2] += 1
        #expect(IndexPatch(from: first, to: first, layout: settings) == nil, "other shard sizes")
        var average = layout
        average.averageLength += 0.25
        #expect(IndexPatch(from: first, to: first, layout: average) == nil, "another average length")
    }

    /// Scores use a document's length with its first four binary digits: an edit of a word or
    /// two to a long document leaves it, and the patch then scores again only the terms whose
    /// frequency the edit changed; an edit that moves it scores every term of the document.
    @Test func anEditThatKeepsTheScoringLengthChangesOnlyTheTermsItTouched() throws {
        #expect((1...16).allSatisfy { SearchIndexWriter.scoringLength(Double($0)) == Double($0) })
        #expect(SearchIndexWriter.scoringLength(17) == 16 && SearchIndexWriter.scoringLength(19) == 18)
        #expect(SearchIndexWriter.scoringLength(880) == 832 && SearchIndexWriter.scoringLength(895) == 832)
        #expect(SearchIndexWriter.scoringLength(896) == 896 && SearchIndexWriter.scoringLength(0) == 1)
        #expect((1...5000).allSatisfy { n in
            let q = SearchIndexWriter.scoringLength(Double(n))
            return q <= Double(n) && Double(n) - q < max(1, Double(n) / 8)
        })

        var generator = SplitMix(seed: 0x5CE1)
        let body = (0..<100).map { "mot\($0)" }.joined(separator: " ")   // 100 tokens: scored as 96
        var documents = (0..<16).map { k in
            SearchDocument(url: "a\(k)/", title: "t\(k)", kind: .article, language: .fr, bodyText: Self.sentence(12, &generator))
        }
        documents[3].bodyText = body
        let writer = SearchIndexWriter()
        let first = writer.makeIndexFiles(documents: documents, hashes: SearchAnalysisCacheTests.hashes(documents), language: .fr,
                                          reusing: nil).analyses
        let layout = try #require(first.layout)
        // The edited analyses, made from the first ones (which keeps their term ids).
        func patch(_ text: String) throws -> (patch: IndexPatch, vocabulary: [String]) {
            var edited = documents
            edited[3].bodyText = text
            let analyses = writer.makeIndexFiles(documents: edited, hashes: SearchAnalysisCacheTests.hashes(edited), language: .fr,
                                                 reusing: first).analyses
            return (try #require(IndexPatch(from: first, to: analyses, layout: layout)), analyses.terms.vocabulary)
        }
        // One word for a new one, and one word more: the length stays within its bin.
        let swapped = try patch(body.replacingOccurrences(of: "mot7 ", with: "syndic ") + " mot1")
        let marked = swapped.patch.changedTerms.indices.filter { swapped.patch.changedTerms[$0] }.map { swapped.vocabulary[$0] }
        #expect(marked.count == 3 && marked.contains("mot7") && marked.contains("mot1"), "\(marked)")
        #expect(swapped.patch.changedDocuments.filter { $0 }.count == 1)
        // Twenty words fewer: another length as scores use it, every term of the document.
        let shortened = try patch((0..<80).map { "mot\($0)" }.joined(separator: " "))
        #expect(shortened.patch.changedTerms.filter { $0 }.count >= 100)
    }

    /// Postings of some terms are those terms' postings among all, and two such sets with
    /// masks that do not overlap merge into the postings of both.
    @Test func maskedPostingsAreThePostingsOfTheirTerms() {
        var generator = SplitMix(seed: 0x9051)
        let analyzed = DocumentTerms.random(vocabulary: (0..<40).map { "t\($0)" }, documents: 5_000, oneIn: 5, maxFrequency: 9,
                                            maxLength: 80, using: &generator)
        let all = SearchPostings(analyzed, k1: 1.2, b: 0.75, averageLength: 30)
        let mask = analyzed.vocabulary.indices.map { _ in generator.next() % 3 == 0 }
        let some = SearchPostings(analyzed, k1: 1.2, b: 0.75, averageLength: 30, only: mask)
        let others = SearchPostings(analyzed, k1: 1.2, b: 0.75, averageLength: 30, only: mask.map { !$0 })
        let merged = SearchPostings(merging: some, others)
        for t in analyzed.vocabulary.indices {
            #expect(some.count(of: t) == (mask[t] ? all.count(of: t) : 0))
            if mask[t] {
                #expect(some.documents[some.range(of: t)] == all.documents[all.range(of: t)])
                #expect(some.scores[some.range(of: t)] == all.scores[all.range(of: t)])
            }
            #expect(merged.documents[merged.range(of: t)] == all.documents[all.range(of: t)])
            #expect(merged.scores[merged.range(of: t)] == all.scores[all.range(of: t)])
        }
        #expect(some.documentFrequencies == all.documentFrequencies)
    }
}
