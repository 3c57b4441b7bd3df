import Foundation
import Testing
@testable import GuideSiteKit

/// The search index as the build writes it: which documents, in which language, with what.
@Suite("Search index of a built site")
struct SearchInBuildTests {
    /// The documents of one language's index, read back from the built files.
    func documents(_ site: TemporarySite, language: String) throws -> [[String: Any]] {
        let meta = try #require(JSONSerialization.jsonObject(with: Data(site.read("search/\(language)/meta.json").utf8)) as? [String: Any])
        let shards = try #require(meta["docShards"] as? Int)
        var docs: [[String: Any]] = []
        for shard in 0..<shards {
            let file = try #require(JSONSerialization.jsonObject(with: Data(site.read("search/\(language)/docs-\(shard).json").utf8)) as? [String: Any])
            docs += try #require(file["docs"] as? [[String: Any]])
        }
        #expect(docs.count == meta["documentCount"] as? Int)
        return docs
    }

    @Test func everyPageKindAndEachSectionIsADocument() throws {
        let site = try TemporarySite(fixture: "basic")
        let result = try site.build()
        #expect(result.written, "\(result.diagnostics)")
        let docs = try documents(site, language: "fr")
        let urls = Set(docs.compactMap { $0["u"] as? String })
        #expect(urls.contains("articles/premier/"), "the article page itself")
        #expect(urls.contains("articles/premier/#contexte"), "its first section")
        #expect(urls.contains("articles/premier/#contexte-2"), "two headings with one title are two sections")
        #expect(urls.contains("recommandations/1/"))
        #expect(urls.contains("codes/dentistes/"))
        #expect(urls.contains("codes/dentistes/3.09.10/"))
        #expect(!urls.contains { $0.contains("brouillon") }, "drafts are not searchable")
        let section = try #require(docs.first { $0["u"] as? String == "articles/premier/#contexte" })
        #expect(section["t"] as? String == "Premier article")
        #expect(section["s"] as? String == "Contexte")
        #expect(section["k"] as? String == "article")
        let excerpt = try #require(section["x"] as? String)
        #expect(excerpt.contains("art. 3.09.10, Code des dentistes"), "the filled link label is searchable text: \(excerpt)")
    }

    @Test func eachLanguageHasItsOwnIndex() throws {
        let site = try TemporarySite(fixture: "basic")
        _ = try site.build()
        let english = try documents(site, language: "en")
        #expect(english.contains { $0["u"] as? String == "en/articles/second/#details" })
        #expect(!english.contains { ($0["u"] as? String)?.hasPrefix("articles/") == true }, "no French page in the English index")
        let meta = try site.read("search/en/meta.json")
        #expect(meta.contains("\"language\":\"en\""))
    }

    @Test func sectionCitationsFindTheProvisionFirst() throws {
        let site = try TemporarySite(fixture: "basic")
        _ = try site.build()
        let terms = try site.read("search/fr/terms-0.json")
        // "3.09.10" is one term; its first posting is the best-scored document.
        let json = try #require(JSONSerialization.jsonObject(with: Data(terms.utf8)) as? [String: Any])
        let table = try #require(json["terms"] as? [String: [Int]])
        let postings = try #require(table["3.09.10"])
        let docs = try documents(site, language: "fr")
        // Postings are (delta-coded document, score) pairs.
        var doc = 0
        var best: (url: String, score: Int) = ("", -1)
        for k in stride(from: 0, to: postings.count, by: 2) {
            doc += postings[k]
            if postings[k + 1] > best.score { best = (docs[doc]["u"] as? String ?? "", postings[k + 1]) }
        }
        #expect(best.url == "codes/dentistes/3.09.10/")
    }
}
