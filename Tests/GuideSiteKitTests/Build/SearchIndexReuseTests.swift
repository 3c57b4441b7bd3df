import Foundation
import Testing
@testable import GuideSiteKit

/// A language's search index is kept as it is when its documents did not change, and made again
/// (all of it) when one did.
@Suite("Search index reuse")
struct SearchIndexReuseTests {
    @Test func anUnchangedLanguageKeepsItsIndex() throws {
        let site = try TemporarySite(fixture: "basic")
        let first = try site.build()
        let searchFiles = first.paths.filter { $0.hasPrefix("search/") }
        #expect(!searchFiles.isEmpty)
        #expect(first.kept.allSatisfy { !$0.hasPrefix("search/") })

        let unchanged = try site.build()
        #expect(Set(searchFiles).isSubset(of: Set(unchanged.kept)), "nothing changed: every search file kept")
        #expect(unchanged.paths == first.paths)

        // A French article changes: the French index is made again, the English one is kept.
        let article = try String(contentsOf: site.content.appendingPathComponent("articles/second.md"), encoding: .utf8)
        try site.write("articles/second.md", article + "\nUne phrase de plus sur la confidentialité.\n")
        let edited = try site.build()
        let kept = Set(edited.kept)
        #expect(!searchFiles.filter { $0.hasPrefix("search/fr/") }.contains(where: kept.contains), "the French index is made again")
        #expect(searchFiles.filter { $0.hasPrefix("search/en/") }.allSatisfy(kept.contains), "the English index is kept")
        #expect(edited.written)
    }

    @Test func aSearchFileChangedOnDiskIsMadeAgain() throws {
        let site = try TemporarySite(fixture: "basic")
        let first = try site.build()
        let file = try #require(first.paths.first { $0.hasPrefix("search/fr/terms-") })
        let bytes = try Data(contentsOf: site.output.appendingPathComponent(file))
        try Data("{}".utf8).write(to: site.output.appendingPathComponent(file))
        let again = try site.build()
        #expect(!again.kept.contains(file))
        #expect(try Data(contentsOf: site.output.appendingPathComponent(file)) == bytes)
    }

    @Test func everyFieldOfADocumentCountsInItsHash() {
        #expect(Mirror(reflecting: SearchDocument(url: "", title: "", kind: .page, language: .fr)).children.count
            == StableHash.searchDocumentFieldCount, "a new field of SearchDocument must be hashed too")
        let base = SearchDocument(url: "a/", title: "T", section: "S", kind: .article, language: .fr, professions: ["p"],
                                  tags: ["t"], date: "2026-01-01", titleText: "tt", headingsText: "h", summaryText: "s",
                                  bodyText: "b", citations: ["3.09.10"])
        func hash(_ document: SearchDocument) -> UInt64 {
            var hasher = StableHash()
            hasher.combine(document: document)
            return hasher.value
        }
        let changes: [(inout SearchDocument) -> Void] = [
            { $0.url = "b/" }, { $0.title = "U" }, { $0.section = nil }, { $0.kind = .page }, { $0.language = .en },
            { $0.professions = [] }, { $0.tags = ["t", "u"] }, { $0.date = nil }, { $0.titleText = "" }, { $0.headingsText = "" },
            { $0.summaryText = "" }, { $0.bodyText = "c" }, { $0.citations = [] },
        ]
        #expect(changes.count == StableHash.searchDocumentFieldCount)
        var seen: Set<UInt64> = [hash(base)]
        for (index, change) in changes.enumerated() {
            var changed = base
            change(&changed)
            #expect(seen.insert(hash(changed)).inserted, "field \(index)")
        }
    }
}
