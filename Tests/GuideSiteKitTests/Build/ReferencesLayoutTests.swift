import Foundation
import Testing
@testable import GuideSiteKit

/// `data/references.json` is made again whenever a citation moves; the runs of edges of pages
/// whose citations did not change are copied from the file the last build wrote, through its
/// layout (``ReferencesLayout``), and the file is the same as one written whole.
@Suite("references.json layout")
struct ReferencesLayoutTests {
    func assembled(_ site: TemporarySite) throws -> AssembledSite {
        let (assembled, diagnostics) = try SiteBuilder(options: site.options).assemble()
        return try #require(assembled?.site, "\(diagnostics)")
    }

    func citingSite() throws -> TemporarySite {
        let site = try TemporarySite(fixture: "basic")
        try site.write("articles/citant.md", """
            ---
            title: "Citant"
            date: 2026-01-20
            code: dentistes
            ---
            Selon l’article 3.09.10 et l’article 3.06.03 de ce code, puis la recommandation 2.

            """)
        return site
    }

    @Test func unchangedRunsAreCopiedFromThePreviousFileAndTheResultIsTheWholeFile() throws {
        let site = try citingSite()
        let before = ReferencesWriter(site: try assembled(site)).bytes()
        #expect(before.layout.runs.count >= 3)
        #expect(before.layout.fileSize == before.bytes.count)
        for (page, run) in before.layout.runs {
            let text = String(decoding: before.bytes[run.range], as: UTF8.self)
            #expect(text.hasPrefix("\n    {\n") && text.hasSuffix("\n    }") && text.contains("\"from\" : \"\(page)\""), "\(page)")
        }

        // One citation moves a line: only its page's run is made again.
        try site.write("articles/citant.md", try String(contentsOf: site.content.appendingPathComponent("articles/citant.md"), encoding: .utf8)
            .replacingOccurrences(of: "---\nSelon", with: "---\nUne ligne de plus.\n\nSelon"))
        let writer = ReferencesWriter(site: try assembled(site))
        let whole = writer.bytes()
        let reused = writer.bytes(reusing: (before.layout, before.bytes))
        // (Byte arrays compared first: a failure prints the comparison, not the bytes.)
        let same = reused.bytes == whole.bytes, changed = whole.bytes != before.bytes
        #expect(same)
        #expect(reused.layout == whole.layout)
        #expect(changed)

        // Copied, not written: a previous file whose unchanged runs say something else passes it on.
        var marked = before.bytes
        let kept = try #require(before.layout.runs["articles/premier/"])
        if let at = marked[kept.range].firstIndex(of: UInt8(ascii: "V")) { marked[at] = UInt8(ascii: "W") }
        let passedOn = writer.bytes(reusing: (before.layout, marked)).bytes != whole.bytes
        #expect(passedOn, "premier's run came from the previous file")
        let moved = try #require(before.layout.runs["articles/citant/"])
        var markedMoved = before.bytes
        if let at = markedMoved[moved.range].firstIndex(of: UInt8(ascii: "S")) { markedMoved[at] = UInt8(ascii: "T") }
        let rewritten = writer.bytes(reusing: (before.layout, markedMoved)).bytes == whole.bytes
        #expect(rewritten, "citant's run was written again")

        // The nodes too: copied while no page's title or path changed, written again otherwise.
        let nodes = try #require(before.layout.nodes)
        var markedNodes = before.bytes
        if let at = markedNodes[nodes.range].firstIndex(of: UInt8(ascii: "k")) { markedNodes[at] = UInt8(ascii: "K") }
        let nodesPassedOn = writer.bytes(reusing: (before.layout, markedNodes)).bytes != whole.bytes
        #expect(nodesPassedOn, "the nodes came from the previous file")
        try site.write("articles/citant.md", try String(contentsOf: site.content.appendingPathComponent("articles/citant.md"), encoding: .utf8)
            .replacingOccurrences(of: "title: \"Citant\"", with: "title: \"Citant, renommé\""))
        let renamed = ReferencesWriter(site: try assembled(site))
        let renamedWhole = renamed.bytes()
        let nodesRewritten = renamed.bytes(reusing: (before.layout, markedNodes)).bytes == renamedWhole.bytes
        #expect(nodesRewritten, "a title changed: the nodes were written again")
        #expect(String(decoding: renamedWhole.bytes, as: UTF8.self).contains("Citant, renommé"))
    }

    /// A file made again with the same bytes as the one in the output (what it is made from
    /// changed, not what it says) is not written: only its layout is kept.
    @Test func aFileMadeWithTheSameBytesIsNotGivenToWrite() throws {
        let site = try citingSite()
        let writer = ReferencesWriter(site: try assembled(site))
        let before = writer.bytes()
        let previous = (layout: before.layout, file: FileBytes(copying: before.bytes))
        let same = writer.file(reusing: { previous }, unless: { _, _ in false })
        #expect(same.file == nil && same.layout == before.layout)
        var other = before.layout
        other.fileSize += 1
        let changed = writer.file(reusing: { (other, previous.file) }, unless: { _, _ in false })
        #expect(changed.knownChanged && changed.file.map { $0.bytes() == before.bytes } == true)
        let fresh = writer.file(reusing: { nil }, unless: { _, _ in false })
        #expect(!fresh.knownChanged && fresh.file.map { $0.bytes() == before.bytes } == true)
        let current = writer.file(reusing: { previous }, unless: { _, _ in true })
        #expect(current.file == nil && current.layout == nil)
    }

