import Foundation
import Testing
@testable import GuideSiteKit

@Suite("Noticing saved files")
struct ServeWatchTests {
    @Test func addedChangedAndRemovedFilesAreSeenHiddenOnesAreNot() throws {
        let site = try TemporarySite()
        try site.write("articles/a.md", "un")
        try site.write("articles/b.md", "deux")
        let before = FolderSnapshot.take(of: [site.content])
        #expect(before.files.count == 2)
        try site.write("articles/a.md", "un, modifié")
        try site.remove("articles/b.md")
        try site.write("codes/c.yaml", "id: c")
        try site.write("articles/.a.md.swp", "brouillon de l'éditeur")
        let after = FolderSnapshot.take(of: [site.content])
        let changed = after.changes(since: before).map { URL(fileURLWithPath: $0).lastPathComponent }
        #expect(changed.sorted() == ["a.md", "b.md", "c.yaml"])
        #expect(FolderSnapshot.take(of: [site.content]) == after, "nothing changed: equal snapshots")
    }

    @Test func aMissingFolderIsEmpty() {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("guidesite-absent-\(UUID().uuidString)")
        #expect(FolderSnapshot.take(of: [missing]).files.isEmpty)
    }
}
