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

    /// An editor that saves by renaming a new file over the old one may leave the same size and
    /// date: the new file's inode tells.
    @Test func aFileReplacedByOneOfTheSameSizeAndDateIsSeen() throws {
        let site = try TemporarySite()
        try site.write("articles/a.md", "un")
        let path = site.content.appendingPathComponent("articles/a.md").path
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
        let before = FolderSnapshot.take(of: [site.content])
        try site.write("articles/.a.md.new", "on")
        let replacement = site.content.appendingPathComponent("articles/.a.md.new").path
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: replacement)
        #expect(rename(replacement, path) == 0)
        let after = FolderSnapshot.take(of: [site.content])
        #expect(after.files[path]?.size == before.files[path]?.size && after.files[path]?.modified == before.files[path]?.modified)
        #expect(after.changes(since: before) == [path])
    }

    /// Links are followed, as the loader follows them: to a file, to a folder (a change in it is
    /// seen), and in a loop (each folder read once); a broken link is no file.
    @Test func linksAreFollowedAndALoopIsReadOnce() throws {
        let site = try TemporarySite()
        let shared = site.content.deletingLastPathComponent().appendingPathComponent("shared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: shared) }
        try "partagé".write(to: shared.appendingPathComponent("p.md"), atomically: false, encoding: .utf8)
        try site.write("articles/a.md", "un")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: site.content.appendingPathComponent("articles/lien").path, withDestinationPath: shared.path)
        try fm.createSymbolicLink(atPath: site.content.appendingPathComponent("articles/b.md").path, withDestinationPath: "a.md")
        try fm.createSymbolicLink(atPath: site.content.appendingPathComponent("articles/casse.md").path, withDestinationPath: "absent.md")
        try fm.createSymbolicLink(atPath: shared.appendingPathComponent("boucle").path, withDestinationPath: shared.path)
        let before = FolderSnapshot.take(of: [site.content])
        let names = before.files.keys.map { String($0.dropFirst(site.content.path.count + 1)) }.sorted()
        #expect(names == ["articles/a.md", "articles/b.md", "articles/lien/p.md"])
        try "partagé, modifié".write(to: shared.appendingPathComponent("p.md"), atomically: false, encoding: .utf8)
        let after = FolderSnapshot.take(of: [site.content])
        #expect(after.changes(since: before) == [site.content.appendingPathComponent("articles/lien/p.md").path])
    }

    @Test func aMissingFolderIsEmpty() {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("guidesite-absent-\(UUID().uuidString)")
        #expect(FolderSnapshot.take(of: [missing]).files.isEmpty)
    }
}