    @Test func theLayoutIsTrustedOnlyWithTheFileItDescribes() throws {
        let site = try citingSite()
        _ = try site.build()
        let layoutFile = ReferencesLayout.file(for: site.output)
        let stored = try Data(contentsOf: layoutFile)
        let previous = try #require(ReferencesLayout.previous(in: site.output))
        let published = [UInt8](previous.file.bytes) == [UInt8](try Data(contentsOf: site.output.appendingPathComponent(ReferencesWriter.path)))
        #expect(published)

        // The published file changed by hand (same size): not trusted.
        let references = site.output.appendingPathComponent(ReferencesWriter.path)
        var bytes = [UInt8](try Data(contentsOf: references))
        if let at = bytes.firstIndex(of: UInt8(ascii: "V")) { bytes[at] = UInt8(ascii: "W") }
        try Data(bytes).write(to: references)
        #expect(ReferencesLayout.previous(in: site.output) == nil)

        // Another file put in its place with the same size and date (its inode tells): not trusted.
        _ = try site.build()
        #expect(ReferencesLayout.previous(in: site.output) != nil)
        var original = stat()
        #expect(stat(references.path, &original) == 0)
        let copy = references.path + ".copy"
        try Data(contentsOf: references).write(to: URL(fileURLWithPath: copy))
        var times = [original.st_atim, original.st_mtim]
        #expect(utimensat(AT_FDCWD, copy, &times, 0) == 0)
        #expect(rename(copy, references.path) == 0)
        var swapped = stat()
        #expect(stat(references.path, &swapped) == 0 && swapped.st_size == original.st_size && swapped.st_ino != original.st_ino
            && swapped.st_mtim.tv_sec == original.st_mtim.tv_sec && swapped.st_mtim.tv_nsec == original.st_mtim.tv_nsec)
        #expect(ReferencesLayout.previous(in: site.output) == nil)
        // (The render cache, which does not look at inodes, would keep the file as it is: dated
        // now, it is made again, found the same, and its layout recorded again.)
        #expect(utimensat(AT_FDCWD, references.path, nil, 0) == 0)

        // A damaged or truncated layout, or one of another program: not trusted either.
        _ = try site.build()
        #expect(ReferencesLayout.previous(in: site.output) != nil, "the file was written again, with its layout")
        for damage in 0..<3 {
            var layout = [UInt8](stored)
            switch damage {
            case 0: layout[layout.count / 2] ^= 0x40
            case 1: layout.removeLast(5)
            default: layout = Array("GSREFLAYOUT0\n".utf8) + layout.dropFirst(13)
            }
            try Data(layout).write(to: layoutFile)
            #expect(ReferencesLayout.decode(layout) == nil, "damage \(damage)")
            #expect(ReferencesLayout.previous(in: site.output) == nil, "damage \(damage)")
        }
    }

    /// Edits that move, add and remove citations, rebuilt with the cache: `data/references.json`
    /// is always the file a build from nothing writes.
    @Test func rebuildsWriteTheFileABuildFromNothingWrites() throws {
        let site = try citingSite()
        _ = try site.build()
        let citant = try String(contentsOf: site.content.appendingPathComponent("articles/citant.md"), encoding: .utf8)
        let edits: [(String, String)] = [
            ("articles/citant.md", citant.replacingOccurrences(of: "---\nSelon", with: "---\nUne ligne.\n\nSelon")),
            ("articles/citant.md", citant.replacingOccurrences(of: "l’article 3.06.03", with: "l’article 3.06.03 et l’article 3.09.10")),
            ("articles/citant.md", citant.replacingOccurrences(of: "title: \"Citant\"", with: "title: \"Citant, renommé\"")),
            ("articles/autre.md", "---\ntitle: \"Autre\"\ndate: 2026-01-21\ncode: dentistes\n---\nVoir l’article 3.09.10.\n"),
            ("articles/citant.md", citant),
        ]
        for (k, (path, text)) in edits.enumerated() {
            try site.write(path, text)
            let result = try site.build()
            #expect(result.written)
            let full = try SiteBuilder(options: { var o = site.options; o.usesCache = false; return o }()).prepare()
            let expected = full.files.first { $0.path == ReferencesWriter.path }?.bytes
            let same = [UInt8](try Data(contentsOf: site.output.appendingPathComponent(ReferencesWriter.path))) == expected
            #expect(same, "edit \(k)")
        }
    }
}
