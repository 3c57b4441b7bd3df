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

#if os(Linux)
@Suite("Woken by file events")
struct FolderWatcherTests {
    /// Writes the file at `path` (with the folders it needs, which the watcher then meets), then
    /// changes it: both wake `watcher`, the change only if the file's folder is watched.
    func expectWatched(_ path: String, in site: TemporarySite, by watcher: FolderWatcher, _ comment: Comment) throws {
        try site.write(path, "un")
        #expect(watcher.waitForChange(timeout: .seconds(5)))
        _ = watcher.waitForChange(timeout: .milliseconds(50))
        try site.write(path, "un, modifié")
        #expect(watcher.waitForChange(timeout: .seconds(5)), comment)
    }

    @Test func aSavedFileWakesItAHiddenOneDoesNot() throws {
        let site = try TemporarySite()
        try site.write("articles/a.md", "un")
        let watcher = try #require(FolderWatcher(folders: [site.content]))
        #expect(!watcher.waitForChange(timeout: .milliseconds(50)), "nothing changed")
        try site.write("articles/.a.md.swp", "brouillon de l'éditeur")
        #expect(!watcher.waitForChange(timeout: .milliseconds(50)), "a hidden file")
        try site.write("articles/a.md", "un, modifié")
        #expect(watcher.waitForChange(timeout: .seconds(5)))
        #expect(!watcher.waitForChange(timeout: .milliseconds(50)), "the events were all read")
        try site.remove("articles/a.md")
        #expect(watcher.waitForChange(timeout: .seconds(5)))
    }

    /// A folder made after the watch starts is watched (with what it holds already), and so is
    /// one removed and made again, which may get the inode of the one removed.
    @Test func foldersMadeLaterAreWatched() throws {
        let site = try TemporarySite()
        try site.write("articles/a.md", "un")
        let watcher = try #require(FolderWatcher(folders: [site.content]))
        try expectWatched("articles/dossier/sous-dossier/b.md", in: site, by: watcher, "a file in a folder made after the start")
        for round in 0..<3 {
            try site.remove("articles/dossier")
            #expect(watcher.waitForChange(timeout: .seconds(5)))
            try expectWatched("articles/dossier/c.md", in: site, by: watcher, "a folder made again, round \(round)")
        }
    }

    /// A folder renamed keeps its watch under its new name: a folder made in it after is watched
    /// (and so are those under a folder renamed with it).
    @Test func aRenamedFolderIsWatchedUnderItsNewName() throws {
        let site = try TemporarySite()
        try site.write("articles/a/sous/a.md", "un")
        let watcher = try #require(FolderWatcher(folders: [site.content]))
        let articles = site.content.appendingPathComponent("articles")
        #expect(rename(articles.appendingPathComponent("a").path, articles.appendingPathComponent("b").path) == 0)
        #expect(watcher.waitForChange(timeout: .seconds(5)))
        try expectWatched("articles/b/sous/c/y.md", in: site, by: watcher, "a file in a folder made in a renamed one")
    }

    /// More events than the kernel keeps: some are lost, folders made among them included; the
    /// watcher wakes, and watches every folder made meanwhile.
    @Test func foldersMadeWhileEventsWereLostAreWatched() throws {
        let site = try TemporarySite()
        try site.write("articles/a.md", "un")
        let watcher = try #require(FolderWatcher(folders: [site.content]))
        let limit = (try? String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 16_384
        let articles = site.content.appendingPathComponent("articles")
        // Each file made gives three events (created, modified, closed).
        for k in 0...(limit / 3 + 10) {
            #expect(FileManager.default.createFile(atPath: articles.appendingPathComponent("f\(k).md").path, contents: Data("x".utf8)))
        }
        try expectWatched("articles/nouveau/z.md", in: site, by: watcher, "a file in a folder made while events were lost")
    }
}
#endif
