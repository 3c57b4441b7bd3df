import Foundation
import Testing
@testable import GuideSiteKit

/// Writing the output: a rebuild touches only the files whose bytes changed.
@Suite("Writing the output")
struct OutputWriterTests {
    func modificationDate(_ site: TemporarySite, _ path: String) throws -> Date? {
        try FileManager.default.attributesOfItem(atPath: site.output.appendingPathComponent(path).path)[.modificationDate] as? Date
    }

    @Test func aRebuildWritesOnlyWhatChangedAndRemovesWhatIsGone() throws {
        let site = try TemporarySite(fixture: "basic")
        let first = try site.build()
        #expect(first.changes.written == first.paths.count + first.assets.count)
        let stamp = Date(timeIntervalSince1970: 1_000_000)
        for path in ["articles/second/index.html", "articles/premier/index.html"] {
            try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: site.output.appendingPathComponent(path).path)
        }
        try site.write("articles/premier.md", try String(contentsOf: site.content.appendingPathComponent("articles/premier.md"), encoding: .utf8)
            .replacingOccurrences(of: "Encore.", with: "Encore une fois."))
        try site.write("articles/tiers.md", "---\ntitle: \"Tiers\"\ndate: 2025-01-01\n---\nTexte.\n")
        let second = try site.build()
        #expect(second.written)
        #expect(try site.read("articles/premier/index.html").contains("Encore une fois."))
        #expect(try modificationDate(site, "articles/premier/index.html") != stamp, "the edited page is rewritten")
        #expect(try modificationDate(site, "articles/second/index.html") == stamp, "an unchanged page is left alone")
        #expect(second.changes.written > 0 && second.changes.unchanged > 0)
        try site.remove("articles/tiers.md")
        let third = try site.build()
        #expect(!site.exists("articles/tiers/index.html"), "a page that is gone is removed")
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("articles/tiers").path), "with its folder")
        #expect(third.changes.removed >= 1)
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: site.output.path).filter { $0.contains("guidesite-tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func aRebuildEqualsAFreshBuild() throws {
        let site = try TemporarySite(fixture: "basic")
        _ = try site.build()
        try site.write("articles/premier.md", "---\ntitle: \"Premier article\"\ndate: 2026-01-10\n---\nRéécrit, art. 3.06.03 du Code de déontologie des dentistes.\n")
        _ = try site.build()
        let fresh = try SiteBuilder(options: site.options).prepare()
        for file in fresh.files {
            let onDisk = try Data(contentsOf: site.output.appendingPathComponent(file.path))
            #expect([UInt8](onDisk) == file.bytes, "\(file.path)")
        }
        let paths = Set(try FileManager.default.subpathsOfDirectory(atPath: site.output.path).filter {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: site.output.appendingPathComponent($0).path, isDirectory: &isFolder) && !isFolder.boolValue
        })
        #expect(paths == Set(fresh.files.map(\.path) + fresh.assets.map { "assets/" + $0.path }))
    }

    @Test func aDiscardedWriteLeavesThePreviousOutputAsItWas() throws {
        let site = try TemporarySite(fixture: "basic")
        _ = try site.build()
        let before = try FileManager.default.subpathsOfDirectory(atPath: site.output.path).sorted()
        let page = try site.read("articles/premier/index.html")
        let session = try OutputSession(output: site.output)
        try session.add(OutputFile(path: "articles/premier/index.html", text: "changed"))
        try session.add(OutputFile(path: "nouveau/dossier/index.html", text: "new"))
        session.discard()
        #expect(try FileManager.default.subpathsOfDirectory(atPath: site.output.path).sorted() == before)
        #expect(try site.read("articles/premier/index.html") == page)
    }

    @Test func aFirstWriteAppearsOnlyWhenCommitted() throws {
        let site = try TemporarySite(fixture: "basic")
        let session = try OutputSession(output: site.output)
        try session.add(OutputFile(path: "index.html", text: "home"))
        #expect(!FileManager.default.fileExists(atPath: site.output.path), "files wait in a staging folder")
        #expect(throws: GuideSiteError.self) { try session.add(OutputFile(path: "../escape.html", text: "no")) }
        let changes = try session.commit()
        #expect(changes.written == 1)
        #expect(try site.read("index.html") == "home")
        let parent = try FileManager.default.contentsOfDirectory(atPath: site.output.deletingLastPathComponent().path)
        #expect(!parent.contains { $0.contains("staging") })
    }

    /// Replaced and removed files leave nothing behind once the write is finished (they are moved
    /// aside, then freed), an aside folder of a stopped build is removed, and the commit says it
    /// changes the folder before it does: not at all when nothing changes.
    @Test func replacedFilesLeaveNothingBehind() throws {
        let site = try TemporarySite(fixture: "basic")
        let large = [UInt8](repeating: 0x61, count: 2 << 20)
        var first = try OutputSession(output: site.output)
        try first.add(OutputFile(path: "data/large.json", bytes: large))
        try first.add(OutputFile(path: "data/small.json", text: "{}"))
        try first.add(OutputFile(path: "data/gone.json", text: "[]"))
        try first.commit()
        first = try OutputSession(output: site.output)
        try first.add(OutputFile(path: "data/large.json", bytes: large))
        try first.add(OutputFile(path: "data/small.json", text: "{}"))
        try first.add(OutputFile(path: "data/gone.json", text: "[]"))
        var told = false
        let unchanged = try first.commit(beforeChanging: { told = true })
        #expect(!told && unchanged.written == 0, "the same bytes: nothing to change")

        // What stopped builds leave: a folder whose process is gone, and one named with this
        // process's id (in a container, every run may be process 1).
        let parent = site.output.deletingLastPathComponent()
        for owner in [Int32.max, getpid()] {
            let abandoned = parent.appendingPathComponent(".\(site.output.lastPathComponent).replaced.tmp-\(owner)-1")
            try FileManager.default.createDirectory(at: abandoned, withIntermediateDirectories: false)
            try Data("old".utf8).write(to: abandoned.appendingPathComponent("0"))
        }

        let session = try OutputSession(output: site.output)
        try session.add(OutputFile(path: "data/large.json", bytes: large + [0x62]))
        try session.add(OutputFile(path: "data/small.json", text: "{\"a\":1}"))
        let changes = try session.commit(beforeChanging: { told = true })
        #expect(told && changes.written == 2 && changes.removed == 1)
        #expect(try Data(contentsOf: site.output.appendingPathComponent("data/large.json")).count == large.count + 1)
        #expect(try site.read("data/small.json") == "{\"a\":1}")
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("data/gone.json").path))
        let aside = try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0.hasPrefix(".") }
        #expect(aside.count == 1, "the old files wait aside until freed, the abandoned folders are gone: \(aside)")
        let waiting = try aside.first.map { try FileManager.default.contentsOfDirectory(atPath: parent.appendingPathComponent($0).path) }
        #expect(waiting?.count == 3, "the two files replaced and the one removed")
        session.freeReplacedFiles()
        let left = try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0.hasPrefix(".") }
        #expect(left.isEmpty, "nothing of the old files: \(left)")
    }
}
